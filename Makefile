# awtrack - top-level Makefile (GNU make).
#   make            build build/awtrack (host board)
#   make BOARD=NAME build for boards/NAME (board.mk: compiler, flags, port);
#                   a board without a port (cortex-m4) builds the core library
#                   into build/NAME and prints its code and RAM sizes
#   make run        weekly digest of the bundled example (no network)
#   make test       everything below that needs no network
#   make unit       unit tests under ASan+UBSan
#   make golden     byte-for-byte tests against real trackawesomelist pages
#   make check-nomalloc   prove the core references no heap function (host + Cortex-M4)
#   make difftest   differential test against the npm reference packages
#   make install    awtrack and its man pages into $(DESTDIR)$(PREFIX) (/usr/local)
#   make fuzz       libFuzzer on every parser and decoder of outside input (FUZZ_SECONDS, FUZZ_TARGETS, clang)
#   make bench      benchmark (not part of make test)
#
# A board is a folder boards/NAME with board.mk (BOARD_CC, BOARD_CFLAGS,
# BOARD_OPTFLAGS, PORT, ...) and aw_board_opts.h (its capacities over
# core/aw_opt.h); a port is a folder port/NAME with port.mk (PORT_SRC,
# PORT_CPPFLAGS, PORT_LDLIBS). CC, CFLAGS, CPPFLAGS given on the command
# line (or CC in the environment) win over the board's.

BOARD   ?= host
ifeq ($(wildcard boards/$(BOARD)/board.mk),)
$(error no board "$(BOARD)": boards/$(BOARD)/board.mk not found)
endif
include boards/$(BOARD)/board.mk
include core/Filelists.mk
ifneq ($(PORT),)
include port/$(PORT)/port.mk
endif

ifeq ($(filter command line environment,$(origin CC)),)
CC      := $(BOARD_CC)
endif
ifeq ($(filter command line environment,$(origin AR)),)
AR      := $(or $(BOARD_AR),ar)
endif
NM      ?= $(or $(BOARD_NM),nm)
SIZE    ?= $(or $(BOARD_SIZE),size)
CFLAGS  ?= $(BOARD_OPTFLAGS)
WFLAGS   = -std=c11 -Wall -Wextra -Werror -Wshadow -Wvla
# capacities: the board's options header (OPTS_BOARD: another board's,
# see board-host)
OPTS_BOARD ?= $(BOARD)
AW_CPPFLAGS = -Icore -Iboards/$(OPTS_BOARD) -DAW_BOARD_OPTS_H='"aw_board_opts.h"'
ALL_CFLAGS  = $(AW_CPPFLAGS) $(CPPFLAGS) $(WFLAGS) $(BOARD_CFLAGS) $(CFLAGS)
B       ?= $(if $(filter host,$(BOARD)),build,build/$(BOARD))

CORE_OBJ  = $(AW_CORE_SRC:core/%.c=$(B)/core/%.o)
# expat (core/aw_feed.c, a product dependency): the host links the system
# library; a firmware board compiles aw_feed.c against the same portable
# headers (after its own libc's) and links its own expat build.
EXPAT_LDLIBS ?= -lexpat
EXPAT_INC    ?= /usr/include
ifneq ($(BOARD),host)
$(B)/core/aw_feed.o: ALL_CFLAGS += -idirafter $(EXPAT_INC)
endif
PORT_OBJ  = $(PORT_SRC:port/$(PORT)/%.c=$(B)/port/%.o)

SAN       = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
TEST_SRC  = $(wildcard tests/test_*.c)
TEST_BIN  = $(TEST_SRC:tests/%.c=$(B)/asan/%)
ASAN_CORE = $(AW_CORE_SRC:core/%.c=$(B)/asan/core/%.o)

.PHONY: install uninstall fuzz board-host board-size board-vars print-core-src all run test unit golden check-nomalloc difftest difftest-full bench clean valgrind \
	difftest-pages difftest-lists fuzz-cli

ifneq ($(PORT),)
all: $(B)/awtrack $(if $(wildcard tests/awparse.c),$(B)/awparse)
else
all: board-size
endif

# test tool: items of one markdown file as JSON lines (differential tests)
$(B)/awparse: tests/awparse.c $(B)/libawcore.a
	$(CC) $(ALL_CFLAGS) -D_POSIX_C_SOURCE=200809L $< $(B)/libawcore.a -o $@

