/*
 * heapcount.c - counting calloc/free for mbedTLS's static libraries,
 * whose calloc/free references bench/update-bench.sh renames to these
 * with objcopy: peak and current bytes, calls; printed at exit when
 * AWTRACK_HEAP_REPORT is set. Only mbedTLS's allocations are counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t cur, peak, calls;

void *awh_calloc(size_t n, size_t size);
void awh_free(void *p);

void *awh_calloc(size_t n, size_t size)
{
	size_t *h;
	if (size && n > ((size_t)-1 - 16) / size)
		return NULL;
	h = calloc(1, n * size + 16);
	if (!h)
		return NULL;
	h[0] = n * size;
	cur += h[0];
	if (cur > peak)
		peak = cur;
	calls++;
	return (char *)h + 16;
}

void awh_free(void *p)
{
	size_t *h;
	if (!p)
		return;
	h = (size_t *)((char *)p - 16);
	cur -= h[0];
	free(h);
}

static void report(void)
{
	fprintf(stderr, "heap: mbedTLS peak %zu bytes, %zu callocs, %zu bytes still allocated\n",
		peak, calls, cur);
}

__attribute__((constructor)) static void init(void)
{
	if (getenv("AWTRACK_HEAP_REPORT"))
		atexit(report);
}
