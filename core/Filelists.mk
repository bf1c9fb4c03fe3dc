# Core source list, for other build systems (ESP-IDF, Zephyr, PlatformIO,
# CMake): every file here is portable C11 with no I/O and no heap.
AW_CORE_SRC = $(sort $(wildcard core/*.c))