$(B)/core/%.o: core/%.c $(wildcard core/*.h boards/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/port/%.o: port/$(PORT)/%.c $(wildcard core/*.h port/$(PORT)/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PORT_CPPFLAGS) -c $< -o $@

$(B)/libawcore.a: $(CORE_OBJ)
	$(AR) rcs $@ $^

$(B)/awtrack: $(PORT_OBJ) $(B)/libawcore.a
	$(CC) $(BOARD_CFLAGS) $(CFLAGS) $(LDFLAGS) $(PORT_OBJ) $(B)/libawcore.a $(PORT_LDLIBS) $(EXPAT_LDLIBS) -o $@

# the core's source list as make reads it (tests/check-filelists.sh)
print-core-src:
	@echo $(AW_CORE_SRC)

# Code size of the core library, and the RAM of one instance of every core
# context with this board's capacities (boards/NAME/sizes.c, when present).
board-size: $(B)/libawcore.a
	@$(SIZE) -t $(CORE_OBJ) | tail -1 | awk '{ printf "$(BOARD) core: text %d B (code+const), data %d B, bss %d B\n", $$1, $$2, $$3 }'
	@if [ -f boards/$(BOARD)/sizes.c ]; then \
		$(CC) $(ALL_CFLAGS) -c boards/$(BOARD)/sizes.c -o $(B)/sizes.o && \
		$(NM) -S --size-sort $(B)/sizes.o | while read -r _ sz _ name; do \
			printf '  %-18s %7d B\n' "$${name#aw_board_}" "$$((0x$$sz))"; done; fi

# The board's tools and flags as shell assignments, for scripts (the one
# copy of a board's flags is its board.mk): eval "$$(make -s BOARD=x board-vars)"
board-vars:
	@echo "CC='$(CC)' AR='$(AR)' NM='$(NM)' SIZE='$(SIZE)' BOARD_CFLAGS='$(BOARD_CFLAGS) $(CFLAGS)' B='$(B)'"

# The host CLI built with another board's capacities (same core code), e.g.
# `make board-host OPTS=cortex-m4` -> build/cortex-m4-host/awtrack
OPTS ?= cortex-m4
board-host:
	$(MAKE) BOARD=host OPTS_BOARD=$(OPTS) B=build/$(OPTS)-host build/$(OPTS)-host/awtrack

# ---- install: the program and its man pages (docs/*.1, docs/*.5) ----
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
MAN1    = $(wildcard docs/*.1)
MAN5    = $(wildcard docs/*.5)
install: $(B)/awtrack
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(B)/awtrack $(DESTDIR)$(BINDIR)/awtrack
	$(if $(MAN1),install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/)
	$(if $(MAN5),install -d $(DESTDIR)$(MANDIR)/man5 && install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/awtrack $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1))) \
		$(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(MAN5)))

# ---- tests -------------------------------------------------------------
$(B)/asan/core/%.o: core/%.c $(wildcard core/*.h boards/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(AW_CPPFLAGS) $(CPPFLAGS) $(WFLAGS) -O1 -g $(SAN) -c $< -o $@

$(B)/asan/test_%: tests/test_%.c $(wildcard tests/*.h) $(ASAN_CORE)
	@mkdir -p $(dir $@)
	$(CC) $(AW_CPPFLAGS) $(CPPFLAGS) -Itests -D_POSIX_C_SOURCE=200809L $(WFLAGS) -O1 -g $(SAN) $< $(ASAN_CORE) $(EXPAT_LDLIBS) -o $@

unit: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; ./$$t; done

golden: $(B)/awtrack
	@sh tests/golden.sh

check-nomalloc: $(CORE_OBJ)
	@sh tests/check-nomalloc.sh

valgrind: $(B)/awtrack
	@sh tests/valgrind.sh

test: all
	@sh tests/run-all.sh

run: $(B)/awtrack
	@sh tests/run-example.sh

difftest: $(B)/awparse
	@sh tests/oracle/difftest.sh --sample

difftest-full: $(B)/awparse
	@sh tests/oracle/difftest.sh

# whole pages (awtrack --tal-compat) against the reference replay
# (tests/oracle/pages.mjs): every test list's history and generated ones
difftest-pages: $(B)/awtrack
	@sh tests/pagediff.sh

# opt-in: real lists fetched into git dirs (tests/pagediff-lists.txt)
difftest-lists: $(B)/awtrack
	@sh tests/pagediff.sh --lists

# random histories of mutated lists through the ASan+UBSan CLI, compared
# with the reference (FUZZ_SECONDS, default 60)
fuzz-cli:
	@sh tests/fuzz/cli.sh

fuzz:
	@sh tests/fuzz/run.sh

bench: $(B)/awtrack
	@sh bench/bench.sh

clean:
	rm -rf $(B)
