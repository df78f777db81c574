# ticketty build. `make` builds the binary, `make check` installs what is
# missing, builds and runs every suite; see README for the rest.

PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR    ?= $(PREFIX)/bin
LOCALEDIR ?= $(PREFIX)/share/locale
SYSCONFDIR ?= /etc
MANDIR    ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
BUILD     ?= build
CC        ?= cc
SAN       ?=

# ticketty links only CORE_PKGS; ticketty-mail (the mail transport,
# src/mail and src/mailer) links MAIL_PKGS too, so that no other command
# pays for loading GMime, GLib and libxml2 at every start.
CORE_PKGS := ncursesw libpq libconfig
MAIL_PKGS := gmime-3.0 libxml-2.0
PKGS      := $(CORE_PKGS) $(MAIL_PKGS)
DEPS_OK   := $(shell pkg-config --exists $(PKGS) check 2>/dev/null && echo yes)

ifeq ($(SAN),1)
SANFLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT       := -O1
else
SANFLAGS  :=
OPT       := -O2
endif

CPPFLAGS  += -Iinclude -I$(BUILD)/gen -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
             -DLOCALEDIR='"$(LOCALEDIR)"'
CFLAGS    ?= $(OPT) -g
CFLAGS    += -std=c11 -Wall -Wextra -Werror $(SANFLAGS)
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CORE_LIBS  = $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null) $(SANFLAGS)
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell pkg-config --libs check 2>/dev/null)
LDLIBS    += $(PKG_LIBS) $(SANFLAGS)

