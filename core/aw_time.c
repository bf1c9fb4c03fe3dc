/*
 * aw_time.c - UTC calendar arithmetic (Howard Hinnant's days/civil
 * algorithms, written from their description), ISO weeks, and the
 * trackawesomelist week-label rule including its off-by-a-week bug.
 * Deliberately no time zones, leap seconds or locale: pages use UTC
 * dates and en-US month names only.
 */
#include "aw_time.h"

static const char months[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};


/* *u /= b, returning the remainder (0 < b <= 65536): four 32-bit
 * divisions, so that no 64-bit division helper (about 1 KB of libgcc on
 * Cortex-M) is linked in */
static uint32_t udivmod(uint64_t *u, uint32_t b)
{
	uint64_t q = 0;
	uint32_t r = 0;
	int s;

	for (s = 48; s >= 0; s -= 16) {
		uint32_t x = r << 16 | (uint32_t)(*u >> s & 0xffff);   /* < b * 65536 */
		q = q << 16 | x / b;
		r = x % b;
	}
	*u = q;
	return r;
}

/* floor(a / b), 0 < b <= 65536, exact for every int64_t */
static int64_t fdiv(int64_t a, uint32_t b)
{
	/* for a < 0: floor(a / b) = -1 - floor((-1 - a) / b) = ~floor(~a / b) */
	uint64_t u = a < 0 ? ~(uint64_t)a : (uint64_t)a;

	udivmod(&u, b);
	return a < 0 ? -(int64_t)u - 1 : (int64_t)u;
}

int64_t aw_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	uint32_t yoe;

	if (m <= 2)
		y--;
	era = fdiv(y, 400);
	yoe = (uint32_t)(y - era * 400);                       /* [0, 399] */
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 - 719468 +
	       fdiv(153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2, 5) + (int64_t)d - 1;
}

void aw_time_civil_from_days(int64_t z, int64_t *py, unsigned *pm, unsigned *pd)
{
	int64_t era;
	uint32_t doe, yoe, doy, mp, m, d;

	z += 719468;
	era = fdiv(fdiv(z, 3), 48699);                         /* z / 146097 */
	doe = (uint32_t)(z - era * 146097);                    /* [0, 146096] */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (py)
		*py = yoe + era * 400 + (m <= 2);
	if (pm)
		*pm = m;
	if (pd)
		*pd = d;
}

int64_t aw_days_of(int64_t t)
{
	return fdiv(fdiv(t, 2), 43200);                        /* t / 86400 */
}

unsigned aw_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday (Monday = 0 -> Thursday = 3) */
	return (unsigned)(days + 3 - fdiv(days + 3, 7) * 7);
}

uint32_t aw_time_day_key(int64_t t)
{
	int64_t y;
	unsigned m, d;

	aw_time_civil_from_days(aw_days_of(t), &y, &m, &d);
	return (uint32_t)(y * 10000 + m * 100 + d);
}

static void iso_week_of_day(int64_t days, int *year, int *week)
{
	/* the ISO week belongs to the year of its Thursday */
	int64_t thu = days - aw_weekday(days) + 3, y;

	aw_time_civil_from_days(thu, &y, NULL, NULL);
	*year = (int)y;
	*week = (int)((uint32_t)(thu - aw_days_from_civil(y, 1, 1)) / 7 + 1);
}

void aw_time_iso_week(int64_t t, int *year, int *week)
{
	iso_week_of_day(aw_days_of(t), year, week);
}

uint32_t aw_time_week_key(int64_t t)
{
	int y, w;

	aw_time_iso_week(t, &y, &w);
	return (uint32_t)(y * 100 + w);
}

static void put2(aw_buf *out, unsigned v)
{
	char c[2];
	c[0] = (char)('0' + v / 10 % 10);
	c[1] = (char)('0' + v % 10);
	aw_buf_put(out, c, 2);
}

/* the last four digits of y as C's y / 100 % 100 and y % 100 print them */
static void put4(aw_buf *out, int64_t y)
{
	uint64_t u = y < 0 ? 0 - (uint64_t)y : (uint64_t)y;
	int32_t r = (int32_t)udivmod(&u, 10000);

	if (y < 0)
		r = -r;
	put2(out, (unsigned)(r / 100));
	put2(out, (unsigned)(r % 100));
}

/* "MMM DD" */
static void put_md(aw_buf *out, unsigned m, unsigned d)
{
	aw_buf_put(out, months[m - 1], 3);
	aw_buf_putc(out, ' ');
	put2(out, d);
}

