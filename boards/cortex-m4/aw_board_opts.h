/*
 * Cortex-M4 board (256 KiB RAM class, e.g. QEMU mps2-an386): the host
 * defaults of core/aw_opt.h scaled down. Capacities chosen for a list of
 * about 1,000 items of up to 4 KiB each.
 */
#ifndef AW_BOARD_OPTS_CM4_H
#define AW_BOARD_OPTS_CM4_H

/* (filled in as the modules' options settle) */

#endif
