/* Database test that search_words (sql/functions/search.sql) makes the
 * same vectors since it reads a text's hosts and addresses in one pass
 * of the parser (965) as it did with a pass each (search_words and
 * search_address_words of 964, kept here word for word as the
 * reference, in schema ref): the same words at the same positions, for
 * the texts of `db seed-demo` (titles, descriptions, customers and
 * contacts, messages) and for hostile ones (empty, control characters,
 * long texts, many addresses in every order, IPv6, ports,
 * "x.y+z@host", names with apostrophes and hyphens, accents) and
 * thousands of short texts made at random from the characters and
 * pieces that matter. Also that the default parser's token ids that
 * search_words names are the ones it means. */
#include <stdlib.h>
#include <string.h>

#include "testdb.h"

/* search_words and search_address_words as 964 left them (a869cd1). */
static const char *reference =
	"CREATE SCHEMA ref;"
	"CREATE FUNCTION ref.search_words(body text) RETURNS tsvector"
	"    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$"
	" DECLARE"
	"    v_inner text;"
	"    v       tsvector := pg_catalog.to_tsvector('ticketty.search_text', body);"
	" BEGIN"
	"    IF body IS NULL THEN"
	"        RETURN v;"
	"    END IF;"
	"    IF body ~ '/|[[:alnum:]]\\.[[:alnum:]]' THEN"
	"        SELECT pg_catalog.string_agg(pg_catalog.regexp_replace(p.token, '[^[:alnum:]-]+', ' ', 'g'), ' ')"
	"          INTO v_inner"
	"          FROM pg_catalog.ts_parse('default', body) p"
	"         WHERE p.tokid IN (SELECT k.tokid FROM pg_catalog.ts_token_type('default') k"
	"                            WHERE k.alias IN ('host', 'url_path', 'file'));"
	"        v := v || coalesce(pg_catalog.to_tsvector('ticketty.search_text', v_inner), '');"
	"    END IF;"
	"    RETURN v || ticketty.search_joined_words(body) || ref.search_address_words(body);"
	" END $$;"
	"CREATE FUNCTION ref.search_address_words(body text) RETURNS tsvector"
	"    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$"
	" DECLARE"
	"    v_words text;"
	" BEGIN"
	"    IF body IS NULL OR body !~ '[[:alnum:]]@[[:alnum:]]|\\.[[:alpha:]]+:[0-9]' THEN"
	"        RETURN ''::tsvector;"
	"    END IF;"
	"    SELECT pg_catalog.string_agg("
	"               CASE WHEN k.alias = 'email'"
	"                    THEN pg_catalog.split_part(p.token, '@', 1) || ' ' || pg_catalog.split_part(p.token, '@', 2)"
	"                         || ' ' || pg_catalog.regexp_replace(p.token, '[^[:alnum:]-]+', ' ', 'g')"
	"                    ELSE pg_catalog.regexp_replace(p.token, ':[0-9]+$', '') END, ' ')"
	"      INTO v_words"
	"      FROM pg_catalog.ts_parse('default', body) p"
	"      JOIN pg_catalog.ts_token_type('default') k ON k.tokid = p.tokid"
	"     WHERE k.alias = 'email' OR (k.alias = 'host' AND p.token ~ ':[0-9]+$');"
	"    RETURN coalesce(pg_catalog.to_tsvector('ticketty.search_text', v_words), '');"
	" END $$;";

/* The texts: the demo desk's four texts of each ticket and its
 * messages, then the hostile ones, then the random ones (setseed: the
 * same every run). */