int aw_time_day_label(int64_t t, aw_buf *out)
{
	int64_t y;
	unsigned m, d;

	aw_time_civil_from_days(aw_days_of(t), &y, &m, &d);
	put_md(out, m, d);
	aw_buf_put(out, ", ", 2);
	put4(out, y);
	return out->truncated ? AW_ERR_FULL : AW_OK;
}

int aw_time_week_label(int year, int week, int tal_compat, aw_buf *out)
{
	int64_t jan1 = aw_days_from_civil(year, 1, 1), mon, y;
	unsigned m0, d0, m, d;

	if (tal_compat)
		mon = jan1 + (7 - aw_weekday(jan1)) % 7;   /* first Monday >= Jan 1 */
	else
		mon = jan1 + 3 - aw_weekday(jan1 + 3);     /* Monday of Jan 4's week */
	mon += 7 * (int64_t)(week - 1);
	aw_time_civil_from_days(mon, &y, &m0, &d0);
	aw_time_civil_from_days(mon + 6, NULL, &m, &d);
	put_md(out, m0, d0);
	aw_buf_put(out, " - ", 3);
	put_md(out, m, d);
	aw_buf_put(out, ", ", 2);
	put4(out, y);
	return out->truncated ? AW_ERR_FULL : AW_OK;
}

int aw_time_week_path(int year, int week, aw_buf *out)
{
	aw_buf_puts(out, "/content/");
	aw_buf_putu(out, (unsigned long)year);
	aw_buf_putc(out, '/');
	aw_buf_putu(out, (unsigned long)week);
	aw_buf_puts(out, "/README.md");
	return out->truncated ? AW_ERR_FULL : AW_OK;
}

int aw_time_day_path(int64_t t, aw_buf *out)
{
	int64_t y;
	unsigned m, d;

	aw_time_civil_from_days(aw_days_of(t), &y, &m, &d);
	aw_buf_puts(out, "/content/");
	put4(out, y);
	aw_buf_putc(out, '/');
	put2(out, m);
	aw_buf_putc(out, '/');
	put2(out, d);
	aw_buf_puts(out, "/README.md");
	return out->truncated ? AW_ERR_FULL : AW_OK;
}

int aw_iso8601(int64_t t, aw_buf *out)
{
	int64_t days = aw_days_of(t), y;
	uint32_t s = (uint32_t)(t - days * 86400);
	unsigned m, d;

	aw_time_civil_from_days(days, &y, &m, &d);
	put4(out, y);
	aw_buf_putc(out, '-');
	put2(out, m);
	aw_buf_putc(out, '-');
	put2(out, d);
	aw_buf_putc(out, 'T');
	put2(out, (unsigned)(s / 3600));
	aw_buf_putc(out, ':');
	put2(out, (unsigned)(s / 60 % 60));
	aw_buf_putc(out, ':');
	put2(out, (unsigned)(s % 60));
	aw_buf_puts(out, ".000Z");
	return out->truncated ? AW_ERR_FULL : AW_OK;
}

int64_t aw_poll_slot_after(int64_t t, const uint16_t *slot_minutes, size_t n)
{
	int64_t day = aw_days_of(t), best = AW_TIME_NONE;
	size_t i;

	if (!n)
		return t;
	for (i = 0; i < n; i++) {
		int64_t s = day * 86400 + (int64_t)slot_minutes[i] * 60;
		if (s <= t)
			s += 86400;    /* strictly after: tomorrow's slot */
		if (best == AW_TIME_NONE || s < best)
			best = s;
	}
	return best;
}

int64_t aw_poll_next(const int64_t *sorted_polls, size_t n, int64_t t)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sorted_polls[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n ? sorted_polls[lo] : AW_TIME_NONE;
}

int aw_time_parse_hhmm_list(const char *s, size_t len, uint16_t *out, size_t cap,
		       size_t *n)
{
	size_t i = 0, k = 0;

	*n = 0;
	for (;;) {
		unsigned h = 0, m = 0, nd = 0;

		while (i < len && s[i] == ' ')
			i++;
		while (i < len && AW_IS_DIGIT(s[i]) && nd < 2) {
			h = h * 10 + (unsigned)(s[i++] - '0');
			nd++;
		}
		if (!nd || i >= len || s[i] != ':')
			return AW_ERR_SYNTAX;
		i++;
		if (i + 2 > len || !AW_IS_DIGIT(s[i]) || !AW_IS_DIGIT(s[i + 1]))
			return AW_ERR_SYNTAX;
		m = (unsigned)(s[i] - '0') * 10 + (unsigned)(s[i + 1] - '0');
		i += 2;
		if (h > 23 || m > 59)
			return AW_ERR_SYNTAX;
		if (k >= cap)
			return AW_ERR_FULL;
		out[k++] = (uint16_t)(h * 60 + m);
		*n = k;
		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			return AW_OK;
		if (s[i] != ',')
			return AW_ERR_SYNTAX;
		i++;
	}
}

