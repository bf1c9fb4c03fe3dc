/*
 * aw_page.c - the CLI's default weekly / daily pages (aw_page.h): grouped
 * as trackawesomelist groups them (periods newest first, categories in
 * order of first appearance, items in document order), with a header
 * that names only the list and its source, headings without links, and a
 * final newline. The text format turns each item's Markdown (as tal-spec
 * 5 serializes it) into plain text: escapes, emphasis and code marks
 * dropped, links as "text <url>", wrapped to a width with the item's
 * indentation. Deliberately not a Markdown parser: the items come out of
 * one serializer, whose few forms are all this has to undo. Periods,
 * categories and items come from the digest walker (aw_digest.h); this
 * file only prints them.
 */
#include "aw_page.h"

#include <stdlib.h>
#include <string.h>

#include "aw_render.h"
#include "aw_digest.h"
#include "aw_time.h"

static void put(aw_sink *o, const char *p, size_t n)
{
	aw_sink_write(o, p, n);
}

static void puts_(aw_sink *o, const char *s)
{
	put(o, s, strlen(s));
}

static void label(aw_sink *o, const aw_digest_period *p)
{
	char b[64];
	aw_buf lb;
	aw_buf_init(&lb, b, sizeof b);
	if (p->kind == AW_DIGEST_DAILY)
		aw_time_day_label(p->start, &lb);
	else
		aw_time_week_label(p->year, p->week, 0, &lb);
	put(o, lb.p, lb.len);
}

/* ---- plain text of one item ---- */

static int is_punct(char c)
{
	return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) ||
	       (c >= 0x7b && c <= 0x7e);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Inline Markdown of one line -> text, appended to out[*n] (cap). */
static void inline_text(const char *s, size_t len, char *out, size_t *n, size_t cap)
{
	size_t i = 0;
#define OUT(c) do { if (*n < cap) out[(*n)++] = (c); } while (0)
	while (i < len) {
		char c = s[i];
		if (c == '\\' && i + 1 < len && is_punct(s[i + 1])) {
			OUT(s[i + 1]);
			i += 2;
		} else if (c == '!' && i + 1 < len && s[i + 1] == '[') {
			i++; /* an image: its alt text, like a link's text */
		} else if (c == '[') {
			/* [text](url): find "](" on this line, then the closing ")" */
			size_t j = i + 1, depth = 1, k;
			while (j < len && depth) {
				if (s[j] == '\\') { j += 2; continue; }
				if (s[j] == '[') depth++;
				else if (s[j] == ']') depth--;
				if (depth) j++;
			}
			if (j + 1 < len && s[j] == ']' && s[j + 1] == '(') {
				size_t u0 = j + 2, u1 = u0;
				int par = 1;
				while (u1 < len && par) {
					if (s[u1] == '\\') { u1 += 2; continue; }
					if (s[u1] == '(') par++;
					else if (s[u1] == ')') par--;
					if (par) u1++;
				}
				if (u1 < len) {
					size_t ue = u0;
					inline_text(s + i + 1, j - i - 1, out, n, cap);
					if (u0 < u1 && s[u0] == '<')
						u0++;
					while (ue < u1 && s[ue] != ' ' && s[ue] != '>')
						ue++;
					if (ue > u0 && s[u0] != '#') {
						OUT(' ');
						OUT('<');
						for (k = u0; k < ue; k++)
							OUT(s[k]);
						OUT('>');
					}
					i = u1 + 1;
					continue;
				}
			}
			OUT(c);
			i++;
		} else if (c == '<' && i + 1 < len && (s[i + 1] == 'h' || s[i + 1] == 'm')) {
			/* <https://...> autolink: kept as it is */
			OUT(c);
			i++;
		} else if (c == '`') {
			i++;
		} else if (c == '*' || c == '_' || c == '~') {
			/* emphasis / strikethrough marks: a run that opens (next is
			 * not blank) or closes (previous is not blank) at a word edge */
			size_t j = i;
			while (j < len && s[j] == c)
				j++;
			{
				int before = i == 0 || is_blank(s[i - 1]) || is_punct(s[i - 1]);
				int after = j == len || is_blank(s[j]) || is_punct(s[j]);
				int opens = before && j < len && !is_blank(s[j]);
				int closes = after && i > 0 && !is_blank(s[i - 1]);
				if (!opens && !closes)
					while (i < j)
						OUT(s[i++]);
			}
			i = j;
		} else {
			OUT(c);
			i++;
		}
	}
#undef OUT
}

