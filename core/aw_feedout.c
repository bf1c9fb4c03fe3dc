/*
 * aw_feedout.c - Atom 1.0, RSS 2.0 and JSON Feed 1.1 of a list's weekly or
 * daily digest, and the shared pieces of every HTML-ish output: the escaping writer (XML / JSON / none, with
 * UTF-8 repair) and the item markdown -> inert HTML converter.
 *
 * The converter is deliberately small: it knows the markdown the
 * serializer prints for an item (links, images, code spans, emphasis
 * markers, backslash escapes, hard breaks, nested list lines), turns only
 * http(s) links into <a>, and escapes everything else as text. It is not a
 * CommonMark renderer and never emits markup taken from the input.
 * Periods, categories and items come from the digest walker (aw_digest.h).
 * Not done here: sorting or grouping, aggregated multi-list feeds.
 */
#include "aw_feedout.h"
#include "aw_time.h"
#include "aw_utf8.h"

#include <string.h>

/* ---- escaping writer ---- */

void aw_feedout_esc_init(aw_feedout_esc *o, aw_sink *out, int esc)
{
	o->out = out;
	o->esc = esc;
}

void aw_feedout_esc_raw(aw_feedout_esc *o, const char *s, size_t n)
{
	aw_sink_write(o->out, s, n);
}

/* s[0..n) is valid UTF-8 without forbidden controls: escape for o->esc */
static void esc_valid(aw_feedout_esc *o, const char *s, size_t n)
{
	size_t i, run = 0;
	static const char hex[] = "0123456789abcdef";

	if (o->esc == AW_FEEDOUT_ESC_NONE) {
		aw_feedout_esc_raw(o, s, n);
		return;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		char u[8];
		size_t skip = 1, rl;

		if (o->esc == AW_FEEDOUT_ESC_XML) {
			if (c == '&') rep = "&amp;";
			else if (c == '<') rep = "&lt;";
			else if (c == '>') rep = "&gt;";
			else if (c == '"') rep = "&quot;";
			else if (c == '\r') rep = "&#13;";
		} else {
			if (c == '"') rep = "\\\"";
			else if (c == '\\') rep = "\\\\";
			else if (c == '\n') rep = "\\n";
			else if (c == '\r') rep = "\\r";
			else if (c == '\t') rep = "\\t";
			else if (c < 0x20 || c == 0x7f) {
				memcpy(u, "\\u00", 4);
				u[4] = hex[c >> 4];
				u[5] = hex[c & 15];
				u[6] = 0;
				rep = u;
			} else if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
				   ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9)) {
				rep = (unsigned char)s[i + 2] == 0xa8 ? "\\u2028" : "\\u2029";
				skip = 3;
			}
		}
		if (!rep)
			continue;
		aw_feedout_esc_raw(o, s + run, i - run);
		rl = strlen(rep);
		aw_feedout_esc_raw(o, rep, rl);
		i += skip - 1;
		run = i + 1;
	}
	aw_feedout_esc_raw(o, s + run, n - run);
}

void aw_feedout_esc_str(aw_feedout_esc *o, const char *s)
{
	esc_valid(o, s, strlen(s));
}

/* Length of the valid UTF-8 sequence at s[0..n) that XML 1.0 allows
 * (no surrogates, no U+FFFE / U+FFFF, no C0 control but TAB LF CR), or 0. */
static size_t utf8_ok(const unsigned char *s, size_t n)
{
	size_t l;
	uint32_t cp = aw_utf8_dec((const char *)s, n, 0, &l);

	if (cp < 0x80)
		return (cp >= 0x20 && cp != 0x7f) || cp == '\t' || cp == '\n' || cp == '\r';
	if ((cp == AW_UTF8_BAD && l == 1) || cp == 0xfffe || cp == 0xffff)
		return 0;
	return l;
}

static void put_text(aw_feedout_esc *o, const char *s, size_t n, int html)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;

	while (i < n) {
		size_t l = utf8_ok(u + i, n - i);
		const char *rep = NULL;
		if (l == 0) {
			/* invalid byte or forbidden control: C0 dropped, else U+FFFD */
			rep = u[i] < 0x80 ? "" : "\xef\xbf\xbd";
			l = 1;
		} else if (html) {
			switch (u[i]) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\'': rep = "&#39;"; break;
			}
		}
		if (rep) {
			esc_valid(o, s + run, i - run);
			esc_valid(o, rep, strlen(rep));
			run = i + l;
		}
		i += l;
	}
	esc_valid(o, s + run, n - run);
}

