/*
 * aw_feed.c - Atom 1.0 / RSS 2.0 entries from a streamed feed, on expat
 * with a caller-owned bump arena instead of the heap.
 *
 * The arena: blocks with a 16-byte header {size | freed bit, offset of
 * the previous block}; freeing the top block rolls the top back over it
 * and over any freed blocks below it, realloc of the top block grows in
 * place. expat frees most of its temporary blocks in LIFO order; its
 * input buffer grows to the largest piece it is given, so aw_feed_feed
 * hands it chunks of any size in slices of AW_FEED_SLICE_MAX bytes.
 *
 * Relative entry links are resolved against xml:base and the document's
 * URL (aw_http_resolve); only the bases on the path to an entry's link
 * are kept (root, RSS channel, entry, link element).
 *
 * Deliberately not here: RSS 0.9x/1.0 (RDF), xml:base of other elements
 * (ids, content), content decoding of html summaries (delivered as text
 * with a flag), enclosures, authors, categories, and any DTD processing:
 * an entity declaration ends the parse.
 */
#include "aw_feed.h"
#include "aw_http.h"
#include "aw_time.h"

#include <string.h>

/* Debian's libexpat (and any build for the core) has DTD support, which
 * the installed header only declares the billion-laughs setters for
 * when XML_DTD is defined. */
#ifndef XML_DTD
#define XML_DTD
#endif
#include <expat.h>

#ifdef XML_UNICODE
#error "aw_feed needs expat built with UTF-8 XML_Char (no XML_UNICODE)"
#endif

#define NS_SEP ' '           /* no XML name and no valid URI contains it */
#define ATOM_NS "http://www.w3.org/2005/Atom"
#define DC_NS "http://purl.org/dc/elements/1.1/"
#define GH_COMMIT "tag:github.com,2008:Grit::Commit/"
#define XML_BASE "http://www.w3.org/XML/1998/namespace base"

/* ---- arena (file-static: expat's hooks take no user pointer) ---- */

#define HDR 16u
#define NONE_OFF ((size_t)-1)

typedef struct blk {
	size_t size;             /* payload bytes (multiple of 16) | 1 when freed */
	size_t prev;             /* offset of the previous block, NONE_OFF */
} blk;

static aw_feed_ctx *cur;

static blk *blk_at(aw_feed_ctx *f, size_t off)
{
	return (blk *)(void *)(f->arena + off);
}

static void *a_malloc(size_t n)
{
	aw_feed_ctx *f = cur;
	size_t room;
	blk *b;

	if (!f || n > (size_t)-1 - 32)
		return NULL;
	n = (n + 15) & ~(size_t)15;
	room = f->arena_cap - f->arena_top;
	if (room < HDR || room - HDR < n)
		return NULL;
	b = blk_at(f, f->arena_top);
	b->size = n;
	b->prev = f->parser_last;
	f->parser_last = f->arena_top;
	f->arena_top += HDR + n;
	if (f->arena_top > f->arena_peak)
		f->arena_peak = f->arena_top;
	return (unsigned char *)b + HDR;
}

static void a_free(void *p)
{
	aw_feed_ctx *f = cur;
	blk *b;

	if (!p || !f)
		return;
	b = (blk *)(void *)((unsigned char *)p - HDR);
	b->size |= 1;
	/* roll the top back over freed blocks */
	while (f->parser_last != NONE_OFF) {
		blk *t = blk_at(f, f->parser_last);
		if (!(t->size & 1))
			break;
		f->arena_top = f->parser_last;
		f->parser_last = t->prev;
	}
}

