# Cortex-M4 board (QEMU mps2-an386 class): the core library only (no port
# yet: the firmware's port brings its own I/O), built with the GNU Arm
# Embedded toolchain; capacities in boards/cortex-m4/aw_board_opts.h.
# `make BOARD=cortex-m4` builds build/cortex-m4/libawcore.a and prints the
# code size and the RAM of one instance of every context (sizes.c).
# These flags are the only copy: tests/check-nomalloc.sh and bench/bench.sh
# ask make for them (make BOARD=cortex-m4 board-vars).
BOARD_CC       = arm-none-eabi-gcc
BOARD_AR       = arm-none-eabi-ar
BOARD_NM       = arm-none-eabi-nm
BOARD_SIZE     = arm-none-eabi-size
BOARD_CFLAGS   = -mcpu=cortex-m4 -mthumb -ffreestanding -ffunction-sections -fdata-sections
BOARD_OPTFLAGS = -Os
PORT          ?=
