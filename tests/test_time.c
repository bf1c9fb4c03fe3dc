/*
 * test_time.c - calendar, ISO week, labels, paths and poll rounding,
 * against docs/spec.md 7.2 / 7.3 and every week and day heading of the real
 * pages (tests/data/dating/{week,day}-labels.txt; run from the repo root).
 */
#include "aw_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aw_test.h"

static char sb[256];
static aw_buf b;

static const char *wlabel(int y, int w, int compat)
{
	aw_buf_init(&b, sb, sizeof sb);
	aw_time_week_label(y, w, compat, &b);
	return aw_buf_cstr(&b);
}

static int64_t at(int y, unsigned m, unsigned d, int hh, int mm, int ss)
{
	return aw_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

static void week_of(int y, unsigned m, unsigned d, int wy, int ww)
{
	int ry, rw;
	aw_time_iso_week(at(y, m, d, 12, 0, 0), &ry, &rw);
	CHECK(ry == wy && rw == ww);
	/* first and last second of the UTC day too */
	aw_time_iso_week(at(y, m, d, 0, 0, 0), &ry, &rw);
	CHECK(ry == wy && rw == ww);
	aw_time_iso_week(at(y, m, d, 23, 59, 59), &ry, &rw);
	CHECK(ry == wy && rw == ww);
}

static void test_calendar(void)
{
	int64_t z, y;
	unsigned m, d;

	CHECK(aw_days_from_civil(1970, 1, 1) == 0);
	CHECK(aw_days_from_civil(2000, 3, 1) == 11017);
	CHECK(aw_days_from_civil(1969, 12, 31) == -1);
	for (z = -800000; z < 3000000; z += 7) {
		aw_time_civil_from_days(z, &y, &m, &d);
		if (aw_days_from_civil(y, m, d) != z) {
			CHECK(0);
			return;
		}
	}
	passed++;
	/* `date -u -d @1642627943 +%Y%m%d` = 20220119 (Lxroot's commit) */
	CHECK(aw_time_day_key(1642627943) == 20220119u);
	CHECK(aw_time_day_key(-1) == 19691231u);
	CHECK(aw_weekday(0) == 3);            /* Thursday */
	CHECK(aw_weekday(-4) == 6);           /* 1969-12-28, Sunday */
	aw_buf_init(&b, sb, sizeof sb);
	aw_iso8601(1642627943, &b);
	CHECK(strcmp(aw_buf_cstr(&b), "2022-01-19T21:32:23.000Z") == 0);
}

static void test_spec_weeks(void)
{
	/* docs/spec.md 7.2 verified table */
	week_of(2016, 1, 3, 2015, 53);
	week_of(2018, 12, 31, 2019, 1);
	week_of(2019, 12, 30, 2020, 1);
	week_of(2021, 1, 1, 2020, 53);
	week_of(2021, 1, 3, 2020, 53);
	week_of(2021, 1, 4, 2021, 1);
	/* 6.1: Moby etc. 2017-12-03T18:53Z (Sunday) in 2017/48 */
	week_of(2017, 12, 3, 2017, 48);
	/* 7.3 examples */
	week_of(2020, 10, 12, 2020, 42);
	CHECK(strcmp(wlabel(2020, 42, 1), "Oct 19 - Oct 25, 2020") == 0);
	CHECK(strcmp(wlabel(2015, 51, 1), "Dec 21 - Dec 27, 2015") == 0);
	week_of(2015, 12, 14, 2015, 51);
	week_of(2015, 12, 20, 2015, 51);
	week_of(2019, 1, 24, 2019, 4);
	CHECK(strcmp(wlabel(2019, 4, 1), "Jan 28 - Feb 03, 2019") == 0);
	CHECK(strcmp(wlabel(2020, 53, 1), "Jan 04 - Jan 10, 2021") == 0);
	CHECK(strcmp(wlabel(2021, 1, 1), "Jan 04 - Jan 10, 2021") == 0);
	/* 2015/53 (7.2's 2016-01-03) under the 7.3 rule: first Monday of 2015
	 * is Jan 05, + 52 weeks -> a label in 2016, like 2020/53 */
	CHECK(strcmp(wlabel(2015, 53, 1), "Jan 04 - Jan 10, 2016") == 0);
	week_of(2026, 8, 21, 2026, 34);
	CHECK(strcmp(wlabel(2026, 34, 1), "Aug 24 - Aug 30, 2026") == 0);
	CHECK(strcmp(wlabel(2022, 3, 1), "Jan 17 - Jan 23, 2022") == 0);
	/* fixed rule: the real ISO Monday..Sunday */
	CHECK(strcmp(wlabel(2020, 42, 0), "Oct 12 - Oct 18, 2020") == 0);
	CHECK(strcmp(wlabel(2020, 53, 0), "Dec 28 - Jan 03, 2020") == 0);
	CHECK(strcmp(wlabel(2015, 53, 0), "Dec 28 - Jan 03, 2015") == 0);
	CHECK(strcmp(wlabel(2019, 1, 0), "Dec 31 - Jan 06, 2018") == 0);
	CHECK(strcmp(wlabel(2022, 3, 0), "Jan 17 - Jan 23, 2022") == 0);
	/* affected / correct years of 7.3: compat differs from ISO iff
	 * 1 January is Tue, Wed or Thu */
	{
		static const int bad[] = { 2008, 2009, 2013, 2014, 2015, 2019,
					   2020, 2025, 2026, 2030 };
		static const int good[] = { 2010, 2011, 2012, 2016, 2017, 2018,
					    2021, 2022, 2023, 2024, 2027, 2028, 2029 };
		char l1[64];
		size_t i;
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			strcpy(l1, wlabel(bad[i], 10, 1));
			CHECK(strcmp(l1, wlabel(bad[i], 11, 0)) == 0);
		}
		for (i = 0; i < sizeof good / sizeof good[0]; i++) {
			strcpy(l1, wlabel(good[i], 10, 1));
			CHECK(strcmp(l1, wlabel(good[i], 10, 0)) == 0);
		}
	}
	aw_buf_init(&b, sb, sizeof sb);
	aw_time_week_path(2022, 3, &b);
	CHECK(strcmp(aw_buf_cstr(&b), "/content/2022/3/README.md") == 0);
	/* truncation is reported */
	{
		char small[10];
		aw_buf t;
		aw_buf_init(&t, small, sizeof small);
		CHECK(aw_time_week_label(2022, 3, 1, &t) == AW_ERR_FULL && t.truncated && t.len == 10);
	}
}

