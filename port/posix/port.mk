# POSIX port: the awtrack CLI (git through pipes, files, options). Every
# .c of port/posix is part of it; libraries it links go in PORT_LDLIBS
# (expat, which the core's aw_feed needs, comes from the Makefile's
# EXPAT_LDLIBS).
PORT_SRC      = $(sort $(wildcard port/posix/*.c))
PORT_CPPFLAGS = -Iport/posix -D_POSIX_C_SOURCE=200809L
PORT_LDLIBS   = -lmbedtls -lmbedx509 -lmbedcrypto
