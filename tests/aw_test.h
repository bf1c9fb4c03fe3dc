/*
 * aw_test.h - helpers shared by the test programs (not part of the core):
 * the CHECK counters, the closing "<name>: N passed, M failed" line that
 * tests/run-all.sh adds up, and reading a whole file.
 */
#ifndef AW_TEST_H
#define AW_TEST_H

#include <stdio.h>
#include <stdlib.h>

/* Checks of this test program (one translation unit each). */
static int passed, failed;

/* Count a check; a failing one prints its place and its expression. */
#define CHECK(c) do { if (c) passed++; else { failed++; \
	fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c); } } while (0)

/* CHECK with a printf-style explanation of the failure. */
#define CHECKM(c, ...) do { if (c) passed++; else { failed++; \
	fprintf(stderr, "%s:%d: FAIL ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

/* Print the closing line; the program's exit status (non-zero on failure). */
static inline int aw_test_report(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, passed, failed);
	return failed != 0;
}

/* Whole file into a malloc'ed, NUL-terminated buffer (the NUL is not
 * counted in *len). NULL when the file cannot be read completely. */
static inline char *aw_test_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *b;
	long n;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) || (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET)) {
		fclose(fp);
		return NULL;
	}
	b = malloc((size_t)n + 1);
	if (!b || fread(b, 1, (size_t)n, fp) != (size_t)n) {
		fclose(fp);
		free(b);
		return NULL;
	}
	b[n] = 0;
	fclose(fp);
	*len = (size_t)n;
	return b;
}

#endif
