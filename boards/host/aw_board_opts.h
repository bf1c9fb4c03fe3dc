/*
 * Host board (POSIX desktop / CI): the default capacities of core/aw_opt.h
 * hold lists like avelino/awesome-go (3,000 items, 400 KB) with room to
 * spare, so nothing is overridden here. Every board has this header
 * (boards/<name>/aw_board_opts.h, named by -DAW_BOARD_OPTS_H); a host build
 * that needs other values puts them here or passes -D on the command line.
 */
#ifndef AW_BOARD_OPTS_HOST_H
#define AW_BOARD_OPTS_HOST_H

#endif