void aw_feedout_esc_text(aw_feedout_esc *o, const char *s, size_t n)
{
	put_text(o, s, n, 0);
}

void aw_feedout_esc_html_text(aw_feedout_esc *o, const char *s, size_t n)
{
	put_text(o, s, n, 1);
}

int aw_feedout_url_ok(const char *u, size_t n)
{
	size_t i, p;

	if (n > 8 && (u[0] | 0x20) == 'h' && (u[1] | 0x20) == 't' && (u[2] | 0x20) == 't' &&
	    (u[3] | 0x20) == 'p' && (u[4] | 0x20) == 's' && u[5] == ':')
		p = 6;
	else if (n > 7 && (u[0] | 0x20) == 'h' && (u[1] | 0x20) == 't' && (u[2] | 0x20) == 't' &&
		 (u[3] | 0x20) == 'p' && u[4] == ':')
		p = 5;
	else
		return 0;
	if (u[p] != '/' || u[p + 1] != '/' || p + 2 >= n || u[p + 2] == '/')
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)u[i] <= 0x20 || u[i] == 0x7f || u[i] == '<' || u[i] == '>' ||
		    u[i] == '"' || u[i] == '\\')
			return 0;
	return 1;
}

/* ---- item markdown -> inert HTML ---- */

static int is_punct(char c)
{
	return AW_IS_PUNCT(c);
}

/* [text](dest "title"): with s[i] == '[', find the matching ']' and the
 * destination. Returns 1 and sets *close (index of ']'), dest, *end (index
 * after ')'). No recursion: a bracket depth counter. */
static int find_link(const char *s, size_t n, size_t i, size_t *close,
		     size_t *d0, size_t *d1, size_t *end)
{
	size_t j = i + 1, depth = 1, par = 0;

	while (j < n) {
		if (s[j] == '\\' && j + 1 < n) { j += 2; continue; }
		if (s[j] == '[') depth++;
		else if (s[j] == ']' && --depth == 0) break;
		j++;
	}
	if (j >= n || j + 1 >= n || s[j + 1] != '(')
		return 0;
	*close = j;
	j += 2;
	if (j < n && s[j] == '<') {
		*d0 = ++j;
		while (j < n && s[j] != '>' && s[j] != '\n') {
			if (s[j] == '\\' && j + 1 < n) j++;
			j++;
		}
		if (j >= n || s[j] != '>')
			return 0;
		*d1 = j++;
	} else {
		*d0 = j;
		while (j < n && (unsigned char)s[j] > 0x20) {
			if (s[j] == '\\' && j + 1 < n) { j += 2; continue; }
			if (s[j] == '(') par++;
			else if (s[j] == ')') { if (!par) break; par--; }
			j++;
		}
		*d1 = j;
	}
	while (j < n && (s[j] == ' ' || s[j] == '\n')) j++;
	if (j < n && (s[j] == '"' || s[j] == '\'' || s[j] == '(')) {
		char q = s[j] == '(' ? ')' : s[j];
		j++;
		while (j < n && s[j] != q) {
			if (s[j] == '\\' && j + 1 < n) j++;
			j++;
		}
		if (j >= n)
			return 0;
		j++;
		while (j < n && (s[j] == ' ' || s[j] == '\n')) j++;
	}
	if (j >= n || s[j] != ')')
		return 0;
	*end = j + 1;
	return 1;
}

/* destination with backslash escapes removed, as an href (if http(s)) */
static int put_href(aw_feedout_esc *o, const char *s, size_t d0, size_t d1)
{
	char url[2048];
	size_t n = 0, k;

	for (k = d0; k < d1; k++) {
		if (s[k] == '\\' && k + 1 < d1 && is_punct(s[k + 1]))
			k++;
		if (n == sizeof url)
			return 0;
		url[n++] = s[k];
	}
	if (!aw_feedout_url_ok(url, n))
		return 0;
	aw_feedout_esc_str(o, "<a href=\"");
	put_text(o, url, n, 1);
	aw_feedout_esc_str(o, "\">");
	return 1;
}