/* Write `text` wrapped at width (0 = no wrap), every line indented by
 * `first` (first line) or `rest` spaces. */
static void wrapped(aw_sink *o, const char *text, size_t len, unsigned width,
		    unsigned first, unsigned rest)
{
	size_t i = 0;
	unsigned col, ind = first;
	int line_start = 1;
	static const char sp[] = "                                        ";
	while (i < len) {
		size_t w0 = i, w1, cols = 0, k;
		while (i < len && text[i] == ' ')
			i++;
		w0 = i;
		while (i < len && text[i] != ' ')
			i++;
		w1 = i;
		if (w1 == w0)
			break;
		for (k = w0; k < w1; k++)          /* columns: UTF-8 lead bytes */
			cols += ((unsigned char)text[k] & 0xc0) != 0x80;
		if (line_start) {
			put(o, sp, ind < 40 ? ind : 40);
			col = ind;
			line_start = 0;
		} else if (width && col + 1 + cols > width) {
			put(o, "\n", 1);
			ind = rest;
			put(o, sp, ind < 40 ? ind : 40);
			col = ind;
		} else {
			put(o, " ", 1);
			col++;
		}
		put(o, text + w0, w1 - w0);
		col += (unsigned)cols;
	}
	if (!line_start)
		put(o, "\n", 1);
}

/* One item's Markdown as text lines: list markers become "- ", hard
 * breaks end a line, continuation lines keep their indentation. */
static void item_text(aw_sink *o, const char *md, size_t len, unsigned width, char *buf,
		      size_t cap)
{
	size_t i = 0;
	while (i < len) {
		/* a line ends at LF, CRLF or a lone CR (the README's own line
		 * ends are kept in entries: none reaches the terminal raw) */
		const char *l = md + i;
		size_t ll = 0, n = 0, ind = 0;
		while (i + ll < len && l[ll] != '\n' && l[ll] != '\r')
			ll++;
		i += ll;
		if (i < len && md[i] == '\r' && i + 1 < len && md[i + 1] == '\n')
			i += 2;
		else if (i < len)
			i++;
		while (ind < ll && l[ind] == ' ')
			ind++;
		if (ind == ll)
			continue;
		if (ll - ind >= 2 && (l[ind] == '*' || l[ind] == '-' || l[ind] == '+') &&
		    l[ind + 1] == ' ') {
			size_t m = ind + 1;
			while (m < ll && l[m] == ' ')
				m++;
			memcpy(buf, "- ", 2);
			n = 2;
			if (ll && l[ll - 1] == '\\')
				ll--;
			inline_text(l + m, ll - m, buf, &n, cap);
			wrapped(o, buf, n, width, 2 + (unsigned)ind, 4 + (unsigned)ind);
		} else {
			if (ll && l[ll - 1] == '\\')
				ll--;
			inline_text(l + ind, ll - ind, buf, &n, cap);
			wrapped(o, buf, n, width, 2 + (unsigned)ind, 2 + (unsigned)ind);
		}
	}
}

/*
 * With nested entries, a parent's Markdown without its nested bullets
 * that have a link (those are entries of their own, printed as such):
 * such a bullet line and the lines indented deeper under it are dropped.
 * Into buf (at least len bytes); returns the new length.
 */
