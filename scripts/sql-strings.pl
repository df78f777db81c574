#!/usr/bin/perl
# Extracts the English reference texts the migrations store (severity names
# and definitions, request types, teams, case reasons, intake labels and
# help, escalation titles, holiday names) as a .pot fragment, so the client
# can translate them with i18n_db(). The list of translatable columns below
# is the one place that says which database texts are shown to users.
#
# Usage: perl scripts/sql-strings.pl sql/[0-9]*.sql sql/functions/*.sql > db-strings.pot
# It reads INSERT ... VALUES, INSERT ... SELECT ... FROM (VALUES ...) AS v(cols)
# and UPDATE t SET col = '...' [WHERE ...] statements; other statements are skipped.
#
# It also extracts the messages the server raises (RAISE EXCEPTION '...',
# MESSAGE/DETAIL/HINT = '...', and format('...') texts with words, which
# may become messages) with the context "server":
# src/db/servermsg.c finds the same formats in the embedded migrations,
# matches an incoming English message against them and fills the
# translated format with the values, in order (each % is one value).
use strict;
use warnings;

my %translatable = map { $_ => 1 } qw(
	teams.name
	request_types.name request_types.example
	severities.name severities.definition severities.function_criteria
	severities.data_criteria severities.backend_criteria
	case_reasons.name case_reasons.definition
	escalation_levels.title
	intake_fields.label intake_fields.help intake_fields.rule
	holidays.name
);

my (@order, %refs, %comment, %ctx);

sub found {
	my ($text, $file, $line, $what, $context) = @_;
	return if $text eq '';
	my $key = defined $context ? "$context\004$text" : $text;
	push @order, $key unless exists $refs{$key};
	push @{ $refs{$key} }, "$file:$line";
	$comment{$key}{$what} = 1;
	$ctx{$key} = $context;
}

my $sql_verbs = 'REVOKE|GRANT|CREATE|ALTER|DROP|SELECT|INSERT|UPDATE|DELETE|SET|COMMENT|EXECUTE|LISTEN|NOTIFY';

