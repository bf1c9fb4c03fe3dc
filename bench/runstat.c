/*
 * runstat.c - run one command and print what it cost, on one line:
 *
 *   wall user sys maxrss_kb self_user self_sys self_hwm_kb
 *
 * wall: seconds; user/sys: CPU seconds of the command and every descendant
 * it waited for (wait4); maxrss_kb: the largest resident set among them;
 * self_*: the command's own process only (its git children excluded): CPU
 * from /proc/PID/stat read while it is a zombie (waitid WNOWAIT), peak RSS
 * from VmHWM polled every 5 ms while it runs (HWM only grows, so the last
 * reading is the peak unless the peak is reached in the final 5 ms).
 *
 * stdin/stdout/stderr are inherited; the line goes to the file named by
 * -o (default stderr). Exit status: the command's. Linux only (/proc).
 * It does not repeat runs or compute medians: bench.sh does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long hwm_kb(pid_t pid)
{
	char path[64], line[256];
	long v = -1;
	FILE *f;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "VmHWM:", 6)) {
			v = strtol(line + 6, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* utime and stime (fields 14, 15) of /proc/PID/stat, in seconds */
static int self_cpu(pid_t pid, double *u, double *s)
{
	char path[64], buf[4096], *p;
	unsigned long ut, st;
	size_t n;
	FILE *f;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	if (!(p = strrchr(buf, ')')))
		return -1;
	/* after ") ": field 3 (state) ... field 14 utime, 15 stime */
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	*u = (double)ut / (double)sysconf(_SC_CLK_TCK);
	*s = (double)st / (double)sysconf(_SC_CLK_TCK);
	return 0;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1, nap = {0, 5000000};
	struct rusage ru;
	siginfo_t si;
	FILE *out = stderr;
	double su = -1, ss = -1;
	long hwm = -1, h;
	int status, argi = 1;
	pid_t pid;

	if (argc > 2 && !strcmp(argv[1], "-o")) {
		if (!(out = fopen(argv[2], "a"))) {
			perror(argv[2]);
			return 127;
		}
		argi = 3;
	}
	if (argi >= argc) {
		fprintf(stderr, "usage: runstat [-o FILE] command [args...]\n");
		return 127;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 127;
	}
	if (pid == 0) {
		execvp(argv[argi], argv + argi);
		perror(argv[argi]);
		_exit(127);
	}
	for (;;) {
		memset(&si, 0, sizeof si);
		if (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0) {
			if (errno == EINTR)
				continue;
			perror("waitid");
			return 127;
		}
		if (si.si_pid == pid)
			break;
		if ((h = hwm_kb(pid)) > hwm)
			hwm = h;
		nanosleep(&nap, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	self_cpu(pid, &su, &ss); /* zombie: its own times are still there */
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("wait4");
			return 127;
		}
	fprintf(out, "%.3f %.3f %.3f %ld %.2f %.2f %ld\n",
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9,
		(double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6,
		(double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6, ru.ru_maxrss, su, ss,
		hwm);
	if (out != stderr)
		fclose(out);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