SRCS      := $(sort $(wildcard src/*.c src/*/*.c))
MAINS     := src/main.c src/mailer/main.c
LIB_SRCS  := $(filter-out $(MAINS),$(SRCS))
MAIL_SRCS := $(filter src/mail/% src/mailer/%,$(LIB_SRCS))
CORE_SRCS := $(filter-out $(MAIL_SRCS),$(LIB_SRCS))
CORE_OBJS := $(CORE_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o
MAIL_OBJS := $(MAIL_SRCS:%.c=$(BUILD)/%.o)
OBJS      := $(SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o
LIB_OBJS  := $(CORE_OBJS) $(MAIL_OBJS)
MIGRATIONS := $(sort $(wildcard sql/[0-9][0-9][0-9]_*.sql))
FUNCTIONS  := $(sort $(wildcard sql/functions/*.sql))

UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(wildcard tests/unit/test_*.c))
DB_TESTS   := $(patsubst tests/db/%.c,$(BUILD)/tests/db/%,$(wildcard tests/db/test_*.c))
# tests/lib/*.c, compiled once and linked into every test program
TEST_SUPPORT := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/lib/*.c))
# the TUI tests' wait (tests/tui/tt_wait.c): a tool of the harness, not
# code under test, so built plain even in a sanitised build
TUI_HELPERS := $(BUILD)/tests/tui/tt_wait

POFILES   := $(wildcard po/*.po)
MOFILES   := $(POFILES:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/ticketty.mo)

.PHONY: all deps run check check-layers check-unit check-db check-tui check-mail check-asan \
        check-programs check-valgrind check-fuzz check-po check-ha check-man check-deb check-at install uninstall \
        clean tests pot update-po bench

all: $(BUILD)/ticketty $(BUILD)/ticketty-mail $(MOFILES)

# Install paths compiled into the binary: what uses them is rebuilt when
# they change, so `make install PREFIX=/usr` installs a binary that looks
# in /usr/share/locale even after a plain `make`.
PATHS_STAMP := $(BUILD)/gen/paths.stamp
ifneq (LOCALEDIR=$(LOCALEDIR),$(shell cat $(PATHS_STAMP) 2>/dev/null))
$(shell mkdir -p $(BUILD)/gen && echo 'LOCALEDIR=$(LOCALEDIR)' > $(PATHS_STAMP))
endif
$(BUILD)/src/util/i18n.o: $(PATHS_STAMP)

$(BUILD)/ticketty: $(BUILD)/src/main.o $(CORE_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CORE_LIBS)

$(BUILD)/ticketty-mail: $(BUILD)/src/mailer/main.o $(CORE_OBJS) $(MAIL_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libticketty.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $(LIB_OBJS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

# The names of the migrations, rewritten only when they change: a file
# removed or renamed rebuilds the embedded set as an edited one does.
$(BUILD)/gen/migrations.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(MIGRATIONS) $(FUNCTIONS)' | cmp -s - $@ || echo '$(MIGRATIONS) $(FUNCTIONS)' > $@

$(BUILD)/gen/migrations.c: $(MIGRATIONS) $(FUNCTIONS) $(BUILD)/gen/migrations.list scripts/embed-sql.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-sql.sh $(MIGRATIONS) -- $(FUNCTIONS) > $@.tmp && mv $@.tmp $@

FORCE:

$(BUILD)/gen/migrations.o: $(BUILD)/gen/migrations.c
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/locale/%/LC_MESSAGES/ticketty.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Test binaries: one per tests/{unit,db}/test_*.c, linked against the library.
.SECONDARY: $(TEST_SUPPORT)
$(BUILD)/tests/lib/%.o: tests/lib/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/lib $(CFLAGS) $(PKG_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/libticketty.a $(TEST_SUPPORT)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/lib $(CFLAGS) $(PKG_CFLAGS) $(CHECK_CFLAGS) -o $@ $< $(TEST_SUPPORT) \
		$(BUILD)/libticketty.a $(LDLIBS) $(CHECK_LIBS)

$(BUILD)/tests/db/%: tests/db/%.c $(BUILD)/libticketty.a $(TEST_SUPPORT)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/lib $(CFLAGS) $(PKG_CFLAGS) $(CHECK_CFLAGS) -o $@ $< $(TEST_SUPPORT) \
		$(BUILD)/libticketty.a $(LDLIBS) $(CHECK_LIBS)

$(BUILD)/tests/tui/%: tests/tui/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $<

tests: all $(UNIT_TESTS) $(DB_TESTS) $(TUI_HELPERS)

deps:
	@sh scripts/deps.sh

run: deps
	$(MAKE) all
	./$(BUILD)/ticketty

# `make check` with BUILD=build-asan SAN=1 runs every suite sanitised
# (SAN_ENV); CHECK_SAN_SUITES ('unit tui mail') runs only those suites
# with the sanitised build (build-asan, made first) and the rest with
# $(BUILD). CHECK_DB_AT / CHECK_TUI_AT (an instant, UTC, with a T:
# 2027-03-14T06:59:50) run that suite under libfaketime at that instant,
# then its tests that need the server's timers at the real clock
# (tests/side_by_side.sh). The database and TUI suites run in
# CHECK_DB_LANES and CHECK_TUI_LANES lanes side by side, each with its own
# cluster and part of the suite's test programs (both wait on round trips
# more than they compute). .ci/run sets them (see there).
CHECK_DB_LANES ?= 2
CHECK_TUI_LANES ?= 1
CHECK_DB_AT ?=
CHECK_TUI_AT ?=
CHECK_SAN_SUITES ?=
suite_build = $(if $(filter $(1),$(CHECK_SAN_SUITES)),build-asan,$(BUILD))
CHECK_ENV = $(if $(SAN)$(CHECK_SAN_SUITES),$(SAN_ENV)) TT_SAN_SUITES='$(CHECK_SAN_SUITES)'
check: deps check-layers
	$(MAKE) tests check-man check-programs
	$(if $(CHECK_SAN_SUITES),$(MAKE) BUILD=build-asan SAN=1 tests)
	$(CHECK_ENV) BUILD=$(call suite_build,unit) sh tests/run.sh unit
	$(CHECK_ENV) BUILD=$(BUILD) sh tests/side_by_side.sh db/$(CHECK_DB_LANES)$(if $(CHECK_DB_AT),@$(CHECK_DB_AT)) tui/$(CHECK_TUI_LANES)$(if $(CHECK_TUI_AT),@$(CHECK_TUI_AT))
	$(CHECK_ENV) BUILD=$(call suite_build,po) sh tests/run.sh po
	$(CHECK_ENV) BUILD=$(call suite_build,mail) sh tests/run.sh mail

# includes, SQL text and now() in the right layers (scripts/check-layers.sh),
# and a test that plants violations and sees them caught
check-layers:
	sh scripts/check-layers.sh
	sh tests/layers/test_check_layers.sh

# Translations (po/): `make update-po` (or `make pot`) re-extracts
# po/ticketty.pot from src/ and sql/ and merges it into po/*.po;
# `make check-po` fails on any untranslated, fuzzy or mismatched message
# (`make check` runs it as the po suite of tests/run.sh).
pot update-po:
	sh scripts/update-po.sh

check-po:
	sh tests/po/check-po.sh

# The manuals (man/) without a warning from mandoc's linter and with every
# command described (tests/pkg/check-man-commands.sh); the bash completion
# completes (tests/pkg/check-completion.sh).
check-man:
	mandoc -T lint -W warning man/ticketty.1 man/ticketty-mail.1 man/ticketty.conf.5
	sh tests/pkg/check-man-commands.sh
	sh tests/pkg/check-completion.sh
	sh tests/pkg/check-arg-rules.sh

# ticketty links no mail library; ticketty-mail, beside it, takes `mail
# send` and `mail receive` (tests/pkg/check-programs.sh).
check-programs: all
	BUILD=$(BUILD) $(if $(SAN),$(SAN_ENV)) sh tests/pkg/check-programs.sh

# Issue 19's benchmarks in one run (not part of make check; see
# tests/bench/issue19.sh and tests/bench/README): SIZES, PERF_DIR, ROUNDS.
bench: all
	BUILD=$(BUILD) sh tests/bench/issue19.sh

check-unit: tests
	BUILD=$(BUILD) sh tests/run.sh unit

check-db: tests
	BUILD=$(BUILD) sh tests/run.sh db

empty :=
space := $(empty) $(empty)

check-tui: tests
	BUILD=$(BUILD) sh tests/run.sh tui

# The database and TUI suites with the clock moved by libfaketime, at the
# three instants chosen to hurt (minutes before the spring-forward DST
# change, the last open minute before the New Year holiday, 17:59 Eastern
# on the observed holiday itself; CI runs the database suite at the first
# and the TUI suite at the second: .ci/run), or at one given instant; with
# BUILD=build-asan SAN=1, the sanitised binaries:
#   make check-at AT='2027-12-31 22:59:30' SUITES='db'
AT_INSTANTS ?= 2027-03-14T06:59:50 2026-12-31T22:59:30 2027-12-31T22:59:30
SUITES ?= db tui
check-at: deps tests
	set -e; for at in $(if $(AT),$(subst $(space),T,$(AT)),$(AT_INSTANTS)); do \
		BUILD=$(BUILD) $(if $(SAN),$(SAN_ENV)) sh tests/faketime.sh "$$(echo $$at | tr T ' ')" $(SUITES); done

check-mail: tests
	BUILD=$(BUILD) sh tests/run.sh mail

# How sanitised binaries run: leaks and undefined behaviour fail the test;
# a sanitised binary is several times slower, so the TUI waits get longer
# deadlines and the parse-time bounds (TT_TEST_SLOWDOWN, test_mime,
# test_mail_words) twice the room: still short of the quadratic times
# they were written against; libfaketime may be preloaded before the ASan
# runtime (check-at with SAN=1).
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:verify_asan_link_order=0 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 TT_TIMEOUT=$${TT_TIMEOUT:-30} \
	TT_TEST_SLOWDOWN=$${TT_TEST_SLOWDOWN:-2}

# Every suite with AddressSanitizer and UBSan (ASAN_SUITES picks some; CI
# runs db and tui sanitised at the moved clocks instead: see .ci/run):
#   make check-asan ASAN_SUITES='unit mail'
ASAN_SUITES ?= all
check-asan: deps
	$(MAKE) BUILD=build-asan SAN=1 tests
	BUILD=build-asan $(SAN_ENV) sh tests/pkg/check-programs.sh
	BUILD=build-asan $(SAN_ENV) sh tests/run.sh $(ASAN_SUITES)

check-valgrind: deps
	$(MAKE) tests
	BUILD=$(BUILD) VALGRIND=1 sh tests/run.sh unit db

# Beyond one machine (not part of `make check`; .ci/run runs it): a
# primary, a streaming standby and PgBouncer on Unix sockets in a temporary
# directory, failover under a TUI and a CLI loop (tests/ha).
$(BUILD)/tests/ha/listeners: tests/ha/listeners.c $(BUILD)/libticketty.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libticketty.a $(LDLIBS)

check-ha: deps
	$(MAKE) all $(BUILD)/tests/ha/listeners
	BUILD=$(BUILD) sh tests/ha/run.sh

# The Debian package (debian/), built from a copy of the tree and checked
# (tests/pkg/check-deb.sh; not part of `make check`, .ci/run runs it).
check-deb:
	@sh scripts/deps.sh debhelper lintian fakeroot dpkg-dev bash-completion man-db
	sh tests/pkg/check-deb.sh

# Fuzzing (not part of `make check`): each tests/fuzz/fuzz_*.c is linked with
# the library sources under libFuzzer + ASan/UBSan (undefined behaviour is a
# crash, its input saved) and run FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
FUZZERS := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIB_SRCS) $(BUILD)/gen/migrations.c
	@mkdir -p $(dir $@)
	clang $(CPPFLAGS) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined $(PKG_CFLAGS) \
		-o $@ $< $(LIB_SRCS) $(BUILD)/gen/migrations.c $(PKG_LIBS)

check-fuzz:
	@sh scripts/deps.sh clang libclang-rt-14-dev
	$(MAKE) $(BUILD)/gen/migrations.c $(FUZZERS)
	set -e; for f in $(FUZZERS); do \
		name=$$(basename $$f); mkdir -p $(BUILD)/fuzz/corpus-$$name; \
		echo "== fuzzing $$name for $(FUZZ_SECONDS)s"; \
		(cd $(BUILD)/fuzz && LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp ./$$name -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
			corpus-$$name $(CURDIR)/tests/fuzz/corpus/$$name); \
	done

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SYSCONFDIR)/ticketty
	install -m 755 $(BUILD)/ticketty $(DESTDIR)$(BINDIR)/ticketty
	install -m 755 $(BUILD)/ticketty-mail $(DESTDIR)$(BINDIR)/ticketty-mail
	install -m 644 config/ticketty.conf $(DESTDIR)$(SYSCONFDIR)/ticketty/ticketty.conf.example
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 man/ticketty.1 $(DESTDIR)$(MANDIR)/man1/ticketty.1
	install -m 644 man/ticketty-mail.1 $(DESTDIR)$(MANDIR)/man1/ticketty-mail.1
	install -m 644 man/ticketty.conf.5 $(DESTDIR)$(MANDIR)/man5/ticketty.conf.5
	install -m 644 completions/ticketty $(DESTDIR)$(BASHCOMPDIR)/ticketty
	for mo in $(MOFILES); do \
		lang=$$(echo $$mo | sed 's|$(BUILD)/locale/\([^/]*\)/.*|\1|'); \
		install -d $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES; \
		install -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/ticketty.mo; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ticketty $(DESTDIR)$(BINDIR)/ticketty-mail $(DESTDIR)$(SYSCONFDIR)/ticketty/ticketty.conf.example
	rm -f $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/ticketty.mo
	rm -f $(DESTDIR)$(MANDIR)/man1/ticketty.1 $(DESTDIR)$(MANDIR)/man1/ticketty-mail.1 $(DESTDIR)$(MANDIR)/man5/ticketty.conf.5 $(DESTDIR)$(BASHCOMPDIR)/ticketty

clean:
	rm -rf build build-asan

-include $(OBJS:.o=.d) $(TEST_SUPPORT:.o=.d)