# A server message format worth translating: some words besides the %s.
sub server_message {
	my ($text, $file, $line) = @_;
	(my $words = $text) =~ s/%%|%//g;
	return unless $words =~ /[A-Za-z]{2}/;
	# too few fixed letters ("% has %") would match unrelated messages
	return if ($words =~ tr/A-Za-z//) < 6;
	# format() also builds SQL statements: those are not messages
	return if $text =~ /^(?:$sql_verbs)\s/;
	found($text, $file, $line, 'server message', 'server');
}

sub raised_messages {
	my ($src, $file) = @_;
	my $lit = qr/'((?:[^']|'')*)'/;
	# an escape string (E'...', never the e of a literal 'e'): read only as a refused field's line,
	# "field<TAB>code<TAB>message", whose message the client translates
	my $elit = qr/[Ee]'((?:[^'\\]|''|\\.)*)'/;
	# the functions that take a refused field's (field, code, message):
	# the message is their third argument, a name may be joined on before it
	my $helper = qr/\b(?:admin_problem|intake_line|esc_raise_tt400)\s*\(\s*(?:'[^']*'|[A-Za-z_][A-Za-z0-9_.]*)\s*,\s*'[^']*'\s*,\s*([A-Za-z_][A-Za-z0-9_.]*\s*\|\|\s*)?/;
	while ($src =~ /\bRAISE\s+EXCEPTION\s+(?:$lit|$elit)|\b(?:MESSAGE|DETAIL|HINT)\s*=\s*(?:$lit|$elit)|\bformat\s*\(\s*(?:$lit|$elit)|$helper$lit|(?<![A-Za-z0-9_'])$elit/gi) {
		my ($s, $kind, $escaped, $joined) =
			defined $1 ? ($1, 'raise', 0) : defined $2 ? ($2, 'raise', 1) :
			defined $3 ? ($3, 'raise', 0) : defined $4 ? ($4, 'raise', 1) :
			defined $5 ? ($5, 'format', 0) : defined $6 ? ($6, 'format', 1) :
			defined $8 ? ($8, 'raise', 0, defined $7) : ($9, 'raise', 1);
		my $line = 1 + (substr($src, 0, $-[0]) =~ tr/\n//);
		if ($escaped) {
			$s =~ s/''/'/g;
			$s =~ s/\\(.)/$1 eq 't' ? "\t" : $1 eq 'n' ? "\n" : $1/ge;
			# the field may be joined on before it (p_field || E'\tcode\t...'),
			# or be a format's value (format(E'%s\tcode\t...', line, ...))
			next unless $s =~ /^(?:[a-z_]*|%s)\t[a-z_]+\t(.*)$/s;
			$s = $1;
			$s =~ s/\n$//;
			next if $s =~ /[\n\t]/;
		} else {
			# SQL joins literals separated by a line break: 'abc'\n 'def'
			while ($src =~ /\G\s*\n\s*'((?:[^']|'')*)'/gc) {
				$s .= $1;
			}
			$s =~ s/''/'/g;
		}
		# 'text' || expression: the rest of the message is one value
		$s .= '%' if $kind ne 'format' && substr($src, pos($src)) =~ /^\s*\|\|/;
		$s = "%$s" if $joined;
		# format(): %s is a value like RAISE's %; other directives are not matched
		if ($kind eq 'format') {
			next if $s =~ /%[^s%]/;
			$s =~ s/%s/%/g;
		}
		server_message($s, $file, $line);
	}
	# admin_refuse_if(problems, 'summary'): the summary is raised as the
	# message; it is the call's last argument, after nested calls
	while ($src =~ /\badmin_refuse_if\s*\(/gi) {
		my $start = pos($src);
		my $line = 1 + (substr($src, 0, $-[0]) =~ tr/\n//);
		my ($depth, $last, $j) = (0, $start, $start);
		my $n = length $src;
		for (; $j < $n; $j++) {
			my $c = substr($src, $j, 1);
			if ($c eq "'") {
				$j++;
				while ($j < $n) {
					if (substr($src, $j, 2) eq "''") { $j += 2; next; }
					last if substr($src, $j, 1) eq "'";
					$j++;
				}
			} elsif ($c eq '(' || $c eq '[') {
				$depth++;
			} elsif (($c eq ')' || $c eq ']') && $depth > 0) {
				$depth--;
			} elsif ($c eq ',' && $depth == 0) {
				$last = $j + 1;
			} elsif ($c eq ')') {
				last;
			}
		}
		next unless $j < $n;
		next unless substr($src, $last, $j - $last) =~ /^\s*$lit\s*$/;
		(my $s = $1) =~ s/''/'/g;
		server_message($s, $file, $line);
	}
}

# Tokens: [type, value, line]; type is one of str, word, punct.
sub tokenize {
	my ($src) = @_;
	my @t;
	my $line = 1;
	while (length $src) {
		if ($src =~ s/^(\s+)//) {
			$line += ($1 =~ tr/\n//);
		} elsif ($src =~ s/^--[^\n]*//) {
		} elsif ($src =~ s{^/\*.*?\*/}{}s) {
			$line += ($& =~ tr/\n//);
		} elsif ($src =~ s/^\$([A-Za-z_]*)\$(.*?)\$\1\$//s) {
			# dollar-quoted body (functions): one opaque token
			my $body = $&;
			push @t, ['body', '', $line];
			$line += ($body =~ tr/\n//);
		} elsif ($src =~ s/^[Ee]?'((?:[^']|'')*)'//) {
			my $s = $1;
			my $start = $line;
			$line += ($s =~ tr/\n//);
			$s =~ s/''/'/g;
			push @t, ['str', $s, $start];
		} elsif ($src =~ s/^("(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_.]*|\d+(?:\.\d+)?)//) {
			push @t, ['word', lc $1, $line];
		} elsif ($src =~ s/^(::|.)//s) {
			push @t, ['punct', $1, $line];
		}
	}
	return @t;
}

# Splits the tokens of a parenthesised list starting at index $i (which is
# '(') into its top-level elements; returns (\@elements, index after ')').
sub paren_list {
	my ($t, $i) = @_;
	my (@elems, @cur);
	my $depth = 0;
	for (; $i < @$t; $i++) {
		my ($type, $v) = @{ $t->[$i] };
		if ($type eq 'punct' && $v eq '(') {
			push @cur, $t->[$i] if $depth++ > 0;
		} elsif ($type eq 'punct' && $v eq ')') {
			if (--$depth == 0) {
				push @elems, [@cur] if @cur;
				return (\@elems, $i + 1);
			}
			push @cur, $t->[$i];
		} elsif ($type eq 'punct' && $v eq ',' && $depth == 1) {
			push @elems, [@cur];
			@cur = ();
		} else {
			push @cur, $t->[$i];
		}
	}
	return (\@elems, $i);
}

sub names_of {
	my ($elems) = @_;
	return map { @$_ == 1 && $_->[0][0] eq 'word' ? $_->[0][1] : '' } @$elems;
}

# Reads the VALUES tuples from index $i on, recording strings in
# translatable columns.
sub take_tuples {
	my ($t, $i, $end, $table, $cols, $file) = @_;
	while ($i < $end) {
		my $tok = $t->[$i];
		if ($tok->[0] eq 'punct' && $tok->[1] eq '(') {
			my ($elems, $next) = paren_list($t, $i);
			for my $k (0 .. $#$elems) {
				my $col = $cols->[$k] // '';
				my $e = $elems->[$k];
				next unless $translatable{"$table.$col"};
				next unless @$e == 1 && $e->[0][0] eq 'str';
				found($e->[0][1], $file, $e->[0][2], "$table.$col");
			}
			$i = $next;
		} elsif ($tok->[0] eq 'punct' && $tok->[1] eq ',') {
			$i++;
		} else {
			last;
		}
	}
}

sub statement {
	my ($t, $file) = @_;
	return unless @$t >= 3 && $t->[0][0] eq 'word';
	if ($t->[0][1] eq 'insert' && $t->[1][1] eq 'into') {
		my $table = $t->[2][1];
		$table =~ s/^ticketty\.//;
		my $i = 3;
		my @cols;
		if ($i < @$t && $t->[$i][1] eq '(') {
			my ($elems, $next) = paren_list($t, $i);
			@cols = names_of($elems);
			$i = $next;
		}
		if ($i < @$t && $t->[$i][1] eq 'values') {
			take_tuples($t, $i + 1, scalar @$t, $table, \@cols, $file);
			return;
		}
		# INSERT ... SELECT ... FROM (VALUES ...) AS alias(cols): the alias
		# names the columns (they are named after the target columns).
		for (my $j = $i; $j < @$t - 1; $j++) {
			next unless $t->[$j][1] eq '(' && $t->[$j + 1][1] eq 'values';
			my ($unused, $after) = paren_list($t, $j);
			my $k = $after;
			$k++ if $k < @$t && $t->[$k][1] eq 'as';
			next unless $k + 1 < @$t && $t->[$k + 1][1] eq '(';
			my ($alias_cols) = paren_list($t, $k + 1);
			my @acols = names_of($alias_cols);
			take_tuples($t, $j + 2, $after - 1, $table, \@acols, $file);
		}
	} elsif ($t->[0][1] eq 'update') {
		my $table = $t->[1][1];
		$table =~ s/^ticketty\.//;
		for (my $j = 2; $j + 2 < @$t; $j++) {
			next unless $t->[$j][0] eq 'word' && $t->[$j + 1][1] eq '=' && $t->[$j + 2][0] eq 'str';
			my $col = $t->[$j][1];
			next unless $translatable{"$table.$col"};
			# the string is the whole value: a comma, the end or a WHERE follows
			next if $j + 3 < @$t && $t->[$j + 3][0] ne 'punct' && $t->[$j + 3][1] ne 'where';
			found($t->[$j + 2][1], $file, $t->[$j + 2][2], "$table.$col");
		}
	}
}

for my $file (@ARGV) {
	open my $fh, '<:encoding(UTF-8)', $file or die "$file: $!\n";
	local $/;
	my $src = <$fh>;
	close $fh;
	raised_messages($src, $file);
	my @tokens = tokenize($src);
	my @stmt;
	for my $tok (@tokens) {
		if ($tok->[0] eq 'punct' && $tok->[1] eq ';') {
			statement(\@stmt, $file);
			@stmt = ();
		} else {
			push @stmt, $tok;
		}
	}
	statement(\@stmt, $file) if @stmt;
}

sub po_quote {
	my ($s) = @_;
	$s =~ s/\\/\\\\/g;
	$s =~ s/"/\\"/g;
	$s =~ s/\t/\\t/g;
	$s =~ s/\n/\\n/g;
	return "\"$s\"";
}

binmode STDOUT, ':encoding(UTF-8)';
print "# Reference texts stored in the database (generated by scripts/sql-strings.pl).\n";
print "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";
for my $key (@order) {
	my $context = $ctx{$key};
	(my $text = $key) =~ s/^.*\004//s;
	if (defined $context) {
		print "#. TRANSLATORS: a message the database server raises; each % is a\n",
		      "#. value it fills in, in this order: keep as many % as the original\n",
		      "#. (%% is a percent sign).\n";
	} else {
		print "#. database: ", join(', ', sort keys %{ $comment{$key} }), "\n";
	}
	print "#: ", join(' ', @{ $refs{$key} }), "\n";
	print "#, no-c-format\n" if $text =~ /%/;
	print "msgctxt ", po_quote($context), "\n" if defined $context;
	print "msgid ", po_quote($text), "\nmsgstr \"\"\n\n";
}
