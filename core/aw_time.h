/*
 * aw_time.h - UTC calendar arithmetic for dating and bucketing items
 * (docs/spec.md 6, 7): civil dates, ISO-8601 weeks, trackawesomelist's week
 * labels, period paths and poll-slot rounding.
 *
 * Times are int64_t Unix seconds, always UTC. No libc time functions and
 * no time zones: trackawesomelist buckets by the UTC date. Civil dates use
 * the proleptic Gregorian calendar and are valid for years 0..9999 (labels
 * and keys print four-digit years).
 */
#ifndef AW_TIME_H
#define AW_TIME_H

#include "aw.h"

/* "No such instant" (aw_poll_next with no later poll). */
#define AW_TIME_NONE INT64_MIN
#define AW_POLL_NONE AW_TIME_NONE   /* the name the CLI uses */

/* Days since 1970-01-01 of the civil date y-m-d (m 1..12, d 1..31). */
int64_t aw_days_from_civil(int64_t y, unsigned m, unsigned d);
/* Inverse of aw_days_from_civil. Any output pointer may be NULL. */
void aw_time_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);
/* Floor division of a time by 86400: the UTC day number of t. */
int64_t aw_days_of(int64_t t);
/* Day of week of a day number, Monday = 0 .. Sunday = 6. */
unsigned aw_weekday(int64_t days);

/* UTC date of t as the integer YYYYMMDD (docs/spec.md 7.1 updated_day). */
uint32_t aw_time_day_key(int64_t t);
/* ISO-8601 week-year and week (1..53) of t's UTC date (docs/spec.md 7.2). */
void aw_time_iso_week(int64_t t, int *year, int *week);
/* ISO week-year * 100 + week: monotonic in t, used as the bucket key. */
uint32_t aw_time_week_key(int64_t t);

/*
 * Labels and paths are appended to `out`; each returns AW_OK or
 * AW_ERR_FULL when `out` truncated (aw_buf rules).
 */
/* "Jan 19, 2022" (en-US, two-digit day). */
int aw_time_day_label(int64_t t, aw_buf *out);
/*
 * "MMM DD - MMM DD, YYYY" of ISO week `week` of ISO year `year`.
 * tal_compat != 0: trackawesomelist's rule (docs/spec.md 7.3): Monday =
 * first Monday on or after 1 January of `year` + 7*(week-1), so years
 * starting on Tue/Wed/Thu get labels one week late. tal_compat == 0: the
 * real Monday..Sunday of that ISO week. YYYY is the year of the Monday.
 */
int aw_time_week_label(int year, int week, int tal_compat, aw_buf *out);
/* "/content/<Y>/<W>/README.md", week not zero-padded. */
int aw_time_week_path(int year, int week, aw_buf *out);
/* "/content/YYYY/MM/DD/README.md" of t's UTC date. */
int aw_time_day_path(int64_t t, aw_buf *out);
/* "2022-01-19T21:32:23.000Z" (JSON Feed dates, docs/spec.md 10.1). */
int aw_iso8601(int64_t t, aw_buf *out);

/*
 * First slot instant strictly after t. slot_minutes: n >= 1 minutes after
 * 00:00 UTC (each < 1440, any order), e.g. {9, 729} for 00:09 and 12:09.
 * Returns t unchanged when n is 0.
 */
int64_t aw_poll_slot_after(int64_t t, const uint16_t *slot_minutes, size_t n);
/*
 * First element >= t of `sorted_polls` (n instants, ascending), found by
 * binary search; AW_TIME_NONE when every poll is earlier than t (or n is
 * 0): the caller decides what an item seen after the last poll means.
 */
int64_t aw_poll_next(const int64_t *sorted_polls, size_t n, int64_t t);
/*
 * Parse "HH:MM[,HH:MM...]" (spaces around items allowed) into minutes
 * after midnight. Stores at most `cap` values in `out` and their count in
 * *n. Returns AW_OK, AW_ERR_SYNTAX on a malformed or out-of-range item or
 * an empty list, AW_ERR_FULL when more than `cap` items are given.
 */
int aw_time_parse_hhmm_list(const char *s, size_t len, uint16_t *out, size_t cap,
		       size_t *n);

/*
 * Date parsers for feeds and HTTP (aw_feed, aw_http). Each parses exactly
 * s[0..n) (no surrounding space) into Unix seconds UTC in *t and returns
 * AW_OK, or AW_ERR_SYNTAX for anything malformed or out of range (month,
 * day of that month, hour, minute, second 0..60, zone offset < 24 h,
 * years 0..9999 after the zone is applied).
 *
 * aw_time_parse_rfc3339: "YYYY-MM-DD(T|t| )HH:MM:SS[.frac](Z|z|+HH:MM|-HH:MM)";
 * the fraction is dropped, second 60 counts as the next second.
 *
 * aw_time_parse_rfc822: RFC 822 / 2822 / 1123 dates as RSS and HTTP use them:
 * "[Wkd[,]] D[D] Mon YYYY HH:MM[:SS] [zone]": the weekday is skipped
 * (not checked: feeds often get it wrong), month names in any case,
 * '-' also separates day, month and year (RFC 850 HTTP dates), two-digit
 * years are 19xx from 50 on and 20xx below; zone +HHMM / -HHMM, UT, UTC,
 * GMT, Z, EST/EDT, CST/CDT, MST/MDT, PST/PDT (any case); no zone = UTC.
 * Also accepts the asctime form of HTTP ("Sun Nov  6 08:49:37 1994").
 */
int aw_time_parse_rfc3339(const char *s, size_t n, int64_t *t);
int aw_time_parse_rfc822(const char *s, size_t n, int64_t *t);

#endif /* AW_TIME_H */