static void test_real_labels(void)
{
	FILE *f = fopen("tests/data/dating/week-labels.txt", "r");
	char line[256];
	int n = 0, bad = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		int y, w, off;
		char *lab;
		if (sscanf(line, "%d %d %n", &y, &w, &off) != 2)
			continue;
		lab = line + off;
		lab[strcspn(lab, "\n")] = 0;
		n++;
		if (strcmp(wlabel(y, w, 1), lab) != 0) {
			fprintf(stderr, "week %d/%d: got '%s' want '%s'\n", y, w, sb, lab);
			bad++;
		}
	}
	fclose(f);
	CHECK(n == 219 && bad == 0);

	f = fopen("tests/data/dating/day-labels.txt", "r");
	CHECK(f != NULL);
	if (!f)
		return;
	n = bad = 0;
	while (fgets(line, sizeof line, f)) {
		int y, mo, d, off;
		char want[64], *lab;
		int64_t t;
		if (sscanf(line, "%d %d %d %n", &y, &mo, &d, &off) != 3)
			continue;
		lab = line + off;
		lab[strcspn(lab, "\n")] = 0;
		n++;
		t = at(y, (unsigned)mo, (unsigned)d, 7, 30, 0);
		aw_buf_init(&b, sb, sizeof sb);
		aw_time_day_label(t, &b);
		if (strcmp(aw_buf_cstr(&b), lab) != 0)
			bad++;
		snprintf(want, sizeof want, "/content/%04d/%02d/%02d/README.md", y, mo, d);
		aw_buf_init(&b, sb, sizeof sb);
		aw_time_day_path(t, &b);
		if (strcmp(aw_buf_cstr(&b), want) != 0)
			bad++;
		if (aw_time_day_key(t) != (uint32_t)(y * 10000 + mo * 100 + d))
			bad++;
	}
	fclose(f);
	CHECK(n == 464 && bad == 0);
}

static void test_polls(void)
{
	uint16_t s[4];
	size_t n;
	int64_t d = at(2023, 1, 21, 0, 0, 0);
	static const int64_t polls[] = { 100, 200, 300 };

	CHECK(aw_time_parse_hhmm_list("00:09,12:09", 11, s, 4, &n) == AW_OK && n == 2 &&
	      s[0] == 9 && s[1] == 729);
	CHECK(aw_time_parse_hhmm_list(" 12:09 , 0:09", 13, s, 4, &n) == AW_OK && n == 2 &&
	      s[0] == 729 && s[1] == 9);
	CHECK(aw_time_parse_hhmm_list("24:00", 5, s, 4, &n) == AW_ERR_SYNTAX);
	CHECK(aw_time_parse_hhmm_list("12:60", 5, s, 4, &n) == AW_ERR_SYNTAX);
	CHECK(aw_time_parse_hhmm_list("", 0, s, 4, &n) == AW_ERR_SYNTAX);
	CHECK(aw_time_parse_hhmm_list("00:09,", 6, s, 4, &n) == AW_ERR_SYNTAX);
	CHECK(aw_time_parse_hhmm_list("1:2", 3, s, 4, &n) == AW_ERR_SYNTAX);
	CHECK(aw_time_parse_hhmm_list("00:09,12:09", 11, s, 1, &n) == AW_ERR_FULL);
	aw_time_parse_hhmm_list("00:09,12:09", 11, s, 4, &n);
	/* 12.2: commits at 16:35 / 18:42 / 13:56 UTC -> next day's 00:09 run */
	CHECK(aw_poll_slot_after(d + 16 * 3600 + 35 * 60, s, n) == d + 86400 + 9 * 60);
	CHECK(aw_poll_slot_after(d + 13 * 3600 + 56 * 60, s, n) == d + 86400 + 9 * 60);
	CHECK(aw_poll_slot_after(d + 3600, s, n) == d + 729 * 60);
	/* strictly after: a commit exactly at the slot waits for the next one */
	CHECK(aw_poll_slot_after(d + 9 * 60, s, n) == d + 729 * 60);
	CHECK(aw_poll_slot_after(d + 9 * 60 - 1, s, n) == d + 9 * 60);
	CHECK(aw_poll_slot_after(-1, s, n) == 9 * 60);
	CHECK(aw_poll_next(polls, 3, 50) == 100);
	CHECK(aw_poll_next(polls, 3, 100) == 100);
	CHECK(aw_poll_next(polls, 3, 101) == 200);
	CHECK(aw_poll_next(polls, 3, 300) == 300);
	CHECK(aw_poll_next(polls, 3, 301) == AW_TIME_NONE);
	CHECK(aw_poll_next(polls, 0, 1) == AW_TIME_NONE);
}

int main(void)
{
	test_calendar();
	test_spec_weeks();
	test_real_labels();
	test_polls();
	return aw_test_report("time");
}
