/*
 * aw_test.h - helpers shared by the test programs (not part of the core).
 */
#ifndef AW_TEST_H
#define AW_TEST_H

#include <stdio.h>
#include <stdlib.h>

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