static void *a_realloc(void *p, size_t n)
{
	aw_feed_ctx *f = cur;
	blk *b;
	size_t old, off;
	void *q;

	if (!p)
		return a_malloc(n);
	if (!f || n > (size_t)-1 - 32)
		return NULL;
	b = (blk *)(void *)((unsigned char *)p - HDR);
	old = b->size & ~(size_t)15;
	off = (size_t)((unsigned char *)b - f->arena);
	if (off == f->parser_last) {
		size_t m = (n + 15) & ~(size_t)15;
		if (m <= f->arena_cap - off - HDR) {
			b->size = m;
			f->arena_top = off + HDR + m;
			if (f->arena_top > f->arena_peak)
				f->arena_peak = f->arena_top;
			return p;
		}
		return NULL;
	}
	q = a_malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, old < n ? old : n);
	a_free(p);
	return q;
}

static const XML_Memory_Handling_Suite mm = { a_malloc, a_realloc, a_free };

/* ---- text capture ---- */

enum {
	F_NONE, F_ID, F_TITLE, F_LINK, F_SUMMARY, F_CONTENT, F_UPDATED, F_PUBLISHED,
	F_TTL, F_SKIP
};

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void capture(aw_feed_ctx *f, int field, int depth, char *dst, size_t max, unsigned flag)
{
	f->field = field;
	f->field_depth = depth;
	f->cap = dst;
	f->cap_len = 0;
	f->cap_max = max;
	f->cap_trunc_flag = flag;
	f->cap_cut = 0;
	dst[0] = 0;
}

static void XMLCALL chars(void *ud, const XML_Char *s, int len)
{
	aw_feed_ctx *f = ud;
	size_t n = (size_t)len, room;

	if (!f->field || f->field == F_SKIP || len <= 0)
		return;
	if (!f->cap_len)
		while (n && is_ws(*s)) {
			s++;
			n--;
		}
	room = f->cap_max - 1 - f->cap_len;
	if (n > room) {
		n = room;
		f->cap_cut = 1;
	}
	memcpy(f->cap + f->cap_len, s, n);
	f->cap_len += n;
}

/* end of a captured field: cut a partial UTF-8 sequence, trim, NUL */
static void finish_capture(aw_feed_ctx *f)
{
	char *s = f->cap;
	size_t n = f->cap_len;

	if (f->cap_cut) {
		size_t k = n, need;
		unsigned char c;
		/* find the lead byte of the last sequence */
		while (k > 0 && n - k < 4 && ((unsigned char)s[k - 1] & 0xc0) == 0x80)
			k--;
		if (k > 0) {
			c = (unsigned char)s[k - 1];
			need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
			if (n - (k - 1) < need)
				n = k - 1;
		}
		if (f->cap_trunc_flag)
			f->e.flags |= f->cap_trunc_flag;
	}
	while (n && is_ws(s[n - 1]))
		n--;
	s[n] = 0;
	f->cap_len = n;
}

/* ---- names ---- */

enum { NS_NONE, NS_ATOM, NS_DC, NS_OTHER };

/* split "URI<sep>local" at the last separator */
static const char *local_name(const char *name, int *ns)
{
	const char *sep = strrchr(name, NS_SEP);

	if (!sep) {
		*ns = NS_NONE;
		return name;
	}
	if ((size_t)(sep - name) == sizeof ATOM_NS - 1 && !memcmp(name, ATOM_NS, sizeof ATOM_NS - 1))
		*ns = NS_ATOM;
	else if ((size_t)(sep - name) == sizeof DC_NS - 1 && !memcmp(name, DC_NS, sizeof DC_NS - 1))
		*ns = NS_DC;
	else
		*ns = NS_OTHER;
	return sep + 1;
}

static const char *attr(const XML_Char **atts, const char *name)
{
	for (; atts && atts[0]; atts += 2)
		if (!strcmp(atts[0], name))
			return atts[1];
	return NULL;
}

/* ---- links and xml:base ---- */