static const char *corpus =
	"CREATE TABLE ref.texts (body text);"
	"INSERT INTO ref.texts"
	" SELECT concat_ws(' ', t.id, t.title, array_to_string(t.object_ids, ' '), t.member_id, t.bidder_id,"
	"                  t.creative_id, t.bug_ref) FROM tickets t"
	" UNION ALL SELECT concat_ws(' ', t.description, t.impact, t.repro_steps) FROM tickets t"
	" UNION ALL SELECT concat_ws(' ', cu.name, (SELECT concat_ws(' ', co.name, co.email) FROM contacts co"
	"                                            WHERE co.id = t.contact_id))"
	"             FROM tickets t JOIN customers cu ON cu.id = t.customer_id"
	" UNION ALL SELECT cu.name FROM customers cu"
	" UNION ALL SELECT body FROM comments;"
	"INSERT INTO ref.texts VALUES"
	" (NULL), (''), (' '), (E'\\x01\\x02\\t\\r\\n\\x7f\\x1b[0m'), ('-'), ('--'), (''''), ('@'), ('@@'), (':'), ('.'), ('/'),"
	" ('a@b'), ('a@b.c'), ('x.y+z@host'), ('x.y+z@host.example'), ('\"quoted\"@x.example'), ('user@host.example:25'),"
	" ('mailto:a@b.example'), ('Ana.Lopez@Harbour-Media.EXAMPLE'), ('<Ana.Lopez@harbour-media.example>, she runs it.'),"
	" ('billing@acme-corp.example ops@acme-corp.example billing@acme-corp.example'),"
	" ('api.acme-corp.example:8443 a@b.example c.example:80 d@e.example'),"
	" ('h.example:80 a@b.example'), ('b@x.example a@y.example z.example:1 y.example:2'),"
	" ('[2001:db8::1]:8080'), ('fe80::1%eth0'), ('http://[::1]:80/x'), ('2001:db8:85a3::8a2e:370:7334'), ('::1'),"
	" ('1.2.3.4:80'), ('x.y:0'), ('host.example:65536'), ('host.example:'), ('host.example:abc'), ('.example:80'),"
	" ('https://www.redkiteperformance.example/news?id=1&x=2#frag'), ('http://user:pass@host.example:8080/p/a/t/h.html'),"
	" ('ftp://x.example/file.tar.gz'), ('/usr/local/lib/x.so.1'), (E'C:\\\\x\\\\y.txt'), ('./a/b/../c'), ('file.txt'),"
	" ('a/b'), ('<a href=\"http://x.example/\">x.example</a>'), ('<b>bold</b> a@b.example'), ('&amp; &lt;x@y.example&gt;'),"
	" ('17.6 1.2.3 v2.0.1 3.14 -5 +7 1e10'), ('xn--bcher-kva.example'), ('x.example.'), ('a.b.c.d.e'), ('a..b'),"
	" ('O''Brien'), ('o''brien'), ('d''Artagnan'), ('L’Oréal'), ('O’Brien'), ('Oʼbrien'), ('don''t we''ll customer''s'),"
	" ('Jean-Luc'), ('jean-luc picard-smith'), ('José-María Núñez'), ('e-mail'), ('a-b-c-d'), ('-a-'), ('co-op''s'),"
	" ('impresión impresiones país países lápiz lápices niño'), ('ÀÖØöøɏ Ÿ ß ẞ İ ı ǅ'), ('Ελληνικά κείμενο'),"
	" ('日本語テキスト'), ('emoji 😀 a@b.example 😀'), (E'combining e\\u0301 a\\u0300'), ('ENG-20691 ENG_20691 ENG–20691'),"
	" ('wr@ng@x.example'), ('a@b@c.example'), ('.a@b.example'), ('a.@b.example'), ('a@-b.example'), ('a@b-.example'),"
	" ('UPPER@CASE.EXAMPLE:25 Host.Example:8080'), (E'tab\\ta@b.example\\tx.example:1'),"
	" (repeat('word ', 20000)), (repeat('a@b.example ', 400)), (repeat('x.example:80 ', 400)),"
	" (repeat('O''Brien ', 300)), (repeat('Jean-Luc e-mail ', 3000) || ' z@last.example'),"
	" (repeat('x', 3000) || '@y.example'), (repeat('y', 2100)), (repeat('a', 2046) || '.example'),"
	" ('a@' || repeat('b', 2100) || '.example'),"
	" (repeat('Pedro Eriksen pedro.eriksen@redkiteperformance.example host.example:8443 https://h.example/p ', 250));"
	"INSERT INTO ref.texts"
	" SELECT string_agg(substr(c.chars, 1 + floor(random() * length(c.chars))::int, 1), '' ORDER BY k)"
	"   FROM (SELECT setseed(0.19)) s,"
	"        (VALUES ('abcBé.@:/-''’+_[]<>% 19ñ' || E'\\n' || 'xyz.')) c(chars),"
	"        generate_series(1, 4000) i, LATERAL generate_series(1, 1 + (i % 40)) k"
	"  GROUP BY i;"
	"INSERT INTO ref.texts"
	" SELECT string_agg((ARRAY['ana', 'lopez', '.', '@', 'example', ':', '8080', '-', '''', 'O', 'Brien', ' ', '/',"
	"                          'http://', 'ñu', 'x.y', '+', '[::1]', 'com', '1.2', 'é'])[1 + floor(random() * 21)::int],"
	"                   '' ORDER BY k)"
	"   FROM (SELECT setseed(0.42)) s, generate_series(1, 4000) i, LATERAL generate_series(1, 1 + (i % 15)) k"
	"  GROUP BY i;"
	"INSERT INTO ref.texts"
	" SELECT string_agg((ARRAY['ana.lopez@acme-corp.example', 'b@x.example', 'Z.Y+q@Host.Example', 'h.example:80',"
	"                          'api.x.example:8443', ' ', ', ', ' <', '> ', 'O''Brien', 'Jean-Luc',"
	"                          'https://w.example/p/q.html', '1.2.3.4:25', 'x.example', 'a@b', '@', ':9',"
	"                          'müller@uni.example', 'ñ.ñ@ñ.example', 'file.txt', '17.6'])[1 + floor(random() * 21)::int],"
	"                   '' ORDER BY k)"
	"   FROM (SELECT setseed(0.77)) s, generate_series(1, 4000) i, LATERAL generate_series(1, 1 + (i % 12)) k"
	"  GROUP BY i;";