static size_t drop_nested(const char *md, size_t len, char *buf)
{
	size_t i = 0, n = 0, skip_ind = 0;
	int skipping = 0;
	while (i < len) {
		const char *l = md + i, *nl = memchr(l, '\n', len - i);
		size_t ll = nl ? (size_t)(nl - l) + 1 : len - i, ind = 0, k;
		i += ll;
		while (ind < ll && l[ind] == ' ')
			ind++;
		if (skipping && ind > skip_ind)
			continue;
		skipping = 0;
		if (ind >= 4 && ind + 2 < ll) {
			const char *b = l + ind;
			int bullet = (b[0] == '*' || b[0] == '-' || b[0] == '+') && b[1] == ' ';
			for (k = 0; !bullet && k < ll - ind && AW_IS_DIGIT(b[k]); k++)
				bullet = k + 1 < ll - ind && (b[k + 1] == '.' || b[k + 1] == ')');
			if (bullet) {
				for (k = ind; k + 1 < ll; k++)
					if ((l[k] == ']' && l[k + 1] == '(') || (l[k] == '<' && l[k + 1] == 'h'))
						break;
				if (k + 1 < ll) {
					skipping = 1;
					skip_ind = ind;
					continue;
				}
			}
		}
		memcpy(buf + n, l, ll);
		n += ll;
	}
	return n;
}

/* ---- the page ---- */

int awp_render(aw_digest_ctx *dw, const aw_store_ctx *s, const awp_info *pi, aw_sink *o)
{
	size_t tcap = 1 << 16;
	char *tbuf = malloc(tcap);
	aw_digest_opts dopt;
	aw_digest_ev ev;
	int rc;

	if (!tbuf)
		return -1;
	if (!pi->body) {
		if (pi->text) {
			puts_(o, pi->name);
			puts_(o, pi->daily ? ": new entries by day\n" : ": new entries by week\n");
			puts_(o, "Source: ");
		} else {
			puts_(o, "# ");
			puts_(o, pi->name);
			puts_(o, pi->daily ? ": new entries by day\n\n" : ": new entries by week\n\n");
			puts_(o, "Source: ");
		}
		puts_(o, pi->source);
		puts_(o, " (");
		puts_(o, pi->file);
		puts_(o, ")\n");
	}
	aw_digest_opts_default(&dopt);
	dopt.kind = pi->daily ? AW_DIGEST_DAILY : AW_DIGEST_WEEKLY;
	dopt.max_periods = pi->last;
	if ((rc = aw_digest_begin(dw, s, &dopt))) {
		free(tbuf);
		return rc;
	}
	while (!o->err && aw_digest_next(dw, &ev) == 1) {
		const char *md;
		size_t ml;

		switch (ev.type) {
		case AW_DIGEST_PERIOD:
			put(o, "\n", 1);
			if (!pi->text)
				puts_(o, "## ");
			label(o, ev.period);
			put(o, "\n", 1);
			break;
		case AW_DIGEST_CATEGORY:
			if (ev.category_len) {
				if (pi->text) {
					put(o, "\n", 1);
					put(o, ev.category, ev.category_len);
					put(o, "\n", 1);
				} else {
					puts_(o, "\n### ");
					put(o, ev.category, ev.category_len);
					put(o, "\n", 1);
				}
			}
			if (!pi->text)
				put(o, "\n", 1);
			break;
		case AW_DIGEST_ITEM:
			md = ev.item->markdown;
			ml = ev.item->markdown_len;
			/* tbuf: text lines in the first half, the parent
			   without its nested entries in the second */
			if (ml * 2 + 128 > tcap) {
				char *nb = realloc(tbuf, ml * 2 + 128);
				if (!nb) {
					free(tbuf);
					return -1;
				}
				tbuf = nb;
				tcap = ml * 2 + 128;
			}
			if (pi->nested) {
				ml = drop_nested(md, ml, tbuf + tcap / 2);
				md = tbuf + tcap / 2;
			}
			while (ml && (md[ml - 1] == '\n' || md[ml - 1] == ' '))
				ml--;
			if (pi->text) {
				item_text(o, md, ml, pi->width, tbuf, tcap / 2);
			} else {
				put(o, md, ml);
				put(o, "\n", 1);
			}
			break;
		default:
			break;
		}
	}
	free(tbuf);
	return o->err;
}