/* a character reference: &name; &#123; &#x1f; (length or 0) */
static size_t char_ref(const char *s, size_t n)
{
	size_t j = 1, k;

	if (j < n && s[j] == '#') {
		int x = j + 1 < n && (s[j + 1] | 0x20) == 'x';
		j += 1 + x;
		for (k = j; k < n && k - j < 7; k++) {
			char c = s[k];
			if (!(AW_IS_DIGIT(c) || (x && (((c | 0x20) >= 'a' && (c | 0x20) <= 'f')))))
				break;
		}
	} else {
		for (k = j; k < n && k - j < 32 && AW_IS_ALNUM(s[k]); k++)
			;
	}
	if (k == j || k >= n || s[k] != ';')
		return 0;
	return k + 1;
}

/* skip a list marker ("*", "-", "+", "1." / "1)") and its spaces at s[i] */
static size_t list_marker(const char *s, size_t n, size_t i)
{
	size_t j = i;

	if (j < n && (s[j] == '*' || s[j] == '-' || s[j] == '+')) {
		j++;
	} else {
		while (j < n && j - i < 9 && AW_IS_DIGIT(s[j])) j++;
		if (j == i || j >= n || (s[j] != '.' && s[j] != ')'))
			return i;
		j++;
	}
	if (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n')
		return i;
	while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
	/* task list box */
	if (j + 2 < n && s[j] == '[' && (s[j + 1] == ' ' || s[j + 1] == 'x' || s[j + 1] == 'X') &&
	    s[j + 2] == ']')
		j += 3;
	while (j < n && s[j] == ' ') j++;
	return j;
}

void aw_feedout_md_html(aw_feedout_esc *o, const char *s, size_t n, int item)
{
	size_t i = 0, link_close = (size_t)-1, link_end = 0;
	int in_link = 0, link_open = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
	if (item)
		i = list_marker(s, n, i);
	while (i < n && !o->out->err) {
		char c = s[i];
		size_t run = i;

		if (in_link && i == link_close) {
			if (link_open)
				aw_feedout_esc_str(o, "</a>");
			in_link = link_open = 0;
			i = link_end;
			continue;
		}
		switch (c) {
		case '\\':
			if (i + 1 < n && s[i + 1] == '\n') {
				aw_feedout_esc_str(o, "<br>");
				i++;   /* the newline case skips the indent */
				goto newline;
			}
			if (i + 1 < n && is_punct(s[i + 1])) {
				put_text(o, s + i + 1, 1, 1);
				i += 2;
				continue;
			}
			put_text(o, s + i, 1, 1);
			i++;
			continue;
		case '\n':
			if (i + 1 < n) {
				size_t j = i + 1, k;
				while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
				k = item ? list_marker(s, n, j) : j;
				aw_feedout_esc_str(o, k != j ? "<br>\xe2\x80\xa2 " : " ");
				i = k;
				continue;
			}
			i++;
			continue;
		case '`': {
			size_t k = i, m, j;
			while (k < n && s[k] == '`') k++;
			m = k - i;
			for (j = k; j < n; ) {
				size_t e = j;
				if (s[j] != '`') { j++; continue; }
				while (e < n && s[e] == '`') e++;
				if (e - j == m) break;
				j = e;
			}
			if (j < n) {
				aw_feedout_esc_str(o, "<code>");
				put_text(o, s + k, j - k, 1);
				aw_feedout_esc_str(o, "</code>");
				i = j + m;
			} else {
				put_text(o, s + i, m, 1);
				i = k;
			}
			continue;
		}
		case '!':
			if (i + 1 < n && s[i + 1] == '[') {
				size_t cl, d0, d1, e, k;
				if (find_link(s, n, i + 1, &cl, &d0, &d1, &e)) {
					/* alt text only: no remote images */
					for (k = i + 2; k < cl; k++) {
						if (s[k] == '\\' && k + 1 < cl && is_punct(s[k + 1]))
							k++;
						else if (s[k] == '*' || s[k] == '[' || s[k] == ']' || s[k] == '`')
							continue;
						put_text(o, s + k, 1, 1);
					}
					i = e;
					continue;
				}
			}
			break;
		case '[':
			if (!in_link) {
				size_t cl, d0, d1, e;
				if (find_link(s, n, i, &cl, &d0, &d1, &e)) {
					in_link = 1;
					link_open = put_href(o, s, d0, d1);
					link_close = cl;
					link_end = e;
					i++;
					continue;
				}
			}
			break;
		case '<': {
			/* autolink <http://...> */
			size_t k = i + 1;
			while (k < n && s[k] != '>' && s[k] != '<' && (unsigned char)s[k] > 0x20) k++;
			if (!in_link && k < n && s[k] == '>' && aw_feedout_url_ok(s + i + 1, k - i - 1)) {
				aw_feedout_esc_str(o, "<a href=\"");
				put_text(o, s + i + 1, k - i - 1, 1);
				aw_feedout_esc_str(o, "\">");
				put_text(o, s + i + 1, k - i - 1, 1);
				aw_feedout_esc_str(o, "</a>");
				i = k + 1;
				continue;
			}
			break;
		}
		case '*':
			i++;   /* emphasis delimiter (literal ones are escaped) */
			continue;
		case '&': {
			size_t l = char_ref(s + i, n - i);
			if (l) {
				esc_valid(o, s + i, l);
				i += l;
				continue;
			}
			break;
		}
		default:
			/* a run of plain bytes */
			while (i < n && s[i] != '\\' && s[i] != '\n' && s[i] != '`' && s[i] != '!' &&
			       s[i] != '[' && s[i] != '<' && s[i] != '*' && s[i] != '&' &&
			       !(in_link && i == link_close))
				i++;
			put_text(o, s + run, i - run, 1);
			continue;
		}
		put_text(o, s + i, 1, 1);
		i++;
		continue;
newline:
		i++;
		while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
		if (item) {
			size_t k = list_marker(s, n, i);
			if (k != i)
				aw_feedout_esc_str(o, "\xe2\x80\xa2 ");
			i = k;
		}
	}
	if (in_link && link_open)
		aw_feedout_esc_str(o, "</a>");
}

/* ---- periods ---- */

static int64_t period_start(int kind, uint32_t key)
{
	if (kind == AW_PAGE_WEEKLY) {
		int64_t jan4 = aw_days_from_civil(key / 100, 1, 4);
		return (jan4 - aw_weekday(jan4) + 7 * (int64_t)(key % 100 - 1)) * 86400;
	}
	return aw_days_from_civil(key / 10000, key / 100 % 100, key % 100) * 86400;
}

static void put2(aw_buf *b, unsigned v)
{
	aw_buf_putc(b, (char)('0' + v / 10 % 10));
	aw_buf_putc(b, (char)('0' + v % 10));
}

int aw_feedout_period_anchor(int kind, uint32_t key, aw_buf *out)
{
	aw_buf_putu(out, kind == AW_PAGE_WEEKLY ? key / 100 : key / 10000);
	if (kind == AW_PAGE_WEEKLY) {
		aw_buf_puts(out, "-W");
		put2(out, key % 100);
	} else {
		aw_buf_putc(out, '-');
		put2(out, key / 100 % 100);
		aw_buf_putc(out, '-');
		put2(out, key % 100);
	}
	return out->truncated ? AW_ERR_FULL : AW_OK;
}

int aw_feedout_period_label(int kind, uint32_t key, aw_buf *out)
{
	if (kind == AW_PAGE_WEEKLY)
		return aw_time_week_label((int)(key / 100), (int)(key % 100), 0, out);
	return aw_time_day_label(period_start(kind, key), out);
}

/* ---- feeds ---- */

/* string literals only (the "" makes a pointer a compile error) */
#define RAW(o, lit) aw_feedout_esc_raw((o), "" lit, sizeof(lit) - 1)

typedef struct feed {
	aw_feedout_esc o;
	const aw_feedout_info *fi;
} feed;

static void put_buf(aw_feedout_esc *o, aw_buf *b)
{
	esc_valid(o, b->p, b->len);
}

/* RFC 822 / 1123 date: "Mon, 05 Jun 2023 12:34:56 +0000" */
static void rfc822(aw_feedout_esc *o, int64_t t)
{
	static const char wd[] = "MonTueWedThuFriSatSun";
	static const char mn[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	int64_t days = aw_days_of(t), y;
	uint32_t sec = (uint32_t)(t - days * 86400);
	unsigned m, d, w = aw_weekday(days);
	char tmp[40];
	aw_buf b;

	aw_time_civil_from_days(days, &y, &m, &d);
	aw_buf_init(&b, tmp, sizeof tmp);
	aw_buf_put(&b, wd + 3 * w, 3);
	aw_buf_puts(&b, ", ");
	put2(&b, d);
	aw_buf_putc(&b, ' ');
	aw_buf_put(&b, mn + 3 * (m - 1), 3);
	aw_buf_putc(&b, ' ');
	aw_buf_putu(&b, (unsigned long)y);
	aw_buf_putc(&b, ' ');
	put2(&b, sec / 3600);
	aw_buf_putc(&b, ':');
	put2(&b, sec / 60 % 60);
	aw_buf_putc(&b, ':');
	put2(&b, sec % 60);
	aw_buf_puts(&b, " +0000");
	put_buf(o, &b);
}

static void rfc3339(aw_feedout_esc *o, int64_t t)
{
	char tmp[40];
	aw_buf b;
	aw_buf_init(&b, tmp, sizeof tmp);
	aw_iso8601(t, &b);
	put_buf(o, &b);
}

static void put_label(aw_feedout_esc *o, const aw_digest_period *p)
{
	char tmp[64];
	aw_buf b;
	aw_buf_init(&b, tmp, sizeof tmp);
	aw_feedout_period_label(p->kind, p->key, &b);
	put_buf(o, &b);
}

static void put_anchor(aw_feedout_esc *o, const aw_digest_period *p)
{
	char tmp[32];
	aw_buf b;
	aw_buf_init(&b, tmp, sizeof tmp);
	aw_feedout_period_anchor(p->kind, p->key, &b);
	put_buf(o, &b);
}

/* list_id percent-encoded for the tag URI (unreserved and '/' kept);
 * p NULL: the feed's own id */
static void put_id(feed *f, const aw_digest_period *p)
{
	const char *s = f->fi->list_id;
	static const char hex[] = "0123456789ABCDEF";

	aw_feedout_esc_str(&f->o, "tag:awtrack,2026:");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (AW_IS_ALNUM(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			esc_valid(&f->o, (const char *)&c, 1);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			esc_valid(&f->o, e, 3);
		}
	}
	aw_feedout_esc_str(&f->o, f->fi->kind == AW_PAGE_WEEKLY ? "/week" : "/day");
	if (p) {
		aw_feedout_esc_str(&f->o, "/");
		put_anchor(&f->o, p);
	}
}

static void put_link(feed *f, const aw_digest_period *p)
{
	aw_feedout_esc_str(&f->o, f->fi->home_url);
	aw_feedout_esc_str(&f->o, "#");
	put_anchor(&f->o, p);
}

static void put_title(feed *f, const aw_digest_period *p)
{
	aw_feedout_esc_text(&f->o, f->fi->name, strlen(f->fi->name));
	aw_feedout_esc_str(&f->o, " Updates on ");
	put_label(&f->o, p);
}

static void put_summary(feed *f, const aw_digest_period *p)
{
	char tmp[16];
	aw_buf b;
	aw_buf_init(&b, tmp, sizeof tmp);
	aw_buf_putu(&b, p->n_items);
	put_buf(&f->o, &b);
	aw_feedout_esc_str(&f->o, p->n_items == 1 ? " new entry in " : " new entries in ");
	aw_feedout_esc_text(&f->o, f->fi->name, strlen(f->fi->name));
	aw_feedout_esc_str(&f->o, ", ");
	put_label(&f->o, p);
}

static void f_period(feed *f, const aw_digest_period *p)
{
	aw_feedout_esc *o = &f->o;

	switch (f->fi->format) {
	case AW_FEEDOUT_ATOM:
		RAW(o, "  <entry>\n    <id>");
		put_id(f, p);
		RAW(o, "</id>\n    <title>");
		put_title(f, p);
		RAW(o, "</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"");
		put_link(f, p);
		RAW(o, "\"/>\n    <published>");
		rfc3339(o, p->first);
		RAW(o, "</published>\n    <updated>");
		rfc3339(o, p->last);
		RAW(o, "</updated>\n    <summary>");
		put_summary(f, p);
		RAW(o, "</summary>\n    <content type=\"html\">");
		break;
	case AW_FEEDOUT_RSS:
		RAW(o, "    <item>\n      <title>");
		put_title(f, p);
		RAW(o, "</title>\n      <link>");
		put_link(f, p);
		RAW(o, "</link>\n      <guid isPermaLink=\"false\">");
		put_id(f, p);
		RAW(o, "</guid>\n      <pubDate>");
		rfc822(o, p->last);
		RAW(o, "</pubDate>\n      <description>");
		break;
	default:
		if (p->index)
			RAW(o, ",");
		RAW(o, "\n    {\n      \"id\": \"");
		put_id(f, p);
		RAW(o, "\",\n      \"url\": \"");
		put_link(f, p);
		RAW(o, "\",\n      \"title\": \"");
		put_title(f, p);
		RAW(o, "\",\n      \"summary\": \"");
		put_summary(f, p);
		RAW(o, "\",\n      \"date_published\": \"");
		rfc3339(o, p->first);
		RAW(o, "\",\n      \"date_modified\": \"");
		rfc3339(o, p->last);
		RAW(o, "\",\n      \"content_html\": \"");
		break;
	}
}

static void f_category(feed *f, const char *cat, size_t len)
{
	if (len) {
		aw_feedout_esc_str(&f->o, "<h3>");
		aw_feedout_md_html(&f->o, cat, len, 0);
		aw_feedout_esc_str(&f->o, "</h3>\n");
	}
	aw_feedout_esc_str(&f->o, "<ul>\n");
}

static void f_item(feed *f, const aw_digest_item *it)
{
	aw_feedout_esc_str(&f->o, "<li>");
	aw_feedout_md_html(&f->o, it->markdown, it->markdown_len, 1);
	aw_feedout_esc_str(&f->o, "</li>\n");
}

static void f_period_end(feed *f)
{
	switch (f->fi->format) {
	case AW_FEEDOUT_ATOM:
		RAW(&f->o, "</content>\n  </entry>\n");
		break;
	case AW_FEEDOUT_RSS:
		RAW(&f->o, "</description>\n    </item>\n");
		break;
	default:
		RAW(&f->o, "\"\n    }");
		break;
	}
}

int aw_feedout_write(aw_digest_ctx *w, const aw_store_ctx *s, const aw_feedout_info *fi,
		     aw_sink *out)
{
	feed f;
	aw_feedout_esc *o = &f.o;
	aw_digest_opts dopt;
	aw_digest_ev ev;
	int64_t latest;
	int rc, has_desc;

	if (!w || !s || !fi || !out || !out->fn || !fi->name || !fi->list_id || !fi->home_url ||
	    !aw_feedout_url_ok(fi->home_url, strlen(fi->home_url)) ||
	    (fi->self_url && !aw_feedout_url_ok(fi->self_url, strlen(fi->self_url))) ||
	    (fi->author_url && !aw_feedout_url_ok(fi->author_url, strlen(fi->author_url))) ||
	    (fi->kind != AW_PAGE_WEEKLY && fi->kind != AW_PAGE_DAILY) ||
	    fi->format < AW_FEEDOUT_ATOM || fi->format > AW_FEEDOUT_JSON)
		return AW_ERR_ARG;
	/* complete periods only: until the start of the one holding `now` */
	aw_digest_opts_default(&dopt);
	dopt.kind = fi->kind == AW_PAGE_WEEKLY ? AW_DIGEST_WEEKLY : AW_DIGEST_DAILY;
	if (!(fi->flags & AW_FEEDOUT_CURRENT))
		dopt.until = aw_digest_period_start(dopt.kind, fi->now);
	/* the feed's updated time: the newest period's latest item */
	latest = fi->now;
	dopt.max_periods = 1;
	if ((rc = aw_digest_begin(w, s, &dopt)))
		return rc;
	if (aw_digest_next(w, &ev) == 1 && ev.type == AW_DIGEST_PERIOD)
		latest = ev.period->last;
	dopt.max_periods = fi->max_periods;
	has_desc = fi->description && fi->description[0];
	f.fi = fi;
	aw_feedout_esc_init(o, out, fi->format == AW_FEEDOUT_JSON ? AW_FEEDOUT_ESC_JSON : AW_FEEDOUT_ESC_XML);

	switch (fi->format) {
	case AW_FEEDOUT_ATOM:
		RAW(o, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
			      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>Track ");
		aw_feedout_esc_text(o, fi->name, strlen(fi->name));
		aw_feedout_esc_str(o, fi->kind == AW_PAGE_WEEKLY ? " Updates Weekly" : " Updates Daily");
		RAW(o, "</title>\n");
		if (has_desc) {
			RAW(o, "  <subtitle>");
			aw_feedout_esc_text(o, fi->description, strlen(fi->description));
			RAW(o, "</subtitle>\n");
		}
		RAW(o, "  <id>");
		put_id(&f, NULL);
		RAW(o, "</id>\n  <updated>");
		rfc3339(o, latest);
		RAW(o, "</updated>\n  <link rel=\"alternate\" type=\"text/html\" href=\"");
		aw_feedout_esc_str(o, fi->home_url);
		RAW(o, "\"/>\n");
		if (fi->self_url) {
			RAW(o, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
			aw_feedout_esc_str(o, fi->self_url);
			RAW(o, "\"/>\n");
		}
		RAW(o, "  <author>\n    <name>");
		aw_feedout_esc_text(o, fi->name, strlen(fi->name));
		RAW(o, "</name>\n");
		if (fi->author_url) {
			RAW(o, "    <uri>");
			aw_feedout_esc_str(o, fi->author_url);
			RAW(o, "</uri>\n");
		}
		RAW(o, "  </author>\n  <generator version=\"" AW_VERSION "\">awtrack</generator>\n");
		break;
	case AW_FEEDOUT_RSS:
		RAW(o, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
			      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n"
			      "  <channel>\n    <title>Track ");
		aw_feedout_esc_text(o, fi->name, strlen(fi->name));
		aw_feedout_esc_str(o, fi->kind == AW_PAGE_WEEKLY ? " Updates Weekly" : " Updates Daily");
		RAW(o, "</title>\n    <link>");
		aw_feedout_esc_str(o, fi->home_url);
		RAW(o, "</link>\n    <description>");
		if (has_desc) {
			/* readers take an RSS description for HTML */
			aw_feedout_esc_html_text(o, fi->description, strlen(fi->description));
		} else {
			aw_feedout_esc_str(o, "New entries of ");
			aw_feedout_esc_text(o, fi->name, strlen(fi->name));
		}
		RAW(o, "</description>\n");
		if (fi->self_url) {
			RAW(o, "    <atom:link rel=\"self\" type=\"application/rss+xml\" href=\"");
			aw_feedout_esc_str(o, fi->self_url);
			RAW(o, "\"/>\n");
		}
		RAW(o, "    <lastBuildDate>");
		rfc822(o, latest);
		RAW(o, "</lastBuildDate>\n    <generator>awtrack " AW_VERSION "</generator>\n");
		break;
	default:
		RAW(o, "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": \"Track ");
		aw_feedout_esc_text(o, fi->name, strlen(fi->name));
		aw_feedout_esc_str(o, fi->kind == AW_PAGE_WEEKLY ? " Updates Weekly" : " Updates Daily");
		RAW(o, "\",\n  \"home_page_url\": \"");
		aw_feedout_esc_str(o, fi->home_url);
		if (fi->self_url) {
			RAW(o, "\",\n  \"feed_url\": \"");
			aw_feedout_esc_str(o, fi->self_url);
		}
		if (has_desc) {
			RAW(o, "\",\n  \"description\": \"");
			aw_feedout_esc_text(o, fi->description, strlen(fi->description));
		}
		RAW(o, "\",\n  \"authors\": [\n    {\n      \"name\": \"");
		aw_feedout_esc_text(o, fi->name, strlen(fi->name));
		if (fi->author_url) {
			RAW(o, "\",\n      \"url\": \"");
			aw_feedout_esc_str(o, fi->author_url);
		}
		RAW(o, "\"\n    }\n  ],\n  \"items\": [");
		break;
	}
	if (o->out->err)
		return o->out->err;
	if ((rc = aw_digest_begin(w, s, &dopt)))
		return rc;
	while (!out->err && aw_digest_next(w, &ev) == 1) {
		switch (ev.type) {
		case AW_DIGEST_PERIOD:
			f_period(&f, ev.period);
			break;
		case AW_DIGEST_CATEGORY:
			f_category(&f, ev.category, ev.category_len);
			break;
		case AW_DIGEST_ITEM:
			f_item(&f, ev.item);
			break;
		case AW_DIGEST_CATEGORY_END:
			aw_feedout_esc_str(&f.o, "</ul>\n");
			break;
		default:
			f_period_end(&f);
			break;
		}
	}
	if (out->err)
		return out->err;
	switch (fi->format) {
	case AW_FEEDOUT_ATOM:
		RAW(o, "</feed>\n");
		break;
	case AW_FEEDOUT_RSS:
		RAW(o, "  </channel>\n</rss>\n");
		break;
	default:
		RAW(o, "\n  ]\n}\n");
		break;
	}
	return o->out->err;
}
