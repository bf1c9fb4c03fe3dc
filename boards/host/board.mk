# Host board (POSIX desktop / CI): the system compiler, the default
# capacities of core/aw_opt.h (boards/host/aw_board_opts.h overrides
# nothing), and the posix port (the awtrack CLI).
BOARD_CC       = cc
BOARD_CFLAGS   =
BOARD_OPTFLAGS = -O2 -g
PORT          ?= posix
