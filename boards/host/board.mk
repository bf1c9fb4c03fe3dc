# Host board (POSIX desktop / CI): default capacities from core/aw_opt.h.
