/*
 * mcu_count.c - the core's list parser as Cortex-M4 code, run under QEMU's
 * user-mode emulator so its instructions can be counted (bench.sh runs it
 * with `qemu-arm -d in_asm,exec,nochain` and adds up the size of every
 * executed translation block; equal to a `-singlestep` count).
 *
 * Built with arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os against the same
 * core objects as the code-size figure; no C library start-up, no newlib
 * I/O: _start and three Linux system calls (open, read, exit) are inline
 * assembly, so the only instructions besides the parse are a few hundred
 * for reading the file, which the "-p 0" run measures and bench.sh
 * subtracts. Only the string functions come from newlib (libc_nano).
 *
 * The executed code is ARMv7E-M Thumb-2 only; QEMU runs it on an A-profile
 * CPU (its user mode cannot load M-profile binaries), which executes the
 * same instruction stream. It is a count, not a cycle estimate.
 *
 *   mcu_count.elf FILE PASSES   parse FILE PASSES times (scan + items,
 *                               render=0, as bench_run_aw "aw0"); exit code
 *                               0 = ok, 1 = parse error, 2 = file error
 */
#include <stddef.h>
#include <stdint.h>

#include "aw.h"
#include "aw_md.h"

#define MAX_FILE (1u << 20)

static char file[MAX_FILE];
static aw_md_ctx md;
static unsigned long n_items;

static long sys3(long n, long a, long b, long c)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r7 __asm__("r7") = n;
	__asm__ volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return r0;
}

static void sys_exit(int code)
{
	for (;;)
		sys3(248 /* exit_group */, code, 0, 0);
}

static int on_item(void *user, const aw_md_item *it)
{
	(void)user;
	(void)it;
	n_items++;
	return 0;
}

static int parse(const char *buf, size_t len)
{
	int rc;
	if ((rc = aw_md_init(&md, NULL, NULL, 0, on_item, NULL)))
		return rc;
	if ((rc = aw_md_begin(&md, AW_MD_PASS_SCAN)) || (rc = aw_md_feed(&md, buf, len)) ||
	    (rc = aw_md_end(&md)))
		return rc;
	if ((rc = aw_md_begin(&md, AW_MD_PASS_ITEMS)) || (rc = aw_md_feed(&md, buf, len)) ||
	    (rc = aw_md_end(&md)))
		return rc;
	return 0;
}

void cmain(long argc, char **argv);

void cmain(long argc, char **argv)
{
	long fd, n, passes, i;
	size_t len = 0;
	const char *p;

	if (argc < 3)
		sys_exit(2);
	for (passes = 0, p = argv[2]; *p >= '0' && *p <= '9'; p++)
		passes = passes * 10 + (*p - '0');
	fd = sys3(5 /* open */, (long)argv[1], 0 /* O_RDONLY */, 0);
	if (fd < 0)
		sys_exit(2);
	while (len < MAX_FILE && (n = sys3(3 /* read */, fd, (long)(file + len),
					   (long)(MAX_FILE - len))) > 0)
		len += (size_t)n;
	if (len == MAX_FILE)
		sys_exit(2);
	for (i = 0; i < passes; i++)
		if (parse(file, len))
			sys_exit(1);
	sys_exit(0);
}

/* Linux start-up: sp -> argc, argv[0], argv[1], ... */
__asm__(".text\n"
	".global _start\n"
	".thumb_func\n"
	"_start:\n"
	"	ldr r0, [sp]\n"
	"	add r1, sp, #4\n"
	"	bl cmain\n"
	"	b .\n");
