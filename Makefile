# awtrack - top-level Makefile (GNU make).
#   make            build build/awtrack (host board)
#   make run        weekly digest of the bundled example (no network)
#   make test       everything below that needs no network
#   make unit       unit tests under ASan+UBSan
#   make golden     byte-for-byte tests against real trackawesomelist pages
#   make check-nomalloc   prove the core references no heap function (host + Cortex-M4)
#   make difftest   differential test against the npm reference packages
#   make fuzz       libFuzzer on the list parser (FUZZ_SECONDS, clang)
#   make bench      benchmark (not part of make test)

BOARD   ?= host
CC      ?= cc
AR      ?= ar
CFLAGS  ?= -O2 -g
WFLAGS   = -std=c11 -Wall -Wextra -Werror -Wshadow -Wvla
CPPFLAGS += -Icore -Iboards/$(BOARD)
B        = build

include boards/$(BOARD)/board.mk
include core/Filelists.mk

CORE_OBJ  = $(AW_CORE_SRC:core/%.c=$(B)/core/%.o)
PORT_SRC  = $(wildcard port/posix/*.c)
PORT_OBJ  = $(PORT_SRC:port/posix/%.c=$(B)/port/%.o)

SAN       = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
TEST_SRC  = $(wildcard tests/test_*.c)
TEST_BIN  = $(TEST_SRC:tests/%.c=$(B)/asan/%)
ASAN_CORE = $(AW_CORE_SRC:core/%.c=$(B)/asan/core/%.o)

.PHONY: fuzz board-host all run test unit golden check-nomalloc difftest difftest-full bench clean valgrind

all: $(B)/awtrack $(if $(wildcard tests/awparse.c),$(B)/awparse)

# test tool: items of one markdown file as JSON lines (differential tests)
$(B)/awparse: tests/awparse.c $(B)/libawcore.a
	$(CC) $(CPPFLAGS) -D_POSIX_C_SOURCE=200809L $(WFLAGS) $(CFLAGS) $< $(B)/libawcore.a -o $@

$(B)/core/%.o: core/%.c $(wildcard core/*.h boards/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WFLAGS) $(CFLAGS) -c $< -o $@

$(B)/port/%.o: port/posix/%.c $(wildcard core/*.h port/posix/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Iport/posix -D_POSIX_C_SOURCE=200809L $(WFLAGS) $(CFLAGS) -c $< -o $@

$(B)/libawcore.a: $(CORE_OBJ)
	$(AR) rcs $@ $^

$(B)/awtrack: $(PORT_OBJ) $(B)/libawcore.a
	$(CC) $(CFLAGS) $(PORT_OBJ) $(B)/libawcore.a -o $@

# The host CLI built with another board's capacities (same core code), e.g.
# `make board-host OPTS=cortex-m4` -> build/cortex-m4-host/awtrack
OPTS ?= cortex-m4
board-host:
	$(MAKE) B=build/$(OPTS)-host CPPFLAGS='-Icore -Iboards/$(OPTS) -DAW_BOARD_OPTS_H="\"aw_board_opts.h\""' build/$(OPTS)-host/awtrack

# ---- tests -------------------------------------------------------------
$(B)/asan/core/%.o: core/%.c $(wildcard core/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WFLAGS) -O1 -g $(SAN) -c $< -o $@

$(B)/asan/test_%: tests/test_%.c $(wildcard tests/*.h) $(ASAN_CORE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests -D_POSIX_C_SOURCE=200809L $(WFLAGS) -O1 -g $(SAN) $< $(ASAN_CORE) -o $@

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

fuzz:
	@sh tests/fuzz/run.sh

bench: $(B)/awtrack
	@sh bench/bench.sh

clean:
	rm -rf $(B)