/* ---- date parsers (RFC 3339, RFC 822 family) ---- */

/* exactly k digits at s[*i] */
static int digits(const char *s, size_t n, size_t *i, unsigned k, unsigned *v)
{
	unsigned x = 0, j;

	if (n - *i < k)
		return 0;
	for (j = 0; j < k; j++) {
		if (!AW_IS_DIGIT(s[*i + j]))
			return 0;
		x = x * 10 + (unsigned)(s[*i + j] - '0');
	}
	*i += k;
	*v = x;
	return 1;
}

static unsigned mdays(unsigned y, unsigned m)
{
	static const unsigned char d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 29;
	return d[m - 1];
}

/* civil fields + offset (seconds east of UTC) -> *t, range-checked */
static int make_time(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi,
		     unsigned sec, int32_t off, int64_t *t)
{
	int64_t v;

	if (y > 9999 || mo < 1 || mo > 12 || d < 1 || d > mdays(y, mo) || h > 23 ||
	    mi > 59 || sec > 60)
		return AW_ERR_SYNTAX;
	v = aw_days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 + mi * 60 + sec - off;
	if (v < aw_days_from_civil(0, 1, 1) * 86400 || v >= aw_days_from_civil(10000, 1, 1) * 86400)
		return AW_ERR_SYNTAX;
	*t = v;
	return AW_OK;
}

int aw_time_parse_rfc3339(const char *s, size_t n, int64_t *t)
{
	size_t i = 0;
	unsigned y, mo, d, h, mi, sec, oh, om;
	int32_t off = 0;

	if (!digits(s, n, &i, 4, &y) || i >= n || s[i++] != '-' ||
	    !digits(s, n, &i, 2, &mo) || i >= n || s[i++] != '-' ||
	    !digits(s, n, &i, 2, &d) || i >= n ||
	    (s[i] != 'T' && s[i] != 't' && s[i] != ' '))
		return AW_ERR_SYNTAX;
	i++;
	if (!digits(s, n, &i, 2, &h) || i >= n || s[i++] != ':' ||
	    !digits(s, n, &i, 2, &mi) || i >= n || s[i++] != ':' ||
	    !digits(s, n, &i, 2, &sec))
		return AW_ERR_SYNTAX;
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || !AW_IS_DIGIT(s[i]))
			return AW_ERR_SYNTAX;
		while (i < n && AW_IS_DIGIT(s[i]))
			i++;
	}
	if (i >= n)
		return AW_ERR_SYNTAX;
	if (s[i] == 'Z' || s[i] == 'z') {
		i++;
	} else if (s[i] == '+' || s[i] == '-') {
		int neg = s[i++] == '-';
		if (!digits(s, n, &i, 2, &oh) || i >= n || s[i++] != ':' ||
		    !digits(s, n, &i, 2, &om) || oh > 23 || om > 59)
			return AW_ERR_SYNTAX;
		off = (int32_t)(oh * 3600 + om * 60);
		if (neg)
			off = -off;
	} else {
		return AW_ERR_SYNTAX;
	}
	if (i != n)
		return AW_ERR_SYNTAX;
	return make_time(y, mo, d, h, mi, sec, off, t);
}

static int lower(int c)
{
	return AW_IS_UPPER(c) ? c | 0x20 : c;
}

/* case-insensitive: s[i..i+len(w)) == w (w lower case) */
static int word_is(const char *s, size_t n, size_t i, size_t k, const char *w)
{
	size_t j;

	for (j = 0; j < k; j++)
		if (!w[j] || i + j >= n || lower(s[i + j]) != w[j])
			return 0;
	return w[k] == 0;
}

static int month_of(const char *s, size_t n, size_t i, size_t k)
{
	static const char mon[12][4] = {
		"jan", "feb", "mar", "apr", "may", "jun",
		"jul", "aug", "sep", "oct", "nov", "dec"
	};
	int m;

	for (m = 0; m < 12; m++)
		if (word_is(s, n, i, k, mon[m]))
			return m + 1;
	return 0;
}