START_TEST(default_parser_token_ids)
{
	testdb_create();
	testdb_expect("SELECT string_agg(tokid || ' ' || alias, ', ' ORDER BY tokid) FROM ts_token_type('default')"
		      " WHERE alias IN ('email', 'host', 'url_path', 'file')",
		      "4 email, 6 host, 18 url_path, 19 file");
}
END_TEST

START_TEST(one_pass_makes_the_same_vectors)
{
	testdb_create();
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db seed-demo --tickets 300"), 0);
	testdb_sql(reference);
	testdb_sql(corpus);
	/* the corpus holds what it is for: addresses (several in a text),
	 * hosts with ports, joined words, links, long texts */
	testdb_expect("SELECT count(*) >= 8000 FROM ref.texts", "t");
	testdb_expect("SELECT count(*) FILTER (WHERE (SELECT count(*) FROM ts_parse('default', body) p"
		      "                               WHERE p.tokid = 4) > 1) >= 500"
		      "   AND count(*) FILTER (WHERE body ~ '[[:alpha:]]\\.[[:alpha:]]+:[0-9]') >= 500"
		      "   AND count(*) FILTER (WHERE search_joined_words(body) <> '') >= 500"
		      "   AND count(*) FILTER (WHERE body ~ 'https?://') >= 300"
		      "   AND count(*) FILTER (WHERE length(body) > 16383) >= 3"
		      " FROM ref.texts", "t");
	testdb_expect("SELECT count(*) FROM ref.texts"
		      " WHERE search_words(body) IS DISTINCT FROM ref.search_words(body)"
		      "    OR search_words(body)::text IS DISTINCT FROM ref.search_words(body)::text", "0");
	/* and with the weights of a ticket's vector */
	testdb_expect("SELECT count(*) FROM ref.texts"
		      " WHERE setweight(search_words(body), 'C') || search_words(body)"
		      "       IS DISTINCT FROM setweight(ref.search_words(body), 'C') || ref.search_words(body)", "0");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("search_words_same");
	TCase *tc = tcase_create("search_words_same");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, default_parser_token_ids);
	tcase_add_test(tc, one_pass_makes_the_same_vectors);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
