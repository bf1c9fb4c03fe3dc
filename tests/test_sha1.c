/*
 * test_sha1.c - SHA-1 against the FIPS 180 example vectors and digests
 * printed by coreutils `printf %s STR | sha1sum`, fed whole and split at
 * every position.
 */
#include "aw_sha1.h"

#include <stdio.h>
#include <string.h>
#include "aw_test.h"

static void hex_of(const char *s, size_t n, char out[41])
{
	uint8_t d[20];
	aw_sha1(s, n, d);
	aw_sha1_hex(d, out);
}

static void vec(const char *s, const char *want)
{
	char h[41];
	size_t n = strlen(s), i;
	hex_of(s, n, h);
	CHECK(strcmp(h, want) == 0);
	/* split at every position: update boundary handling */
	for (i = 0; i <= n; i++) {
		aw_sha1_ctx c;
		uint8_t d[20];
		aw_sha1_init(&c);
		aw_sha1_update(&c, s, i);
		aw_sha1_update(&c, s + i, n - i);
		aw_sha1_final(&c, d);
		aw_sha1_hex(d, h);
		if (strcmp(h, want) != 0) {
			fprintf(stderr, "split %zu of '%s' wrong\n", i, s);
			failed++;
			return;
		}
	}
	passed++;
}

int main(void)
{
	static char big[1000];
	char h[41];
	aw_sha1_ctx c;
	uint8_t d[20];
	int i;

	/* FIPS 180-2 appendix A/B vectors */
	vec("abc", "a9993e364706816aba3e25717850c26c9cd0d89d");
	vec("", "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	vec("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	aw_sha1_init(&c);
	memset(big, 'a', sizeof big);
	for (i = 0; i < 1000; i++)
		aw_sha1_update(&c, big, sizeof big);
	aw_sha1_final(&c, d);
	aw_sha1_hex(d, h);
	CHECK(strcmp(h, "34aa973cd4c4daa4f61eeb2bdbad27316534016f") == 0);

	/* printf %s STR | sha1sum */
	vec("x", "11f6ad8ec52a2984abaafd7c3b516503785c2072");
	vec("[Lxroot](https://github.com/parke/lxroot)",
	    "db87999c32dc915486e3d2eb2463081d7c1c0916");
	vec("*   regular application", "821d38f77faa049a7c97f2d770b55320c8bcd563");
	memset(big, 'q', sizeof big);
	hex_of(big, sizeof big, h);
	CHECK(strcmp(h, "afee19b54f05fd60718367c028c89eeb056dd31f") == 0);
	/* 55/56/64-byte padding edges agree with byte-at-a-time feeding */
	for (i = 50; i < 130; i++) {
		char h2[41];
		int j;
		hex_of(big, (size_t)i, h);
		aw_sha1_init(&c);
		for (j = 0; j < i; j++)
			aw_sha1_update(&c, big + j, 1);
		aw_sha1_final(&c, d);
		aw_sha1_hex(d, h2);
		CHECK(strcmp(h, h2) == 0);
	}

	return aw_test_report("sha1");
}