/* zone name or offset s[i..n) -> seconds east of UTC */
static int zone(const char *s, size_t n, size_t i, int32_t *off)
{
	static const struct { char name[4]; signed char hours; } z[] = {
		{"ut", 0}, {"utc", 0}, {"gmt", 0}, {"z", 0},
		{"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
		{"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}
	};
	size_t k;

	if (i < n && (s[i] == '+' || s[i] == '-')) {
		int neg = s[i] == '-';
		unsigned hh, mm;
		i++;
		if (!digits(s, n, &i, 2, &hh) || !digits(s, n, &i, 2, &mm) || i != n ||
		    hh > 23 || mm > 59)
			return AW_ERR_SYNTAX;
		*off = (int32_t)(hh * 3600 + mm * 60);
		if (neg)
			*off = -*off;
		return AW_OK;
	}
	for (k = 0; k < sizeof z / sizeof z[0]; k++)
		if (word_is(s, n, i, n - i, z[k].name)) {
			*off = (int32_t)z[k].hours * 3600;
			return AW_OK;
		}
	return AW_ERR_SYNTAX;
}

/* "HH:MM[:SS]" at s[*i] */
static int hms(const char *s, size_t n, size_t *i, unsigned *h, unsigned *mi, unsigned *sec)
{
	*sec = 0;
	if (!digits(s, n, i, 2, h) || *i >= n || s[(*i)++] != ':' || !digits(s, n, i, 2, mi))
		return 0;
	if (*i < n && s[*i] == ':') {
		(*i)++;
		if (!digits(s, n, i, 2, sec))
			return 0;
	}
	return 1;
}

int aw_time_parse_rfc822(const char *s, size_t n, int64_t *t)
{
	size_t i = 0, k;
	unsigned d = 0, y = 0, h, mi, sec, nd = 0;
	int mo;
	int32_t off = 0;

	/* optional weekday: letters, then ',' and/or space */
	k = 0;
	while (i + k < n && AW_IS_ALPHA(s[i + k]))
		k++;
	if (k && i + k < n && s[i + k] == ' ' && k == 3 && month_of(s, n, i + k + 1, 3) &&
	    i + k + 4 < n && s[i + k + 4] == ' ') {
		/* asctime: "Sun Nov  6 08:49:37 1994" */
		i += k + 1;
		mo = month_of(s, n, i, 3);
		i += 4;
		if (i < n && s[i] == ' ')
			i++;
		while (i < n && AW_IS_DIGIT(s[i]) && nd < 2) {
			d = d * 10 + (unsigned)(s[i++] - '0');
			nd++;
		}
		if (!nd || i >= n || s[i++] != ' ' || !hms(s, n, &i, &h, &mi, &sec) ||
		    i >= n || s[i++] != ' ' || !digits(s, n, &i, 4, &y) || i != n)
			return AW_ERR_SYNTAX;
		return make_time(y, (unsigned)mo, d, h, mi, sec, 0, t);
	}
	if (k) {
		i += k;
		if (i < n && s[i] == ',')
			i++;
		if (i >= n || s[i] != ' ')
			return AW_ERR_SYNTAX;
		while (i < n && s[i] == ' ')
			i++;
	}
	while (i < n && AW_IS_DIGIT(s[i]) && nd < 2) {
		d = d * 10 + (unsigned)(s[i++] - '0');
		nd++;
	}
	if (!nd || i >= n || (s[i] != ' ' && s[i] != '-'))
		return AW_ERR_SYNTAX;
	i++;
	mo = month_of(s, n, i, 3);
	if (!mo)
		return AW_ERR_SYNTAX;
	i += 3;
	if (i >= n || (s[i] != ' ' && s[i] != '-'))
		return AW_ERR_SYNTAX;
	i++;
	k = i;
	while (k < n && AW_IS_DIGIT(s[k]))
		k++;
	if (k - i == 4) {
		digits(s, n, &i, 4, &y);
	} else if (k - i == 2) {
		digits(s, n, &i, 2, &y);
		y += y < 50 ? 2000 : 1900;
	} else {
		return AW_ERR_SYNTAX;
	}
	if (i >= n || s[i++] != ' ' || !hms(s, n, &i, &h, &mi, &sec))
		return AW_ERR_SYNTAX;
	if (i < n) {
		if (s[i] != ' ')
			return AW_ERR_SYNTAX;
		while (i < n && s[i] == ' ')
			i++;
		if (zone(s, n, i, &off) != AW_OK)
			return AW_ERR_SYNTAX;
	}
	return make_time(y, (unsigned)mo, d, h, mi, sec, off, t);
}
