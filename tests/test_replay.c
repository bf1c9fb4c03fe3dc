/*
 * test_replay.c - the dating rules of docs/spec.md 6.2 / 6.3 on aw_replay_ctx:
 * import with the later duplicate winning, kept / new / vanished / re-added
 * identities across versions, and a full map reporting AW_ERR_FULL.
 */
#include "aw_replay.h"
#include "aw_sha1.h"

#include <stdio.h>
#include <string.h>
#include "aw_test.h"

static aw_datemap_ctx a, b;

static void id_of(const char *s, uint8_t id[20])
{
	aw_sha1(s, strlen(s), id);
}

static int64_t date(const aw_replay_ctx *r, const char *s)
{
	uint8_t id[20];
	int64_t t = -1;
	id_of(s, id);
	if (!aw_replay_date(r, id, &t))
		return -1;
	return t;
}

static void version(aw_replay_ctx *r, int64_t seen, const char *const *ids)
{
	uint8_t id[20];
	CHECK(aw_replay_begin(r, seen) == AW_OK);
	for (; *ids; ids++) {
		id_of(*ids, id);
		CHECK(aw_replay_item(r, id) == AW_OK);
	}
	CHECK(aw_replay_end(r) == AW_OK);
}

int main(void)
{
	aw_replay_ctx r;
	uint8_t id[20];

	aw_datemap_init(&a);
	aw_datemap_init(&b);
	aw_replay_init(&r, &a, &b);

	/* import: blame dates; a duplicate identity takes the later date */
	CHECK(aw_replay_begin(&r, 0) == AW_OK);
	id_of("[A](https://a)", id);
	CHECK(aw_replay_import(&r, id, 100) == AW_OK);
	id_of("[B](https://b)", id);
	CHECK(aw_replay_import(&r, id, 200) == AW_OK);
	id_of("[A](https://a)", id);
	CHECK(aw_replay_import(&r, id, 150) == AW_OK);
	CHECK(aw_replay_end(&r) == AW_OK);
	CHECK(date(&r, "[A](https://a)") == 150);
	CHECK(date(&r, "[B](https://b)") == 200);

	/* a later version: A kept, B vanished, C new */
	{
		const char *v[] = {"[C](https://c)", "[A](https://a)", NULL};
		version(&r, 1000, v);
	}
	CHECK(date(&r, "[A](https://a)") == 150);
	CHECK(date(&r, "[C](https://c)") == 1000);
	CHECK(date(&r, "[B](https://b)") == -1);
	CHECK(r.added == 1 && r.kept == 1);

	/* B comes back: it counts as new */
	{
		const char *v[] = {"[A](https://a)", "[B](https://b)", "[C](https://c)", NULL};
		version(&r, 2000, v);
	}
	CHECK(date(&r, "[B](https://b)") == 2000);
	CHECK(date(&r, "[C](https://c)") == 1000);

	/* an identity repeated inside one version is dated once */
	{
		const char *v[] = {"[D](https://d)", "[D](https://d)", NULL};
		version(&r, 3000, v);
	}
	CHECK(date(&r, "[D](https://d)") == 3000 && r.added == 1);
	CHECK(date(&r, "[A](https://a)") == -1);

	/* an abandoned version leaves the last completed one in force */
	CHECK(aw_replay_begin(&r, 4000) == AW_OK);
	id_of("[E](https://e)", id);
	CHECK(aw_replay_item(&r, id) == AW_OK);
	CHECK(aw_replay_abort(&r) == AW_OK);
	CHECK(date(&r, "[E](https://e)") == -1);
	CHECK(date(&r, "[D](https://d)") == 3000);
	CHECK(aw_replay_abort(&r) == AW_ERR_STATE);

	/* calls out of order */
	CHECK(aw_replay_item(&r, id) == AW_ERR_STATE);
	CHECK(aw_replay_end(&r) == AW_ERR_STATE);
	CHECK(aw_replay_begin(&r, 1) == AW_OK && aw_replay_begin(&r, 1) == AW_ERR_STATE);
	CHECK(aw_replay_end(&r) == AW_OK);

	/* more identities than the map holds: a clear error, no overflow */
	{
		int rc = AW_OK;
		unsigned i;
		char s[32];
		CHECK(aw_replay_begin(&r, 5) == AW_OK);
		for (i = 0; i < AW_STORE_DATEMAP_MAX + 8 && rc == AW_OK; i++) {
			snprintf(s, sizeof s, "[x%u](https://x/%u)", i, i);
			id_of(s, id);
			rc = aw_replay_item(&r, id);
		}
		CHECK(rc == AW_ERR_FULL);
		CHECK(aw_replay_end(&r) == AW_OK);
	}
	/* delta versions: name only what appeared and what vanished */
	{
		const char *v[] = {"[A](https://a)", "[B](https://b)", "[B](https://b)", NULL};
		aw_replay_init(&r, &a, &b);
		version(&r, 100, v);
	}
	CHECK(aw_replay_begin_delta(&r, 200) == AW_OK);
	id_of("[C](https://c)", id);
	CHECK(aw_replay_add(&r, id) == AW_OK);          /* new */
	id_of("[A](https://a)", id);
	CHECK(aw_replay_add(&r, id) == AW_OK);          /* A moved: added first... */
	CHECK(aw_replay_remove(&r, id) == AW_OK);       /* ...then removed: kept */
	id_of("[B](https://b)", id);
	CHECK(aw_replay_remove(&r, id) == AW_OK);       /* one of two B's gone */
	CHECK(aw_replay_end(&r) == AW_OK);
	CHECK(date(&r, "[A](https://a)") == 100 && date(&r, "[B](https://b)") == 100);
	CHECK(date(&r, "[C](https://c)") == 200 && r.added == 1 && r.kept == 1);
	CHECK(aw_replay_begin_delta(&r, 300) == AW_OK);
	CHECK(aw_replay_remove(&r, id) == AW_OK);       /* the last B */
	CHECK(aw_replay_remove(&r, id) == AW_ERR_STATE); /* not there any more */
	CHECK(aw_replay_item(&r, id) == AW_ERR_STATE && aw_replay_abort(&r) == AW_ERR_STATE);
	CHECK(aw_replay_end(&r) == AW_OK);
	CHECK(date(&r, "[B](https://b)") == -1);
	/* a whole version after deltas sees the same state */
	{
		const char *v[] = {"[B](https://b)", "[C](https://c)", NULL};
		version(&r, 400, v);
	}
	CHECK(date(&r, "[B](https://b)") == 400 && date(&r, "[C](https://c)") == 200);
	CHECK(date(&r, "[A](https://a)") == -1);
	CHECK(aw_replay_add(&r, id) == AW_ERR_STATE);

	return aw_test_report("replay");
}
