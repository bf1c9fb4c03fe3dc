/*
 * drain.c - read stdin to the end and throw it away: the cheapest reader of
 * a pipe, for bench.sh's transport floor (`git cat-file --batch | drain`).
 * Reads 1 MiB at a time, like awtrack's blob reads; prints the byte count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
	static char buf[1 << 20];
	unsigned long long n = 0;
	ssize_t r;

	while ((r = read(0, buf, sizeof buf)) > 0)
		n += (unsigned long long)r;
	if (r < 0) {
		perror("drain");
		return 1;
	}
	fprintf(stderr, "%llu\n", n);
	return 0;
}