/* a URI scheme ("http:", "mailto:") at the start of s */
static int has_scheme(const char *s)
{
	size_t i = 0;

	if (!AW_IS_ALPHA(s[0]))
		return 0;
	while (AW_IS_ALNUM(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	return s[i] == ':';
}

/*
 * ref resolved against base (both NUL-terminated; base "" = none) into
 * f->scratch, the fragment of ref kept. 0 when it is an absolute http(s)
 * URL that fits; -1 otherwise (scratch undefined).
 */
static int resolve(aw_feed_ctx *f, const char *base, const char *ref)
{
	const char *hash = strchr(ref, '#');
	size_t rl = hash ? (size_t)(hash - ref) : strlen(ref);
	aw_buf b;

	aw_buf_init(&b, f->scratch, sizeof f->scratch - 1);
	if (has_scheme(ref)) {
		/* absolute: as given, if http(s) (aw_http_resolve checks) */
		if (aw_http_resolve(ref, rl, "", 0, &b) != AW_OK)
			return -1;
		b.len = 0;
		aw_buf_puts(&b, ref);
	} else if (!base[0] || aw_http_resolve(base, strlen(base), ref, rl, &b) != AW_OK) {
		return -1;
	} else if (hash) {
		aw_buf_puts(&b, hash);
	}
	if (b.truncated)
		return -1;
	f->scratch[b.len] = 0;
	return 0;
}

/* dst (cap AW_FEED_LINK_MAX) = the element's xml:base over base, else base */
static void rebase(aw_feed_ctx *f, char *dst, const char *base, const XML_Char **atts)
{
	const char *x = attr(atts, XML_BASE);

	if (x && !resolve(f, base, x))
		base = f->scratch;
	else if (x)
		base = "";                          /* a base that cannot be used */
	if (dst != base)
		memmove(dst, base, strlen(base) + 1);
}

/* the entry's link (captured, as given) resolved against base_entry */
static void resolve_link(aw_feed_ctx *f)
{
	char *l = f->e.link;

	if (!l[0] || has_scheme(l) || (f->e.flags & AW_FEED_F_LINK_TRUNC) ||
	    resolve(f, f->base_entry, l) || strlen(f->scratch) >= sizeof f->e.link)
		return;
	memcpy(l, f->scratch, strlen(f->scratch) + 1);
}

static void stop(aw_feed_ctx *f, int err)
{
	if (f->err == AW_OK)
		f->err = err;
	XML_StopParser((XML_Parser)f->parser, XML_FALSE);
}

static void clear_entry(aw_feed_ctx *f)
{
	f->e.id[0] = f->e.title[0] = f->e.link[0] = f->e.summary[0] = f->e.sha[0] = 0;
	f->e.updated = f->e.published = AW_FEED_NO_TIME;
	f->e.flags = 0;
	f->have_link = f->have_summary = 0;
}

static int html_type(const XML_Char **atts)
{
	const char *t = attr(atts, "type");
	return t && (!strcmp(t, "html") || !strcmp(t, "xhtml") || !strcmp(t, "text/html"));
}

static void XMLCALL start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	aw_feed_ctx *f = ud;
	int ns, d = ++f->depth;
	const char *l = local_name(name, &ns);

	if (f->field)
		return;                             /* markup inside a captured field */
	if (d == 1) {
		if (ns == NS_ATOM && !strcmp(l, "feed"))
			f->kind = AW_FEED_ATOM;
		else if (ns == NS_NONE && !strcmp(l, "rss"))
			f->kind = AW_FEED_RSS;
		else
			stop(f, AW_ERR_SYNTAX);
		rebase(f, f->base_feed, f->base_feed, atts);
		return;
	}
	if (!f->entry_depth) {
		if (f->kind == AW_FEED_ATOM && d == 2 && ns == NS_ATOM && !strcmp(l, "entry")) {
			f->entry_depth = d;
			clear_entry(f);
			rebase(f, f->base_entry, f->base_feed, atts);
		} else if (f->kind == AW_FEED_RSS && d == 2 && ns == NS_NONE && !strcmp(l, "channel")) {
			f->in_channel = 1;
			rebase(f, f->base_feed, f->base_feed, atts);
		} else if (f->kind == AW_FEED_RSS && d == 3 && f->in_channel && ns == NS_NONE) {
			if (!strcmp(l, "item")) {
				f->entry_depth = d;
				clear_entry(f);
				rebase(f, f->base_entry, f->base_feed, atts);
			} else if (!strcmp(l, "ttl")) {
				capture(f, F_TTL, d, f->tmp, sizeof f->tmp, 0);
			}
		}
		return;
	}
	if (d != f->entry_depth + 1)
		return;
	if (f->kind == AW_FEED_ATOM && ns == NS_ATOM) {
		if (!strcmp(l, "id")) {
			capture(f, F_ID, d, f->e.id, sizeof f->e.id, AW_FEED_F_ID_TRUNC);
		} else if (!strcmp(l, "title")) {
			if (html_type(atts))
				f->e.flags |= AW_FEED_F_TITLE_HTML;
			capture(f, F_TITLE, d, f->e.title, sizeof f->e.title, AW_FEED_F_TITLE_TRUNC);
		} else if (!strcmp(l, "link")) {
			const char *rel = attr(atts, "rel"), *href = attr(atts, "href");
			if (!f->have_link && href && (!rel || !strcmp(rel, "alternate"))) {
				size_t n = strlen(href);
				f->have_link = 1;
				/* the chosen link's own xml:base (its only use in the entry) */
				rebase(f, f->base_entry, f->base_entry, atts);
				capture(f, F_LINK, d, f->e.link, sizeof f->e.link, AW_FEED_F_LINK_TRUNC);
				chars(f, href, (int)(n > sizeof f->e.link ? sizeof f->e.link : n));
				if (n > sizeof f->e.link)
					f->cap_cut = 1;
				finish_capture(f);
				resolve_link(f);
				f->field = F_SKIP;          /* no text of its own */
			}
		} else if (!strcmp(l, "updated")) {
			capture(f, F_UPDATED, d, f->tmp, sizeof f->tmp, 0);
		} else if (!strcmp(l, "published")) {
			capture(f, F_PUBLISHED, d, f->tmp, sizeof f->tmp, 0);
		} else if (!strcmp(l, "summary") || (!strcmp(l, "content") && !f->have_summary)) {
			int content = l[0] == 'c';
			f->e.flags &= ~(AW_FEED_F_SUMMARY_HTML | AW_FEED_F_SUMMARY_TRUNC |
					AW_FEED_F_SUMMARY_CONTENT);
			if (html_type(atts))
				f->e.flags |= AW_FEED_F_SUMMARY_HTML;
			if (content)
				f->e.flags |= AW_FEED_F_SUMMARY_CONTENT;
			else
				f->have_summary = 1;
			capture(f, content ? F_CONTENT : F_SUMMARY, d, f->e.summary, sizeof f->e.summary,
				AW_FEED_F_SUMMARY_TRUNC);
		}
	} else if (f->kind == AW_FEED_RSS && ns == NS_NONE) {
		if (!strcmp(l, "guid")) {
			capture(f, F_ID, d, f->e.id, sizeof f->e.id, AW_FEED_F_ID_TRUNC);
		} else if (!strcmp(l, "title")) {
			capture(f, F_TITLE, d, f->e.title, sizeof f->e.title, AW_FEED_F_TITLE_TRUNC);
		} else if (!strcmp(l, "link")) {
			rebase(f, f->base_entry, f->base_entry, atts);
			capture(f, F_LINK, d, f->e.link, sizeof f->e.link, AW_FEED_F_LINK_TRUNC);
		} else if (!strcmp(l, "pubDate")) {
			capture(f, F_PUBLISHED, d, f->tmp, sizeof f->tmp, 0);
		} else if (!strcmp(l, "description")) {
			f->e.flags |= AW_FEED_F_SUMMARY_HTML;
			capture(f, F_SUMMARY, d, f->e.summary, sizeof f->e.summary, AW_FEED_F_SUMMARY_TRUNC);
		}
	} else if (f->kind == AW_FEED_RSS && ns == NS_DC && !strcmp(l, "date")) {
		capture(f, F_UPDATED, d, f->tmp, sizeof f->tmp, 0);
	}
}

static int64_t parse_date(aw_feed_ctx *f)
{
	int64_t t;
	int r;

	if (f->cap_cut) {
		f->e.flags |= AW_FEED_F_BAD_DATE;
		return AW_FEED_NO_TIME;
	}
	if (f->kind == AW_FEED_ATOM) {
		r = aw_time_parse_rfc3339(f->tmp, f->cap_len, &t);
		if (r)
			r = aw_time_parse_rfc822(f->tmp, f->cap_len, &t);
	} else {
		r = aw_time_parse_rfc822(f->tmp, f->cap_len, &t);
		if (r)
			r = aw_time_parse_rfc3339(f->tmp, f->cap_len, &t);
	}
	if (r) {
		f->e.flags |= AW_FEED_F_BAD_DATE;
		return AW_FEED_NO_TIME;
	}
	return t;
}

static int hex40(const char *s)
{
	int i;

	for (i = 0; i < 40; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(AW_IS_DIGIT(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')))
			return 0;
	}
	return s[40] == 0;
}

static void end_entry(aw_feed_ctx *f)
{
	aw_feed_entry *e = &f->e;

	if (!e->id[0] && e->link[0]) {
		size_t n = strlen(e->link);
		if (n >= sizeof e->id) {
			n = sizeof e->id - 1;
			e->flags |= AW_FEED_F_ID_TRUNC;
		}
		memcpy(e->id, e->link, n);
		e->id[n] = 0;
		e->flags |= AW_FEED_F_ID_FROM_LINK;
	}
	if (!strncmp(e->id, GH_COMMIT, sizeof GH_COMMIT - 1) && hex40(e->id + sizeof GH_COMMIT - 1)) {
		int i;
		for (i = 0; i < 40; i++)
			e->sha[i] = (char)(e->id[sizeof GH_COMMIT - 1 + i] | 0x20);
		e->sha[40] = 0;
	}
	e->index = f->entries++;
	if ((f->cb_ret = f->fn(f->user, e)) != 0)
		stop(f, AW_ERR_ABORT);
}

static void XMLCALL end(void *ud, const XML_Char *name)
{
	aw_feed_ctx *f = ud;
	int d = f->depth--;

	(void)name;
	if (f->field && d == f->field_depth) {
		int field = f->field;
		f->field = F_NONE;
		if (field == F_SKIP)
			return;
		finish_capture(f);
		if (field == F_LINK)
			resolve_link(f);              /* RSS <link> text */
		else if (field == F_UPDATED)
			f->e.updated = parse_date(f);
		else if (field == F_PUBLISHED)
			f->e.published = parse_date(f);
		else if (field == F_TTL) {
			long v = 0;
			size_t i;
			for (i = 0; i < f->cap_len && AW_IS_DIGIT(f->tmp[i]) && v < 100000000; i++)
				v = v * 10 + (f->tmp[i] - '0');
			if (i && i == f->cap_len)
				f->ttl = v;
		}
		return;
	}
	if (f->field)
		return;
	if (f->entry_depth && d == f->entry_depth) {
		f->entry_depth = 0;
		end_entry(f);
	} else if (d == 2) {
		f->in_channel = 0;
	}
}

static void XMLCALL entity_decl(void *ud, const XML_Char *name, int is_param,
				const XML_Char *value, int value_len, const XML_Char *base,
				const XML_Char *system_id, const XML_Char *public_id,
				const XML_Char *notation)
{
	aw_feed_ctx *f = ud;

	(void)name; (void)is_param; (void)value; (void)value_len; (void)base;
	(void)system_id; (void)public_id; (void)notation;
	f->entity_refused = 1;
	stop(f, AW_ERR_SYNTAX);
}

/* ---- API ---- */

int aw_feed_init(aw_feed_ctx *f, void *arena, size_t arena_size, unsigned long hash_salt,
		 aw_feed_fn fn, void *user)
{
	XML_Parser p;

	memset(f, 0, sizeof *f);
	f->ttl = -1;
	f->parser_last = NONE_OFF;
	if (!arena || ((uintptr_t)arena & 15) || !fn)
		return f->err = AW_ERR_ARG;
	f->arena = arena;
	f->arena_cap = arena_size & ~(size_t)15;
	f->fn = fn;
	f->user = user;
	clear_entry(f);
	cur = f;
	{
		static const XML_Char sep[2] = { NS_SEP, 0 };
		p = XML_ParserCreate_MM(NULL, &mm, sep);
	}
	if (!p)
		return f->err = AW_ERR_FULL;
	f->parser = p;
	XML_SetUserData(p, f);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, chars);
	XML_SetEntityDeclHandler(p, entity_decl);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
	if (hash_salt)
		XML_SetHashSalt(p, hash_salt);
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 4)
	XML_SetBillionLaughsAttackProtectionMaximumAmplification(p, (float)AW_FEED_AMPL_MAX);
	XML_SetBillionLaughsAttackProtectionActivationThreshold(p, AW_FEED_AMPL_THRESHOLD);
#endif
	return AW_OK;
}

int aw_feed_set_base(aw_feed_ctx *f, const char *url)
{
	size_t n;

	if (!f || !url)
		return AW_ERR_ARG;
	n = strlen(url);
	if (n >= sizeof f->base_feed) {
		f->base_feed[0] = 0;
		return AW_ERR_TOOBIG;
	}
	memcpy(f->base_feed, url, n + 1);
	return AW_OK;
}

static void record_error(aw_feed_ctx *f)
{
	XML_Parser p = (XML_Parser)f->parser;
	enum XML_Error e = XML_GetErrorCode(p);

	f->line = (unsigned long)XML_GetCurrentLineNumber(p);
	f->column = (unsigned long)XML_GetCurrentColumnNumber(p);
	if (f->err != AW_OK)
		return;                             /* ours (stop()) */
	f->xml_error = (int)e;
	f->err = e == XML_ERROR_NO_MEMORY ? AW_ERR_FULL : AW_ERR_SYNTAX;
}

static int parse(aw_feed_ctx *f, const char *s, size_t n, int final)
{
	if (f->err != AW_OK)
		return f->err;
	if (!f->parser)
		return f->err = AW_ERR_STATE;
	cur = f;
	do {
		/* in slices: expat copies each piece into its input buffer, which
		 * grows (inside the arena) to hold the largest one */
		int k = n > AW_FEED_SLICE_MAX ? (int)AW_FEED_SLICE_MAX : (int)n;
		int last = final && (size_t)k == n;
		if (XML_Parse((XML_Parser)f->parser, s, k, last) != XML_STATUS_OK) {
			record_error(f);
			return f->err;
		}
		if (f->err != AW_OK)
			return f->err;
		s += k;
		n -= (size_t)k;
	} while (n);
	return AW_OK;
}

int aw_feed_feed(aw_feed_ctx *f, const char *p, size_t n)
{
	if (!n)
		return f->err;
	return parse(f, p, n, 0);
}

int aw_feed_end(aw_feed_ctx *f)
{
	int r = parse(f, "", 0, 1);

	if (r == AW_OK && f->kind == AW_FEED_UNKNOWN)
		r = f->err = AW_ERR_SYNTAX;
	aw_feed_free(f);
	return r;
}

void aw_feed_free(aw_feed_ctx *f)
{
	if (f->parser) {
		cur = f;
		XML_ParserFree((XML_Parser)f->parser);
		f->parser = NULL;
	}
	if (f->err == AW_OK)
		f->err = AW_ERR_STATE;              /* nothing more to feed */
	if (cur == f)
		cur = NULL;
}

const char *aw_feed_errmsg(const aw_feed_ctx *f)
{
	if (f->entity_refused)
		return "entity declarations are refused";
	if (f->xml_error)
		return XML_ErrorString((enum XML_Error)f->xml_error);
	if (f->err == AW_ERR_SYNTAX)
		return "not an Atom or RSS 2.0 feed";
	return aw_strerror(f->err);
}
