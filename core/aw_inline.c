/*
 * aw_inline.c - inline (phrasing) content of one markdown block: a
 * CommonMark 0.30 + GFM inline parser that builds a small node tree in
 * caller-owned scratch memory, and a serializer that prints that tree
 * exactly as mdast-util-to-markdown 1.5.0 (+ mdast-util-gfm 2.0.2) does,
 * including its safe() escaping (docs/spec.md 5.3), the standalone first-link
 * identifier (section 4), link/image rewriting (5.1) and star badges (5.2).
 *
 * The parser follows micromark's observable results (what
 * mdast-util-from-markdown 1.3.0 builds), not a particular HTML renderer:
 * adjacent text is merged, line endings stay in text, code spans keep
 * their inner line endings, GFM literal autolinks come both from the
 * tokenizer and from the later text-node transform.
 *
 * Plain list items, `[text](url) rest` where nothing in the text can make
 * an escape, a second construct or a limit error, skip the general parser
 * (fast_item: counts and identifier; fast_tree: the same tree directly),
 * and values the escaper provably prints as they are skip its pattern scan.
 * The fallback is always the general path, so results are identical.
 *
 * Deliberately not handled: footnotes (GFM footnote calls stay text), link
 * reference definitions (the caller resolves labels through env->defs),
 * block structure (the caller hands in one block's text). No recursion,
 * no allocation; every table is bounded (AW_INL_*_MAX) and overflow is
 * reported as AW_ERR_TOOBIG, never written past.
 */
#include "aw_inline.h"
#include "aw_entities.h"
#include "aw_utf8.h"

#include <string.h>

enum { N_ROOT, N_TEXT, N_CODE, N_HTML, N_BREAK, N_EMPH, N_STRONG, N_DEL,
       N_LINK, N_IMAGE };

#define NF_DELIM 1u    /* text node of a pending delimiter run / bracket */
#define NF_TITLE 2u    /* link/image has a (non-empty) title */
#define NF_DEAD 4u     /* removed from the tree */

#define NONE (-1)

/* ---- character classes (JS / micromark semantics) ---------------------- */

/* A capacity was exceeded: AW_ERR_TOOBIG, and which one (for messages). */
static void too_big(aw_inl_scratch *s, const char *name)
{
	s->err = AW_ERR_TOOBIG;
	if (!s->lim)
		s->lim = name;
}

static const uint16_t punct_ranges[][2] = {
	{0xa1, 0xa1}, {0xa7, 0xa7}, {0xab, 0xab}, {0xb6, 0xb7}, {0xbb, 0xbb}, 
	{0xbf, 0xbf}, {0x37e, 0x37e}, {0x387, 0x387}, {0x55a, 0x55f}, {0x589, 
	0x58a}, {0x5be, 0x5be}, {0x5c0, 0x5c0}, {0x5c3, 0x5c3}, {0x5c6, 0x5c6}, 
	{0x5f3, 0x5f4}, {0x609, 0x60a}, {0x60c, 0x60d}, {0x61b, 0x61b}, {0x61d, 
	0x61f}, {0x66a, 0x66d}, {0x6d4, 0x6d4}, {0x700, 0x70d}, {0x7f7, 0x7f9}, 
	{0x830, 0x83e}, {0x85e, 0x85e}, {0x964, 0x965}, {0x970, 0x970}, {0x9fd, 
	0x9fd}, {0xa76, 0xa76}, {0xaf0, 0xaf0}, {0xc77, 0xc77}, {0xc84, 0xc84}, 
	{0xdf4, 0xdf4}, {0xe4f, 0xe4f}, {0xe5a, 0xe5b}, {0xf04, 0xf12}, {0xf14, 
	0xf14}, {0xf3a, 0xf3d}, {0xf85, 0xf85}, {0xfd0, 0xfd4}, {0xfd9, 0xfda}, 
	{0x104a, 0x104f}, {0x10fb, 0x10fb}, {0x1360, 0x1368}, {0x1400, 0x1400}, 
	{0x166e, 0x166e}, {0x169b, 0x169c}, {0x16eb, 0x16ed}, {0x1735, 0x1736}, 
	{0x17d4, 0x17d6}, {0x17d8, 0x17da}, {0x1800, 0x180a}, {0x1944, 0x1945}, 
	{0x1a1e, 0x1a1f}, {0x1aa0, 0x1aa6}, {0x1aa8, 0x1aad}, {0x1b5a, 0x1b60}, 
	{0x1b7d, 0x1b7e}, {0x1bfc, 0x1bff}, {0x1c3b, 0x1c3f}, {0x1c7e, 0x1c7f}, 
	{0x1cc0, 0x1cc7}, {0x1cd3, 0x1cd3}, {0x2010, 0x2027}, {0x2030, 0x2043}, 
	{0x2045, 0x2051}, {0x2053, 0x205e}, {0x207d, 0x207e}, {0x208d, 0x208e}, 
	{0x2308, 0x230b}, {0x2329, 0x232a}, {0x2768, 0x2775}, {0x27c5, 0x27c6}, 
	{0x27e6, 0x27ef}, {0x2983, 0x2998}, {0x29d8, 0x29db}, {0x29fc, 0x29fd}, 
	{0x2cf9, 0x2cfc}, {0x2cfe, 0x2cff}, {0x2d70, 0x2d70}, {0x2e00, 0x2e2e}, 
	{0x2e30, 0x2e4f}, {0x2e52, 0x2e5d}, {0x3001, 0x3003}, {0x3008, 0x3011}, 
	{0x3014, 0x301f}, {0x3030, 0x3030}, {0x303d, 0x303d}, {0x30a0, 0x30a0}, 
	{0x30fb, 0x30fb}, {0xa4fe, 0xa4ff}, {0xa60d, 0xa60f}, {0xa673, 0xa673}, 
	{0xa67e, 0xa67e}, {0xa6f2, 0xa6f7}, {0xa874, 0xa877}, {0xa8ce, 0xa8cf}, 
	{0xa8f8, 0xa8fa}, {0xa8fc, 0xa8fc}, {0xa92e, 0xa92f}, {0xa95f, 0xa95f}, 
	{0xa9c1, 0xa9cd}, {0xa9de, 0xa9df}, {0xaa5c, 0xaa5f}, {0xaade, 0xaadf}, 
	{0xaaf0, 0xaaf1}, {0xabeb, 0xabeb}, {0xfd3e, 0xfd3f}, {0xfe10, 0xfe19}, 
	{0xfe30, 0xfe52}, {0xfe54, 0xfe61}, {0xfe63, 0xfe63}, {0xfe68, 0xfe68}, 
	{0xfe6a, 0xfe6b}, {0xff01, 0xff03}, {0xff05, 0xff0a}, {0xff0c, 0xff0f}, 
	{0xff1a, 0xff1b}, {0xff1f, 0xff20}, {0xff3b, 0xff3d}, {0xff3f, 0xff3f}, 
	{0xff5b, 0xff5b}, {0xff5d, 0xff5d}, {0xff5f, 0xff65}

};

/* micromark unicodePunctuation: ASCII punctuation + Unicode P*. */
static int u_punct(uint32_t c)
{
	size_t lo = 0, hi = sizeof punct_ranges / sizeof punct_ranges[0];

	if (c < 0x80)
		return AW_IS_PUNCT(c);
	if (c > 0xFFFF)
		return 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < punct_ranges[mid][0])
			hi = mid;
		else if (c > punct_ranges[mid][1])
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* micromark classifyCharacter: 1 whitespace (or none), 2 punctuation, 0. */
static int classify(uint32_t c)
{
	if (c == (uint32_t)-1 || aw_js_space(c))
		return 1;
	return u_punct(c) ? 2 : 0;
}

#define IS_WORD(c) (AW_IS_ALNUM(c) || (c) == '_')   /* JS \w */
#define IS_ATEXT(c) (AW_IS_ALNUM(c) || (c) == '+' || (c) == '-' || \
		     (c) == '.' || (c) == '_')

/* Length of the line ending at src[i] (CRLF 2, CR or LF 1; 0 = none).
 * Line endings are kept as they are in the source (mdast values do). */
static size_t eol_len(const char *src, size_t len, size_t i)
{
	if (i >= len || (src[i] != '\n' && src[i] != '\r'))
		return 0;
	return src[i] == '\r' && i + 1 < len && src[i + 1] == '\n' ? 2 : 1;
}

#define IS_SP_NL(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')

/* ---- nodes and the text pool ------------------------------------------ */

static int32_t node_new(aw_inl_scratch *s, int type)
{
	struct aw_inl_node *n;

	if (s->nnode >= AW_INL_NODES_MAX) {
		too_big(s, "AW_INL_NODES_MAX");
		return NONE;
	}
	n = &s->node[s->nnode];
	memset(n, 0, sizeof *n);
	n->type = (uint8_t)type;
	n->first = n->last = n->prev = n->next = NONE;
	return (int32_t)s->nnode++;
}

static void node_append(aw_inl_scratch *s, int32_t parent, int32_t n)
{
	struct aw_inl_node *p = &s->node[parent];

	s->node[n].prev = p->last;
	s->node[n].next = NONE;
	if (p->last != NONE)
		s->node[p->last].next = n;
	else
		p->first = n;
	p->last = n;
}

/* Unlink n from its parent `parent`. */
static void node_unlink(aw_inl_scratch *s, int32_t parent, int32_t n)
{
	struct aw_inl_node *x = &s->node[n];

	if (x->prev != NONE)
		s->node[x->prev].next = x->next;
	else
		s->node[parent].first = x->next;
	if (x->next != NONE)
		s->node[x->next].prev = x->prev;
	else
		s->node[parent].last = x->prev;
	x->prev = x->next = NONE;
}

/* Insert n after sibling `after` (inside `parent`). */
static void node_insert_after(aw_inl_scratch *s, int32_t parent,
			      int32_t after, int32_t n)
{
	struct aw_inl_node *x = &s->node[n];

	x->prev = after;
	x->next = s->node[after].next;
	if (x->next != NONE)
		s->node[x->next].prev = n;
	else
		s->node[parent].last = n;
	s->node[after].next = n;
}

/* Move the siblings strictly between `from` and `to` (to may be NONE = up
 * to the end) of `parent` into the empty container `dst`. */
static void node_move_range(aw_inl_scratch *s, int32_t parent, int32_t from,
			    int32_t to, int32_t dst)
{
	int32_t first = s->node[from].next;
	int32_t last = to != NONE ? s->node[to].prev : s->node[parent].last;

	if (first == NONE || first == to)
		return;
	s->node[from].next = to;
	if (to != NONE)
		s->node[to].prev = from;
	else
		s->node[parent].last = from;
	s->node[first].prev = NONE;
	s->node[last].next = NONE;
	s->node[dst].first = first;
	s->node[dst].last = last;
}

/* Append bytes to the pool; returns their offset (or sets err). */
static uint32_t pool_put(aw_inl_scratch *s, const char *p, size_t n)
{
	uint32_t off = s->tlen;

	if (n > AW_INL_TEXT_MAX - s->tlen) {
		too_big(s, "AW_INL_TEXT_MAX");
		return off;
	}
	if (n)
		memcpy(s->text + s->tlen, p, n);
	s->tlen += (uint32_t)n;
	return off;
}

static void pool_putu8(aw_inl_scratch *s, uint32_t c)
{
	char b[4];
	size_t n;

	if (c < 0x80) { b[0] = (char)c; n = 1; }
	else if (c < 0x800) {
		b[0] = (char)(0xC0 | (c >> 6)); b[1] = (char)(0x80 | (c & 0x3F)); n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xE0 | (c >> 12)); b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (char)(0x80 | (c & 0x3F)); n = 3;
	} else {
		b[0] = (char)(0xF0 | (c >> 18)); b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3F)); b[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	pool_put(s, b, n);
}

/* Add text to the root: extends the last text node when it is contiguous
 * in the pool, so mdast's text merging falls out for free. */
static void add_text_pooled(aw_inl_scratch *s, uint32_t off, uint32_t n)
{
	int32_t last = s->node[0].last;
	int32_t t;

	if (s->err || n == 0)
		return;
	if (last != NONE && s->node[last].type == N_TEXT &&
	    !(s->node[last].flags & NF_DELIM) &&
	    s->node[last].a + s->node[last].alen == off) {
		s->node[last].alen += n;
		return;
	}
	t = node_new(s, N_TEXT);
	if (t == NONE)
		return;
	s->node[t].a = off;
	s->node[t].alen = n;
	node_append(s, 0, t);
}

static void add_text(aw_inl_scratch *s, const char *p, size_t n)
{
	uint32_t off = pool_put(s, p, n);

	add_text_pooled(s, off, (uint32_t)n);
}

/* ---- entities and escapes --------------------------------------------- */

/* Character reference at src[i] ('&'). Appends the decoded text to the
 * pool and returns its source length, or 0 when it is not one. */
static size_t entity(aw_inl_scratch *s, const char *src, size_t len, size_t i)
{
	size_t j = i + 1, k;

	if (j < len && src[j] == '#') {
		uint32_t v = 0;
		int hex = 0;

		j++;
		if (j < len && (src[j] == 'x' || src[j] == 'X')) {
			hex = 1;
			j++;
		}
		k = j;
		while (j < len && j - k < (hex ? 6u : 7u) &&
		       (hex ? (AW_IS_DIGIT(src[j]) ||
			       ((src[j] | 0x20) >= 'a' && (src[j] | 0x20) <= 'f'))
			    : AW_IS_DIGIT(src[j]))) {
			int d = AW_IS_DIGIT(src[j]) ? src[j] - '0'
						    : (src[j] | 0x20) - 'a' + 10;
			v = v * (hex ? 16u : 10u) + (uint32_t)d;
			j++;
		}
		if (j == k || j >= len || src[j] != ';')
			return 0;
		/* micromark-util-decode-numeric-character-reference, then
		 * String.fromCharCode (which keeps only 16 bits) */
		if (v < 9 || v == 11 || (v > 13 && v < 32) ||
		    (v > 126 && v < 160) || (v > 55295 && v < 57344) ||
		    (v > 64975 && v < 65008) || (v & 65535) == 65535 ||
		    (v & 65535) == 65534 || v > 1114111)
			v = 0xFFFD;
		v &= 0xFFFF;
		if (v >= 0xD800 && v <= 0xDFFF)
			v = 0xFFFD;  /* lone surrogate, printed as U+FFFD */
		pool_putu8(s, v);
		return j + 1 - i;
	}
	k = j;
	while (j < len && j - k < 32 && AW_IS_ALNUM(src[j]))
		j++;
	if (j == k || j >= len || src[j] != ';')
		return 0;
	{
		size_t vl;
		const char *v = aw_entities_lookup(src + k, j - k, &vl);
		if (!v)
			return 0;
		pool_put(s, v, vl);
	}
	return j + 1 - i;
}

/* Copy raw inline HTML src[i..e) to the pool without up to 3 spaces/tabs
 * at the start of its continuation lines (micromark's line prefix in
 * html-text; code spans keep theirs, text and titles drop all). */
static uint32_t pool_put_lines(aw_inl_scratch *s, const char *src, size_t i, size_t e)
{
	uint32_t off = s->tlen;

	while (i < e) {
		size_t r = i, k = 0;
		while (r < e && src[r] != '\n' && src[r] != '\r')
			r++;
		r += eol_len(src, e, r);
		pool_put(s, src + i, r - i);
		i = r;
		while (i < e && k < 3 && (src[i] == ' ' || src[i] == '\t')) {
			i++;
			k++;
		}
	}
	return off;
}

/* Decode escapes and entities of src[i..e) into the pool (link
 * destinations, titles). Returns the offset of the result. */
static uint32_t decode_span(aw_inl_scratch *s, const char *src, size_t i, size_t e)
{
	uint32_t off = s->tlen;

	while (i < e) {
		size_t r = i;
		while (r < e && src[r] != '\\' && src[r] != '&' && src[r] != '\n' && src[r] != '\r')
			r++;
		pool_put(s, src + i, r - i);
		i = r;
		if (i >= e)
			break;
		if (eol_len(src, e, i)) {
			pool_put(s, src + i, eol_len(src, e, i));
			i += eol_len(src, e, i);
			while (i < e && (src[i] == ' ' || src[i] == '\t'))
				i++;
			continue;
		}
		if (src[i] == '\\' && i + 1 < e && AW_IS_PUNCT(src[i + 1])) {
			pool_put(s, src + i + 1, 1);
			i += 2;
		} else if (src[i] == '&') {
			size_t n = entity(s, src, e, i);
			if (n) {
				i += n;
			} else {
				pool_put(s, "&", 1);
				i++;
			}
		} else {
			pool_put(s, src + i, 1);
			i++;
		}
	}
	return off;
}

/* ---- code spans -------------------------------------------------------- */

/* Code span at src[i] (a backtick run). Returns the source length consumed
 * (0 = the run is literal). */
static size_t code_span(aw_inl_scratch *s, size_t i)
{
	const char *src = s->src;
	size_t len = s->len, n = 0, j, k, a, b;
	int32_t t;

	while (i + n < len && src[i + n] == '`')
		n++;
	if (n < 16 && s->bt_fail[n] && i >= s->bt_fail[n] - 1)
		return 0;
	j = i + n;
	for (;;) {
		const char *q = memchr(src + j, '`', len - j);
		if (!q) {
			if (n < 16)
				s->bt_fail[n] = (uint32_t)i + 1;
			return 0;
		}
		j = (size_t)(q - src);
		k = j;
		while (k < len && src[k] == '`')
			k++;
		if (k - j == n)
			break;
		j = k;
	}
	a = i + n;
	b = j;
	/* strip one space / line ending on both sides unless all spaces */
	if (b - a >= 2 && (src[a] == ' ' || src[a] == '\n' || src[a] == '\r') &&
	    (src[b - 1] == ' ' || src[b - 1] == '\n' || src[b - 1] == '\r')) {
		size_t x = a;
		while (x < b && (src[x] == ' ' || src[x] == '\n' || src[x] == '\r'))
			x++;
		if (x < b) {
			a += src[a] == ' ' ? 1 : eol_len(src, b, a);
			b -= src[b - 1] == '\n' && src[b - 2] == '\r' ? 2 : 1;
		}
	}
	t = node_new(s, N_CODE);
	if (t == NONE)
		return 0;
	if (s->ctx == AW_INL_TABLE_CELL) {
		/* mdast-util-gfm-table: in a cell "\|" means '|' in code
		 * ("\\" pairs stay) */
		size_t x = a;
		s->node[t].a = s->tlen;
		while (x < b) {
			if (src[x] == '\\' && x + 1 < b && (src[x + 1] == '|' || src[x + 1] == '\\')) {
				pool_put(s, src[x + 1] == '|' ? src + x + 1 : src + x,
					 src[x + 1] == '|' ? 1 : 2);
				x += 2;
			} else {
				pool_put(s, src + x, 1);
				x++;
			}
		}
		s->node[t].alen = s->tlen - s->node[t].a;
	} else {
		s->node[t].a = pool_put(s, src + a, b - a);
		s->node[t].alen = (uint32_t)(b - a);
	}
	node_append(s, 0, t);
	return k - i;
}

/* ---- autolinks <...> and raw HTML -------------------------------------- */

static size_t autolink(aw_inl_scratch *s, size_t i)
{
	const char *src = s->src;
	size_t len = s->len, j = i + 1, k;
	int email = 0;
	int32_t l, t;
	uint32_t off;

	if (j < len && AW_IS_ALPHA(src[j])) {
		k = j + 1;
		while (k < len && k - j <= 32 && (AW_IS_ALNUM(src[k]) ||
		       src[k] == '+' || src[k] == '-' || src[k] == '.'))
			k++;
		if (k < len && src[k] == ':' && k - j >= 2 && k - j <= 32) {
			k++;
			while (k < len && (unsigned char)src[k] > 0x20 &&
			       src[k] != '<' && src[k] != '>' && src[k] != 0x7F)
				k++;
			if (k < len && src[k] == '>')
				goto found;
		}
	}
	/* email: atext+ '@' label ('.' label)* */
	k = j;
	while (k < len && (AW_IS_ALNUM(src[k]) || (src[k] && strchr(".!#$%&'*+/=?^_`{|}~-", src[k]))))
		k++;
	if (k == j || k >= len || src[k] != '@')
		return 0;
	k++;
	for (;;) {
		size_t m = k;
		while (k < len && k - m < 63 && (AW_IS_ALNUM(src[k]) ||
		       (src[k] == '-' && k > m)))
			k++;
		if (k == m || src[k - 1] == '-')
			return 0;
		if (k < len && src[k] == '.') {
			k++;
			continue;
		}
		break;
	}
	if (k >= len || src[k] != '>')
		return 0;
	email = 1;
found:
	l = node_new(s, N_LINK);
	t = node_new(s, N_TEXT);
	if (t == NONE)
		return 0;
	off = s->tlen;
	if (email)
		pool_put(s, "mailto:", 7);
	pool_put(s, src + j, k - j);
	s->node[l].a = off;
	s->node[l].alen = s->tlen - off;
	s->node[t].a = off + (email ? 7u : 0u);
	s->node[t].alen = (uint32_t)(k - j);
	node_append(s, l, t);
	node_append(s, 0, l);
	return k + 1 - i;
}

/* Raw inline HTML at src[i] ('<'), CommonMark 0.30 rules. */
static size_t html_len(aw_inl_scratch *s, size_t i)
{
	const char *src = s->src;
	size_t len = s->len, j = i + 1;

	if (j >= len)
		return 0;
	if (src[j] == '!') {
		j++;
		if (j + 1 < len && src[j] == '-' && src[j + 1] == '-') {
			/* micromark: ends at the first "-->", whose dashes may be
			 * the opener's ("<!-->" and "<!--->" are comments) */
			if (s->html_fail[0] && i >= s->html_fail[0] - 1)
				return 0;
			for (; j + 2 < len; j++)
				if (src[j] == '-' && src[j + 1] == '-' && src[j + 2] == '>')
					return j + 3 - i;
			s->html_fail[0] = (uint32_t)i + 1;
			return 0;
		}
		if (j + 7 <= len && memcmp(src + j, "[CDATA[", 7) == 0) {
			j += 7;
			if (s->html_fail[1] && i >= s->html_fail[1] - 1)
				return 0;
			for (; j + 2 < len; j++)
				if (src[j] == ']' && src[j + 1] == ']' && src[j + 2] == '>')
					return j + 3 - i;
			s->html_fail[1] = (uint32_t)i + 1;
			return 0;
		}
		if (j < len && AW_IS_ALPHA(src[j])) {
			const char *q;
			if (s->html_fail[3] && i >= s->html_fail[3] - 1)
				return 0;
			q = memchr(src + j, '>', len - j);
			if (!q)
				s->html_fail[3] = (uint32_t)i + 1;
			return q ? (size_t)(q - src) + 1 - i : 0;
		}
		return 0;
	}
	if (src[j] == '?') {
		if (s->html_fail[2] && i >= s->html_fail[2] - 1)
			return 0;
		for (j++; j + 1 < len; j++)
			if (src[j] == '?' && src[j + 1] == '>')
				return j + 2 - i;
		s->html_fail[2] = (uint32_t)i + 1;
		return 0;
	}
	if (src[j] == '/') {
		j++;
		if (j >= len || !AW_IS_ALPHA(src[j]))
			return 0;
		while (j < len && (AW_IS_ALNUM(src[j]) || src[j] == '-'))
			j++;
		while (j < len && IS_SP_NL(src[j]))
			j++;
		return j < len && src[j] == '>' ? j + 1 - i : 0;
	}
	if (!AW_IS_ALPHA(src[j]))
		return 0;
	while (j < len && (AW_IS_ALNUM(src[j]) || src[j] == '-'))
		j++;
	for (;;) {
		size_t w = j;
		while (j < len && IS_SP_NL(src[j]))
			j++;
		if (j >= len)
			return 0;
		if (src[j] == '>')
			return j + 1 - i;
		if (src[j] == '/')
			return j + 1 < len && src[j + 1] == '>' ? j + 2 - i : 0;
		if (w == j)
			return 0;  /* attributes need whitespace before them */
		if (!(AW_IS_ALPHA(src[j]) || src[j] == '_' || src[j] == ':'))
			return 0;
		while (j < len && (AW_IS_ALNUM(src[j]) || src[j] == '_' ||
		       src[j] == '.' || src[j] == ':' || src[j] == '-'))
			j++;
		w = j;
		while (w < len && IS_SP_NL(src[w]))
			w++;
		if (w < len && src[w] == '=') {
			w++;
			while (w < len && IS_SP_NL(src[w]))
				w++;
			if (w >= len)
				return 0;
			if (src[w] == '"' || src[w] == '\'') {
				const char *q = memchr(src + w + 1, src[w], len - w - 1);
				if (!q)
					return 0;
				j = (size_t)(q - src) + 1;
			} else {
				size_t v = w;
				while (w < len && !strchr(" \t\n\r\"'=<>`", src[w]))
					w++;
				if (w == v)
					return 0;
				j = w;
			}
		}
	}
}

/* ---- GFM literal autolinks, tokenizer part (micromark 1.0.5) ----------- */

/* `trail` of micromark-extension-gfm-autolink-literal, from src[i]:
 * 1 = trailing punctuation (then an end), 0 = not. */
static int lit_trail(const char *src, size_t len, size_t i)
{
	for (;;) {
		uint32_t c;
		size_t l;

		if (i >= len)
			return 1;
		c = (unsigned char)src[i];
		if (c && strchr("!\"')*,.:;?_~", (int)c)) {
			i++;
			continue;
		}
		if (c == '&') {
			size_t j = i + 1;
			if (j >= len || !AW_IS_ALPHA(src[j]))
				return 0;
			while (j < len && AW_IS_ALPHA(src[j]))
				j++;
			if (j >= len || src[j] != ';')
				return 0;
			i = j + 1;
			continue;
		}
		if (c == ']') {
			i++;
			if (i >= len || src[i] == '(' || src[i] == '[')
				return 1;
			c = aw_utf8_dec(src, len, i, &l);
			if (aw_js_space(c))
				return 1;
			continue;
		}
		if (c == '<')
			return 1;
		c = aw_utf8_dec(src, len, i, &l);
		return aw_js_space(c);
	}
}

/* Domain from src[i]; returns its end, or 0 when not a valid domain. */
static size_t lit_domain(const char *src, size_t len, size_t i)
{
	int us_last = 0, us_lastlast = 0, seen = 0;

	for (;;) {
		uint32_t c;
		size_t l = 1;

		if (i < len && (src[i] == '.' || src[i] == '_')) {
			if (lit_trail(src, len, i))
				break;
			if (src[i] == '_') {
				us_last = 1;
			} else {
				us_lastlast = us_last;
				us_last = 0;
			}
			i++;
			continue;
		}
		if (i >= len)
			break;
		c = aw_utf8_dec(src, len, i, &l);
		if (aw_js_space(c) || (c != '-' && u_punct(c)))
			break;
		seen = 1;
		i += l;
	}
	if (us_last || us_lastlast || !seen)
		return 0;
	return i;
}

static size_t lit_path(const char *src, size_t len, size_t i)
{
	size_t open = 0, close = 0;

	for (;;) {
		uint32_t c;
		size_t l = 1;

		if (i >= len)
			return i;
		c = (unsigned char)src[i];
		if (c == '(') {
			open++;
			i++;
			continue;
		}
		if (c == ')' && close < open) {
			close++;
			i++;
			continue;
		}
		if (strchr("!\"&')*,.:;<?]_~", (int)c) && c) {
			if (lit_trail(src, len, i))
				return i;
			if (c == ')')
				close++;
			i++;
			continue;
		}
		c = aw_utf8_dec(src, len, i, &l);
		if (aw_js_space(c))
			return i;
		i += l;
	}
}

/* Try a literal autolink at src[i]. Returns the consumed length (0 = none). */
static size_t literal_autolink(aw_inl_scratch *s, size_t i)
{
	const char *src = s->src;
	size_t len = s->len, e = 0, l;
	unsigned char c = (unsigned char)src[i];
	uint32_t prev = aw_utf8_prev(src, i);
	int kind = 0; /* 1 http, 2 www, 3 email */
	int32_t ln, t;
	uint32_t off;

	if (s->nbracket > 0)
		return 0;  /* an unbalanced '[' before: previousUnbalanced */
	if (!s->has_at && (c | 0x20) != 'h' && (c | 0x20) != 'w')
		return 0;  /* no email anywhere, and no http / www here */
	/* email first (it is tried before the others at every atext char) */
	if (IS_ATEXT(c) && prev != '/' &&
	    !(prev != (uint32_t)-1 && prev < 0x80 && IS_ATEXT(prev))) {
		size_t j = i;
		while (j < len && IS_ATEXT(src[j]))
			j++;
		if (j < len && src[j] == '@') {
			int data = 0, dot = 0;
			j++;
			for (;;) {
				if (j < len && src[j] == '.') {
					if (j + 1 >= len || !AW_IS_ALNUM(src[j + 1]))
						break;
					dot = 1;
					j++;
					continue;
				}
				if (j < len && (src[j] == '-' || src[j] == '_' ||
						AW_IS_ALNUM(src[j]))) {
					data = 1;
					j++;
					continue;
				}
				break;
			}
			if (data && dot && AW_IS_ALPHA(src[j - 1])) {
				e = j;
				kind = 3;
			}
		}
	}
	if (!kind && (c == 'h' || c == 'H') &&
	    !(prev != (uint32_t)-1 && prev < 0x80 && AW_IS_ALPHA(prev))) {
		size_t j = i + 1;
		while (j < len && AW_IS_ALPHA(src[j]) && j - i < 5)
			j++;
		if (j + 2 < len && src[j] == ':' && src[j + 1] == '/' &&
		    src[j + 2] == '/' &&
		    ((j - i == 4 && (src[i + 1] | 0x20) == 't' &&
		      (src[i + 2] | 0x20) == 't' && (src[i + 3] | 0x20) == 'p') ||
		     (j - i == 5 && (src[i + 1] | 0x20) == 't' &&
		      (src[i + 2] | 0x20) == 't' && (src[i + 3] | 0x20) == 'p' &&
		      (src[i + 4] | 0x20) == 's'))) {
			uint32_t d;
			j += 3;
			if (j < len) {
				d = aw_utf8_dec(src, len, j, &l);
				if (!(d < 0x20 || d == 0x7F || aw_js_space(d) || u_punct(d))) {
					size_t de = lit_domain(src, len, j);
					if (de) {
						e = lit_path(src, len, de);
						kind = 1;
					}
				}
			}
		}
	}
	if (!kind && (c == 'w' || c == 'W') &&
	    (prev == (uint32_t)-1 || prev == '(' || prev == '*' || prev == '_' ||
	     prev == '[' || prev == ']' || prev == '~' || prev == ' ' ||
	     prev == '\t' || prev == '\n' || prev == '\r')) {
		if (i + 4 < len && (src[i + 1] | 0x20) == 'w' &&
		    (src[i + 2] | 0x20) == 'w' && src[i + 3] == '.') {
			size_t de = lit_domain(src, len, i);
			if (de) {
				e = lit_path(src, len, de);
				kind = 2;
			}
		}
	}
	if (!kind)
		return 0;
	ln = node_new(s, N_LINK);
	t = node_new(s, N_TEXT);
	if (t == NONE)
		return 0;
	off = s->tlen;
	if (kind == 2)
		pool_put(s, "http://", 7);
	else if (kind == 3)
		pool_put(s, "mailto:", 7);
	pool_put(s, src + i, e - i);
	s->node[ln].a = off;
	s->node[ln].alen = s->tlen - off;
	s->node[t].a = off + (kind == 1 ? 0u : 7u);
	s->node[t].alen = (uint32_t)(e - i);
	node_append(s, ln, t);
	node_append(s, 0, ln);
	return e - i;
}

/* ---- delimiters (emphasis, strong, strikethrough) ---------------------- */

static void delim_remove(aw_inl_scratch *s, int32_t d)
{
	struct aw_inl_delim *x = &s->delim[d];

	if (x->prev != NONE)
		s->delim[x->prev].next = x->next;
	if (x->next != NONE)
		s->delim[x->next].prev = x->prev;
	else
		s->delim_top = x->prev;
}

static void delim_run(aw_inl_scratch *s, size_t i, size_t *adv)
{
	const char *src = s->src;
	size_t len = s->len, n = 0;
	char ch = src[i];
	uint32_t before, after;
	int cb, ca, open, close;
	int32_t t, d;
	size_t l;

	while (i + n < len && src[i + n] == ch)
		n++;
	*adv = n;
	before = aw_utf8_prev(src, i);
	after = i + n < len ? aw_utf8_dec(src, len, i + n, &l) : (uint32_t)-1;
	cb = classify(before);
	ca = classify(after);
	if (ch == '~') {
		/* micromark-extension-gfm-strikethrough: runs of 1 or 2 */
		if (n > 2) {
			add_text(s, src + i, n);
			return;
		}
		open = !ca || (ca == 2 && cb);
		close = !cb || (cb == 2 && ca);
	} else {
		/* micromark attention: a neighbouring attention marker ('*',
		 * '_', and GFM's '~') always allows opening / closing */
		int o = !ca || (ca == 2 && cb) || after == '*' || after == '_' ||
			after == '~';
		int c = !cb || (cb == 2 && ca) || before == '*' || before == '_' ||
			before == '~';
		open = ch == '*' ? o : (o && (cb || !c));
		close = ch == '*' ? c : (c && (ca || !o));
	}
	t = node_new(s, N_TEXT);
	if (t == NONE)
		return;
	s->node[t].a = pool_put(s, src + i, n);
	s->node[t].alen = (uint32_t)n;
	s->node[t].flags = NF_DELIM;
	node_append(s, 0, t);
	if (!open && !close) {
		s->node[t].flags = 0;
		return;
	}
	if (s->ndelim >= AW_INL_DELIMS_MAX) {
		too_big(s, "AW_INL_DELIMS_MAX");
		return;
	}
	d = s->ndelim++;
	s->delim[d].node = t;
	s->delim[d].len = (uint32_t)n;
	s->delim[d].ch = ch;
	s->delim[d].can_open = (uint8_t)open;
	s->delim[d].can_close = (uint8_t)close;
	s->delim[d].prev = s->delim_top;
	s->delim[d].next = NONE;
	if (s->delim_top != NONE)
		s->delim[s->delim_top].next = d;
	s->delim_top = d;
}

/* Resolve the delimiters above `bottom` (CommonMark "process emphasis",
 * with micromark's rule of three on the remaining run sizes). */
static void process_emphasis(aw_inl_scratch *s, int32_t bottom)
{
	int32_t ob[3][2][3];
	int32_t closer, opener;
	int a, b, c;

	for (a = 0; a < 3; a++)
		for (b = 0; b < 2; b++)
			for (c = 0; c < 3; c++)
				ob[a][b][c] = bottom;
	closer = bottom == NONE ? NONE : s->delim[bottom].next;
	if (bottom == NONE) {
		/* first delimiter of the list */
		closer = s->delim_top;
		while (closer != NONE && s->delim[closer].prev != NONE)
			closer = s->delim[closer].prev;
	}
	while (closer != NONE && !s->err) {
		struct aw_inl_delim *cl = &s->delim[closer];
		int ci = cl->ch == '*' ? 0 : cl->ch == '_' ? 1 : 2;
		int32_t *obp;
		int found = 0;

		if (!cl->can_close) {
			closer = cl->next;
			continue;
		}
		obp = &ob[ci][cl->can_open][cl->len % 3];
		opener = cl->prev;
		while (opener != NONE && opener != bottom && opener != *obp) {
			struct aw_inl_delim *op = &s->delim[opener];
			if (op->ch == cl->ch && op->can_open) {
				if (cl->ch == '~') {
					if (op->len == cl->len)
						found = 1;
				} else if (!((op->can_close || cl->can_open) &&
					     cl->len % 3 != 0 &&
					     (op->len + cl->len) % 3 == 0)) {
					found = 1;
				}
				if (found)
					break;
			}
			opener = op->prev;
		}
		if (found) {
			struct aw_inl_delim *op = &s->delim[opener];
			uint32_t use = cl->ch == '~' ? cl->len :
				       (cl->len >= 2 && op->len >= 2) ? 2 : 1;
			int32_t on = op->node, cn = cl->node, e, x;

			e = node_new(s, cl->ch == '~' ? N_DEL : use == 2 ? N_STRONG : N_EMPH);
			if (e == NONE)
				return;
			op->len -= use;
			cl->len -= use;
			s->node[on].alen -= use;
			s->node[cn].a += use;
			s->node[cn].alen -= use;
			node_move_range(s, 0, on, cn, e);
			node_insert_after(s, 0, on, e);
			/* delimiters between opener and closer are now text */
			x = op->next;
			while (x != closer) {
				int32_t nx = s->delim[x].next;
				s->node[s->delim[x].node].flags &= (uint8_t)~NF_DELIM;
				delim_remove(s, x);
				x = nx;
			}
			if (op->len == 0) {
				node_unlink(s, 0, on);
				s->node[on].flags |= NF_DEAD;
				delim_remove(s, opener);
			}
			if (cl->len == 0) {
				int32_t nx = cl->next;
				node_unlink(s, 0, cn);
				s->node[cn].flags |= NF_DEAD;
				delim_remove(s, closer);
				closer = nx;
			}
		} else {
			int32_t nx = cl->next;
			*obp = cl->prev;
			if (!cl->can_open) {
				s->node[cl->node].flags &= (uint8_t)~NF_DELIM;
				delim_remove(s, closer);
			}
			closer = nx;
		}
	}
	/* everything above bottom is plain text now */
	while (s->delim_top != bottom && s->delim_top != NONE) {
		s->node[s->delim[s->delim_top].node].flags &= (uint8_t)~NF_DELIM;
		delim_remove(s, s->delim_top);
	}
}

/* ---- links and images -------------------------------------------------- */

static size_t skip_ws(const char *src, size_t len, size_t i)
{
	while (i < len && IS_SP_NL(src[i]))
		i++;
	return i;
}

/* Inline resource "(dest "title")" at src[i] == '('. On success returns the
 * position after ')' and fills the spans; 0 otherwise. */
static size_t resource(const char *src, size_t len, size_t i,
		       size_t *da, size_t *de, size_t *ta, size_t *te, int *has_title)
{
	size_t j = skip_ws(src, len, i + 1), k;

	*da = *de = j;
	*has_title = 0;
	if (j >= len)
		return 0;
	if (src[j] == ')')
		return j + 1;
	if (src[j] == '<') {
		k = j + 1;
		while (k < len && src[k] != '>' && src[k] != '\n' && src[k] != '\r' && src[k] != '<') {
			if (src[k] == '\\' && k + 1 < len && AW_IS_PUNCT(src[k + 1]))
				k++;
			k++;
		}
		if (k >= len || src[k] != '>')
			return 0;
		*da = j + 1;
		*de = k;
		k++;
	} else {
		int depth = 0;
		k = j;
		while (k < len) {
			unsigned char c = (unsigned char)src[k];
			if (c <= 0x20 || c == 0x7F)
				break;
			if (c == '\\' && k + 1 < len && AW_IS_PUNCT(src[k + 1])) {
				k += 2;
				continue;
			}
			if (c == '(') {
				if (++depth > 32)
					return 0;
			} else if (c == ')') {
				if (depth == 0)
					break;
				depth--;
			}
			k++;
		}
		if (depth != 0 || k == j)
			return 0;
		*da = j;
		*de = k;
	}
	j = skip_ws(src, len, k);
	if (j >= len)
		return 0;
	if (j > k && (src[j] == '"' || src[j] == '\'' || src[j] == '(')) {
		char close = src[j] == '(' ? ')' : src[j];
		size_t t = j + 1;
		while (t < len && src[t] != close) {
			if (close == ')' && src[t] == '(')
				return 0;
			if (src[t] == '\\' && t + 1 < len && AW_IS_PUNCT(src[t + 1]))
				t++;
			t++;
		}
		if (t >= len)
			return 0;
		*ta = j + 1;
		*te = t;
		*has_title = 1;
		j = skip_ws(src, len, t + 1);
	}
	if (j >= len || src[j] != ')')
		return 0;
	return j + 1;
}

/* Link label "[...]" at src[i]; returns its length (0 = none). */
static size_t link_label(const char *src, size_t len, size_t i)
{
	size_t j = i + 1;
	int seen = 0;

	while (j < len && j - i <= 1000) {
		char c = src[j];
		if (c == ']')
			return seen && j - i - 1 <= 999 ? j + 1 - i : 0;
		if (c == '[')
			return 0;
		if (c == '\\' && j + 1 < len && (src[j + 1] == '[' ||
		    src[j + 1] == ']' || src[j + 1] == '\\')) {
			seen = 1;
			j += 2;
			continue;
		}
		if (!IS_SP_NL(c))
			seen = 1;
		j++;
	}
	return 0;
}

static int lookup_def(aw_inl_scratch *s, const char *label, size_t n,
		      uint32_t *url, uint32_t *ulen, uint32_t *title,
		      uint32_t *tlen, int *has_title)
{
	const char *u = NULL, *t = NULL;
	size_t ul = 0, tl = 0;
	int ht = 0;

	if (!s->env || !s->env->defs || n == 0)
		return 0;
	if (!s->env->defs(s->env->defs_user, label, n, &u, &ul, &t, &tl, &ht))
		return 0;
	*url = pool_put(s, u, ul);
	*ulen = (uint32_t)ul;
	*title = pool_put(s, t, ht ? tl : 0);
	*tlen = ht ? (uint32_t)tl : 0;
	*has_title = ht && tl > 0;
	return 1;
}

/* mdast-util-to-string of an image description, into the pool. */
static void node_tostring(aw_inl_scratch *s, int32_t n)
{
	int32_t *st = s->wstack;
	int sp = 0;
	int32_t x = s->node[n].first;

	while (!s->err) {
		if (x == NONE) {
			if (sp == 0)
				break;
			x = s->node[st[--sp]].next;
			continue;
		}
		s->node[x].flags |= NF_DEAD;  /* gone with the image */
		switch (s->node[x].type) {
		case N_TEXT: case N_CODE: case N_HTML:
			pool_put(s, s->text + s->node[x].a, s->node[x].alen);
			break;
		case N_IMAGE:
			pool_put(s, s->text + s->node[x].c, s->node[x].clen);
			break;
		case N_BREAK:
			break;
		default:
			if (s->node[x].first != NONE) {
				if (sp >= AW_INL_DEPTH_MAX) {
					too_big(s, "AW_INL_DEPTH_MAX");
					return;
				}
				st[sp++] = x;
				x = s->node[x].first;
				continue;
			}
		}
		x = s->node[x].next;
	}
}

/* ']' at src[i]. Returns the source length consumed. */
static size_t close_bracket(aw_inl_scratch *s, size_t i)
{
	const char *src = s->src;
	size_t len = s->len, p = i + 1, end = 0, da, de, ta = 0, te = 0;
	struct aw_inl_bracket *br;
	int has_title = 0, matched = 0;
	uint32_t url = 0, ulen = 0, title = 0, tlen = 0, mark = s->tlen;
	int32_t ln;

	if (s->nbracket == 0) {
		add_text(s, "]", 1);
		return 1;
	}
	br = &s->bracket[s->nbracket - 1];
	if (!br->active) {
		s->nbracket--;
		add_text(s, "]", 1);
		return 1;
	}
	if (p < len && src[p] == '(') {
		end = resource(src, len, p, &da, &de, &ta, &te, &has_title);
		if (end) {
			url = decode_span(s, src, da, de);
			ulen = s->tlen - url;
			title = s->tlen;
			if (has_title)
				decode_span(s, src, ta, te);
			tlen = s->tlen - title;
			has_title = has_title && tlen > 0;
			matched = 1;
		}
	}
	if (!matched && p < len && src[p] == '[' && !(p + 1 < len && src[p + 1] == ']')) {
		/* micromark: after "][" only a defined full reference (or a
		 * collapsed "[]") makes a link, never the shortcut */
		size_t n = link_label(src, len, p);
		if (n > 2 && lookup_def(s, src + p + 1, n - 2, &url, &ulen,
					&title, &tlen, &has_title)) {
			matched = 1;
			end = p + n;
		}
	} else if (!matched) {
		const char *lab = src + br->label;
		size_t labn = i - br->label;
		int text_ok = 1;
		size_t q;

		for (q = 0; q < labn; q++) {
			if (lab[q] == '\\') {
				q++;
			} else if (lab[q] == '[' || lab[q] == ']') {
				text_ok = 0;
				break;
			}
		}
		if (labn > 999)
			text_ok = 0;
		if (text_ok && lookup_def(s, lab, labn, &url, &ulen,
						 &title, &tlen, &has_title)) {
			matched = 1;
			end = p + 1 < len && src[p] == '[' && src[p + 1] == ']' ? p + 2 : p;
		}
	}
	if (!matched || s->err) {
		s->tlen = mark;
		s->nbracket--;
		add_text(s, "]", 1);
		return 1;
	}
	/* emphasis inside the label first, while its nodes are root children */
	process_emphasis(s, br->delim);
	ln = node_new(s, br->image ? N_IMAGE : N_LINK);
	if (ln == NONE)
		return 1;
	s->node[ln].a = url;
	s->node[ln].alen = ulen;
	s->node[ln].b = title;
	s->node[ln].blen = tlen;
	s->node[ln].flags = has_title ? NF_TITLE : 0;
	node_move_range(s, 0, br->node, NONE, ln);
	node_insert_after(s, 0, br->node, ln);
	node_unlink(s, 0, br->node);
	s->node[br->node].flags |= NF_DEAD;
	/* the link now owns its content; it sits at the root */
	if (br->image) {
		s->node[ln].c = s->tlen;
		node_tostring(s, ln);
		s->node[ln].clen = s->tlen - s->node[ln].c;
		s->node[ln].first = s->node[ln].last = NONE;
	}
	s->nbracket--;
	if (!br->image) {
		int k;
		for (k = 0; k < s->nbracket; k++)
			if (!s->bracket[k].image)
				s->bracket[k].active = 0;
	}
	return end - i;
}

static void open_bracket(aw_inl_scratch *s, size_t i, int image)
{
	int32_t t = node_new(s, N_TEXT);
	struct aw_inl_bracket *b;

	if (t == NONE)
		return;
	s->node[t].a = pool_put(s, s->src + i, image ? 2 : 1);
	s->node[t].alen = image ? 2u : 1u;
	s->node[t].flags = NF_DELIM;
	node_append(s, 0, t);
	if (s->nbracket >= AW_INL_BRACKETS_MAX) {
		too_big(s, "AW_INL_BRACKETS_MAX");
		return;
	}
	b = &s->bracket[s->nbracket++];
	b->node = t;
	b->delim = s->delim_top;
	b->label = (uint32_t)(i + (image ? 2 : 1));
	b->image = (uint8_t)image;
	b->active = 1;
}

/* ---- main inline loop -------------------------------------------------- */

/* bytes that may start an inline construct (1) or a literal autolink (2) */
static const unsigned char special_tab[256] = {
	['\n'] = 1, ['\r'] = 1, ['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 3, ['~'] = 1,
	['['] = 1, [']'] = 1, ['!'] = 1, ['<'] = 1, ['&'] = 1,
	['+'] = 2, ['-'] = 2, ['.'] = 2,
	['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2,
	['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
	['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2,
	['G'] = 2, ['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2,
	['M'] = 2, ['N'] = 2, ['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2,
	['S'] = 2, ['T'] = 2, ['U'] = 2, ['V'] = 2, ['W'] = 2, ['X'] = 2,
	['Y'] = 2, ['Z'] = 2,
	['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2,
	['g'] = 2, ['h'] = 2, ['i'] = 2, ['j'] = 2, ['k'] = 2, ['l'] = 2,
	['m'] = 2, ['n'] = 2, ['o'] = 2, ['p'] = 2, ['q'] = 2, ['r'] = 2,
	['s'] = 2, ['t'] = 2, ['u'] = 2, ['v'] = 2, ['w'] = 2, ['x'] = 2,
	['y'] = 2, ['z'] = 2,
};

static void parse_inlines(aw_inl_scratch *s)
{
	const char *src = s->src;
	size_t len = s->len, i = 0, n;

	while (i < len && !s->err) {
		unsigned char c = (unsigned char)src[i];
		size_t j;

		switch (c) {
		case '\r':
		case '\n': {
			/* trailing spaces/tabs were kept in the last text node */
			int32_t last = s->node[0].last;
			size_t sp = 0;
			int tab = 0;
			j = i;
			while (j > 0 && (src[j - 1] == ' ' || src[j - 1] == '\t')) {
				if (src[j - 1] == '\t')
					tab = 1;
				j--;
				sp++;
			}
			if (sp && last != NONE && s->node[last].type == N_TEXT &&
			    s->node[last].alen >= sp &&
			    !(s->node[last].flags & NF_DELIM))
				s->node[last].alen -= (uint32_t)sp;
			else
				sp = 0;
			if (sp >= 2 && !tab) {
				int32_t b = node_new(s, N_BREAK);
				if (b != NONE)
					node_append(s, 0, b);
			} else {
				add_text(s, src + i, eol_len(src, len, i));
			}
			i += eol_len(src, len, i);
			while (i < len && (src[i] == ' ' || src[i] == '\t'))
				i++;
			continue;
		}
		case '\\':
			if (eol_len(src, len, i + 1)) {
				int32_t b = node_new(s, N_BREAK);
				if (b != NONE)
					node_append(s, 0, b);
				i += 1 + eol_len(src, len, i + 1);
				while (i < len && (src[i] == ' ' || src[i] == '\t'))
					i++;
			} else if (i + 1 < len && AW_IS_PUNCT(src[i + 1])) {
				add_text(s, src + i + 1, 1);
				i += 2;
			} else {
				add_text(s, "\\", 1);
				i++;
			}
			continue;
		case '`':
			n = code_span(s, i);
			if (!n) {
				n = 0;
				while (i + n < len && src[i + n] == '`')
					n++;
				add_text(s, src + i, n);
			}
			i += n;
			continue;
		case '_':
			/* GFM extensions come before core constructs in
			 * micromark: an email literal may start at '_' */
			n = literal_autolink(s, i);
			if (n) {
				i += n;
				continue;
			}
			/* fall through */
		case '*': case '~':
			delim_run(s, i, &n);
			i += n;
			continue;
		case '[':
			open_bracket(s, i, 0);
			i++;
			continue;
		case '!':
			if (i + 1 < len && src[i + 1] == '[') {
				open_bracket(s, i, 1);
				i += 2;
			} else {
				add_text(s, "!", 1);
				i++;
			}
			continue;
		case ']':
			i += close_bracket(s, i);
			continue;
		case '<':
			n = autolink(s, i);
			if (!n) {
				n = html_len(s, i);
				if (n) {
					int32_t h = node_new(s, N_HTML);
					if (h != NONE) {
						s->node[h].a = pool_put_lines(s, src, i, i + n);
						s->node[h].alen = s->tlen - s->node[h].a;
						node_append(s, 0, h);
					}
				} else {
					add_text(s, "<", 1);
					n = 1;
				}
			}
			i += n;
			continue;
		case '&': {
			uint32_t off = s->tlen;
			n = entity(s, src, len, i);
			if (n) {
				add_text_pooled(s, off, s->tlen - off);
			} else {
				add_text(s, "&", 1);
				n = 1;
			}
			i += n;
			continue;
		}
		default:
			break;
		}
		if (IS_ATEXT(c)) {
			n = literal_autolink(s, i);
			if (n) {
				i += n;
				continue;
			}
		}
		/* plain run: up to the next character that may start something;
		 * inside a word only 'h' after a non-letter may start a
		 * literal autolink */
		j = i + 1;
		while (j < len) {
			unsigned char d = (unsigned char)src[j];
			unsigned char k = special_tab[d];
			if (k) {
				unsigned char p = (unsigned char)src[j - 1];
				if (k & 1)
					break;
				if (!(special_tab[p] & 2)) {
					/* a word start: email (if any '@'), http, www */
					if (s->has_at || (d | 0x20) == 'h' || (d | 0x20) == 'w')
						break;
				} else if ((d == 'h' || d == 'H') && !AW_IS_ALPHA(p)) {
					break;
				}
			}
			j++;
		}
		add_text(s, src + i, j - i);
		i = j;
	}
	if (!s->err)
		process_emphasis(s, NONE);
}

/* ---- tree walking ------------------------------------------------------ */

/* Pre-order walk with an explicit stack: returns the node after x (whose
 * children are entered when `enter` is set), or NONE at the end. */
struct walk {
	int32_t *st;   /* scratch->wstack */
	int sp;
};

static int32_t walk_next(aw_inl_scratch *s, struct walk *w, int32_t x, int enter)
{
	if (enter && s->node[x].type >= N_EMPH && s->node[x].first != NONE) {
		if (w->sp >= AW_INL_DEPTH_MAX) {
			too_big(s, "AW_INL_DEPTH_MAX");
			return NONE;
		}
		w->st[w->sp++] = x;
		return s->node[x].first;
	}
	while (s->node[x].next == NONE) {
		if (w->sp == 0)
			return NONE;
		x = w->st[--w->sp];
		if (w->sp == 0 && x == 0)
			return NONE;
	}
	return s->node[x].next;
}

/* Parent of the current position in a walk. */
#define WALK_PARENT(w) ((w)->sp ? (w)->st[(w)->sp - 1] : 0)

/* Merge adjacent text siblings and drop empty text nodes (mdast never
 * has either after parsing). Containers are visited through the node
 * array, so no walk is needed. */
static void merge_text(aw_inl_scratch *s)
{
	uint32_t i;

	for (i = 0; i < s->nnode && !s->err; i++) {
		struct aw_inl_node *c = &s->node[i];
		int32_t x;

		if ((c->flags & NF_DEAD) || !(c->type == N_ROOT || c->type >= N_EMPH))
			continue;
		x = c->first;
		while (x != NONE) {
			struct aw_inl_node *n = &s->node[x];
			int32_t nx;

			if (n->type != N_TEXT) {
				x = n->next;
				continue;
			}
			n->flags &= (uint8_t)~NF_DELIM;
			while (n->next != NONE && s->node[n->next].type == N_TEXT) {
				struct aw_inl_node *m = &s->node[n->next];
				if (m->alen == 0) {
				} else if (n->alen == 0) {
					n->a = m->a;
					n->alen = m->alen;
				} else if (n->a + n->alen == m->a) {
					n->alen += m->alen;
				} else {
					uint32_t off = s->tlen;
					pool_put(s, s->text + n->a, n->alen);
					pool_put(s, s->text + m->a, m->alen);
					if (s->err)
						return;
					n->a = off;
					n->alen += m->alen;
				}
				m->flags |= NF_DEAD;
				node_unlink(s, (int32_t)i, n->next);
			}
			nx = n->next;
			if (n->alen == 0) {
				node_unlink(s, (int32_t)i, x);
				n->flags |= NF_DEAD;
			}
			x = nx;
		}
	}
}

/* ---- GFM literal autolinks, transform part (mdast-util-gfm-autolink-
 * literal 1.0.3 findAndReplace on text nodes outside links) ------------- */

static int prev_ok(const char *v, size_t i, int email)
{
	uint32_t c;

	if (i == 0)
		return 1;
	c = aw_utf8_prev(v, i);
	if (email && c == '/')
		return 0;
	return aw_js_space(c) || u_punct(c);
}

static int ci_eq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((a[i] | 0x20) != b[i])
			return 0;
	return 1;
}

/* isCorrectDomain on v[a..e) */
static int domain_ok(const char *v, size_t a, size_t e)
{
	size_t i, dots = 0, p2 = a, p1 = a;  /* starts of 2nd-last, last parts */
	int k;

	for (i = a; i < e; i++)
		if (v[i] == '.') {
			dots++;
			p2 = p1;
			p1 = i + 1;
		}
	if (dots == 0)
		return 0;
	for (k = 0; k < 2; k++) {
		size_t s0 = k ? p2 : p1;
		size_t e0 = k ? p1 - 1 : e;
		int alnum = 0, us = 0;
		if (s0 >= e0)
			continue;
		for (i = s0; i < e0; i++) {
			if (v[i] == '_')
				us = 1;
			if (AW_IS_ALNUM(v[i]))
				alnum = 1;
		}
		if (us || !alnum)
			return 0;
	}
	return 1;
}

/* Leftmost start >= pos of /(https?:\/\/|www(?=\.))[-.\w]/i in v (len
 * if none); *p = where the domain part starts, *www for the www form.
 * Found from the ':' and '.' that the two forms need. */
static size_t url_cand(const char *v, size_t pos, size_t len, size_t *p, int *www)
{
	size_t best = len, q = pos;

	*www = 0;
	while (q < len) {
		const char *c = memchr(v + q, ':', len - q);
		size_t k, st = len;

		if (!c)
			break;
		k = (size_t)(c - v);
		if (k >= pos + 4 && ci_eq(v + k - 4, "http", 4))
			st = k - 4;
		else if (k >= pos + 5 && ci_eq(v + k - 5, "https", 5))
			st = k - 5;
		if (st < len && k + 3 < len && v[k + 1] == '/' && v[k + 2] == '/' &&
		    (IS_WORD(v[k + 3]) || v[k + 3] == '-' || v[k + 3] == '.')) {
			best = st;
			*p = k + 3;
			break;
		}
		q = k + 1;
	}
	q = pos;
	while (q < best) {
		const char *c = memchr(v + q, '.', best - q);
		size_t k;

		if (!c)
			break;
		k = (size_t)(c - v);
		if (k >= pos + 3 && ci_eq(v + k - 3, "www", 3)) {
			best = k - 3;
			*p = k;
			*www = 1;
			break;
		}
		q = k + 1;
	}
	return best;
}

/* Replace text node x (child of parent) by pieces; returns the last new
 * node (the walk continues after it). */
static int32_t split_text(aw_inl_scratch *s, int32_t parent, int32_t x, int email)
{
	struct aw_inl_node n = s->node[x];
	const char *v = s->text + n.a;
	size_t len = n.alen, pos = 0, start = 0;
	int32_t after = x, last = x;
	int changed = 0;

	/* cheap rejection: a URL needs "://" or "www.", an email '@' */
	if (email ? !memchr(v, '@', len) : !memchr(v, '.', len) && !memchr(v, ':', len))
		return x;

	for (;;) {
		size_t ms = 0, me = 0, ts = 0, te = 0, ue = 0;
		int www = 0, ok = 0;
		int32_t l, t;

		if (!email) {
			size_t i, p = 0;
			i = url_cand(v, pos, len, &p, &www);
			if (i >= len)
				break;
			ms = i;
			{
				size_t de = p, pe;
				while (de < len && (IS_WORD(v[de]) || v[de] == '-' || v[de] == '.'))
					de++;
				pe = de;
				while (pe < len && v[pe] != ' ' && v[pe] != '\t' &&
				       v[pe] != '\r' && v[pe] != '\n')
					pe++;
				me = pe;
				if (prev_ok(v, ms, 0) && domain_ok(v, www ? ms : p, de)) {
					/* splitUrl on domain+path */
					size_t us = www ? ms : p, ur = pe, op = 0, cp = 0, k;
					while (ur > us && v[ur - 1] && strchr("!\"&'),.:;<>?]}", v[ur - 1]))
						ur--;
					for (k = us; k < ur; k++) {
						if (v[k] == '(')
							op++;
						else if (v[k] == ')')
							cp++;
					}
					for (k = ur; k < pe && op > cp; k++) {
						if (v[k] == ')') {
							ur = k + 1;
							cp++;
						}
					}
					if (ur > us) {
						ok = 1;
						ts = ms;
						te = ur;
						ue = pe;
					}
				}
			}
		} else {
			size_t q = pos, r, le, k;
			int found = 0;
			while (q < len) {
				const char *at = memchr(v + q, '@', len - q);
				if (!at)
					break;
				q = (size_t)(at - v);
				r = q;
				while (r > pos && (IS_WORD(v[r - 1]) || v[r - 1] == '-' ||
						   v[r - 1] == '.' || v[r - 1] == '+'))
					r--;
				k = q + 1;
				while (k < len && (IS_WORD(v[k]) || v[k] == '-'))
					k++;
				if (r < q && k > q + 1) {
					int groups = 0;
					le = k;
					while (le + 1 < len && v[le] == '.' &&
					       (IS_WORD(v[le + 1]) || v[le + 1] == '-')) {
						le += 2;
						while (le < len && (IS_WORD(v[le]) || v[le] == '-'))
							le++;
						groups++;
					}
					if (groups) {
						ms = r;
						me = le;
						found = 1;
						break;
					}
				}
				q++;
			}
			if (!found)
				break;
			if (prev_ok(v, ms, 1) && !(v[me - 1] == '-' || v[me - 1] == '_' ||
						   AW_IS_DIGIT(v[me - 1]))) {
				ok = 1;
				ts = ms;
				te = me;
				ue = me;
			}
		}
		pos = me;
		if (!ok)
			continue;
		/* text before, link, trail */
		if (ms > start) {
			t = node_new(s, N_TEXT);
			if (t == NONE)
				return x;
			s->node[t].a = n.a + (uint32_t)start;
			s->node[t].alen = (uint32_t)(ms - start);
			node_insert_after(s, parent, after, t);
			after = t;
		}
		l = node_new(s, N_LINK);
		t = node_new(s, N_TEXT);
		if (t == NONE)
			return x;
		s->node[t].a = n.a + (uint32_t)ts;
		s->node[t].alen = (uint32_t)(te - ts);
		node_append(s, l, t);
		if (www || email) {
			uint32_t off = s->tlen;
			pool_put(s, email ? "mailto:" : "http://", 7);
			pool_put(s, s->text + n.a + ts, te - ts);
			s->node[l].a = off;
			s->node[l].alen = s->tlen - off;
		} else {
			s->node[l].a = n.a + (uint32_t)ts;
			s->node[l].alen = (uint32_t)(te - ts);
		}
		node_insert_after(s, parent, after, l);
		after = l;
		if (ue > te) {
			t = node_new(s, N_TEXT);
			if (t == NONE)
				return x;
			s->node[t].a = n.a + (uint32_t)te;
			s->node[t].alen = (uint32_t)(ue - te);
			node_insert_after(s, parent, after, t);
			after = t;
		}
		start = me;
		changed = 1;
		www = 0;
	}
	if (!changed)
		return x;
	if (start < len) {
		int32_t t = node_new(s, N_TEXT);
		if (t == NONE)
			return x;
		s->node[t].a = n.a + (uint32_t)start;
		s->node[t].alen = (uint32_t)(len - start);
		node_insert_after(s, parent, after, t);
		after = t;
	}
	last = after;
	node_unlink(s, parent, x);
	s->node[x].flags |= NF_DEAD;
	return last;
}

static void transform_autolinks(aw_inl_scratch *s)
{
	int pass;

	for (pass = 0; pass < 2 && !s->err; pass++) {
		struct walk w;
		int32_t x;

		w.st = s->wstack;
		w.sp = 1;
		w.st[0] = 0;
		x = s->node[0].first;
		while (x != NONE && !s->err) {
			int type = s->node[x].type;
			if (type == N_TEXT)
				x = split_text(s, WALK_PARENT(&w), x, pass);
			x = walk_next(s, &w, x, s->node[x].type != N_LINK);
		}
	}
}

/* ---- safe(): mdast-util-to-markdown's escaper -------------------------- */

/* construct stack as a bit set */
#define C_PHRASING 0x001u
#define C_LABEL    0x002u
#define C_LINK     0x004u
#define C_IMAGE    0x008u
#define C_AUTOLINK 0x010u
#define C_DESTRAW  0x020u
#define C_DESTLIT  0x040u
#define C_TITLEQ   0x080u
#define C_HEADING  0x100u
#define C_CELL     0x200u
#define C_NOGFM    0x400u   /* serializer built without mdast-util-gfm */
#define C_SPAN (C_AUTOLINK | C_DESTRAW | C_DESTLIT | C_TITLEQ)
#define C_NOLIT (C_AUTOLINK | C_LINK | C_IMAGE | C_LABEL)

enum { B_NONE, B_NL, B_RBR, B_DIGITS, B_ATEXT, B_W, B_PS };
enum { A_NONE, A_NL, A_LBR, A_HASHALPHA, A_NL_END, A_WS_STAR, A_WS, A_WS_DASH,
       A_WS_END, A_HTML, A_DOTW, A_SLASH, A_TBL, A_DASH, A_CPD };

struct pattern {
	char ch;
	uint8_t atbreak, before, after;
	uint16_t in, notin;   /* in == 0: any */
	uint8_t gfm;          /* from mdast-util-gfm */
};

/* mdast-util-to-markdown 1.5.0 unsafe.js + mdast-util-gfm 2.0.2's, minus
 * patterns whose constructs never occur in phrasing (code fences, titles
 * in apostrophes, references). Kept: every atBreak one (inline code uses
 * them all, whatever the stack). Grouped by character (pch order below);
 * the order inside safe() does not matter (hits are AND-ed). */
static const struct pattern patterns[] = {
	{'\t', 0, B_NONE, A_NL, C_PHRASING, 0, 0},
	{'\t', 0, B_NL, A_NONE, C_PHRASING, 0, 0},
	{'\r', 0, B_NONE, A_NONE, C_DESTLIT | C_HEADING, 0, 0},
	{'\r', 0, B_NONE, A_NONE, C_CELL, 0, 1},
	{'\n', 0, B_NONE, A_NONE, C_DESTLIT | C_HEADING, 0, 0},
	{'\n', 0, B_NONE, A_NONE, C_CELL, 0, 1},
	{' ', 0, B_NONE, A_NL, C_PHRASING, 0, 0},
	{' ', 0, B_NL, A_NONE, C_PHRASING, 0, 0},
	{'!', 0, B_NONE, A_LBR, C_PHRASING, C_SPAN, 0},
	{'"', 0, B_NONE, A_NONE, C_TITLEQ, 0, 0},
	{'#', 1, B_NONE, A_NONE, 0, 0, 0},
	{'#', 0, B_NONE, A_NL_END, C_HEADING, 0, 0},
	{'&', 0, B_NONE, A_HASHALPHA, C_PHRASING, 0, 0},
	{'(', 0, B_NONE, A_NONE, C_DESTRAW, 0, 0},
	{'(', 0, B_RBR, A_NONE, C_PHRASING, C_SPAN, 0},
	{')', 1, B_DIGITS, A_NONE, 0, 0, 0},
	{')', 0, B_NONE, A_NONE, C_DESTRAW, 0, 0},
	{'*', 1, B_NONE, A_WS_STAR, 0, 0, 0},
	{'*', 0, B_NONE, A_NONE, C_PHRASING, C_SPAN, 0},
	{'+', 1, B_NONE, A_WS, 0, 0, 0},
	{'-', 1, B_NONE, A_WS_DASH, 0, 0, 0},
	{'-', 1, B_NONE, A_CPD, 0, 0, 1},
	{'-', 1, B_NONE, A_CPD, 0, 0, 1},
	{'.', 1, B_DIGITS, A_WS_END, 0, 0, 0},
	{'.', 0, B_W, A_DOTW, C_PHRASING, C_NOLIT, 1},
	{'<', 1, B_NONE, A_HTML, 0, 0, 0},
	{'<', 0, B_NONE, A_HTML, C_PHRASING, C_SPAN, 0},
	{'<', 0, B_NONE, A_NONE, C_DESTLIT, 0, 0},
	{'=', 1, B_NONE, A_NONE, 0, 0, 0},
	{'>', 1, B_NONE, A_NONE, 0, 0, 0},
	{'>', 0, B_NONE, A_NONE, C_DESTLIT, 0, 0},
	{'[', 1, B_NONE, A_NONE, 0, 0, 0},
	{'[', 0, B_NONE, A_NONE, C_PHRASING, C_SPAN, 0},
	{'[', 0, B_NONE, A_NONE, C_LABEL, 0, 0},
	{'[', 0, B_NONE, A_NONE, C_PHRASING | C_LABEL, 0, 1},
	{'\\', 0, B_NONE, A_NL, C_PHRASING, 0, 0},
	{']', 0, B_NONE, A_NONE, C_LABEL, 0, 0},
	{'_', 1, B_NONE, A_NONE, 0, 0, 0},
	{'_', 0, B_NONE, A_NONE, C_PHRASING, C_SPAN, 0},
	{'`', 1, B_NONE, A_NONE, 0, 0, 0},
	{'`', 0, B_NONE, A_NONE, C_PHRASING, C_SPAN, 0},
	{'~', 1, B_NONE, A_NONE, 0, 0, 0},
	{'~', 0, B_NONE, A_NONE, C_PHRASING, C_SPAN, 1},
	{'@', 0, B_ATEXT, A_DOTW, C_PHRASING, C_NOLIT, 1},
	{':', 0, B_PS, A_SLASH, C_PHRASING, C_NOLIT, 1},
	{':', 1, B_NONE, A_DASH, 0, 0, 1},
	{'|', 1, B_NONE, A_TBL, 0, 0, 1},
	{'|', 0, B_NONE, A_NONE, C_CELL, 0, 1},
};
#define NPATTERNS (sizeof patterns / sizeof patterns[0])

/* 1 + group of each byte that some pattern is about */
static const unsigned char pch[256] = {
	['\t'] = 1, ['\r'] = 2, ['\n'] = 3, [' '] = 4, ['!'] = 5, ['"'] = 6,
	['#'] = 7, ['&'] = 8, ['('] = 9, [')'] = 10, ['*'] = 11, ['+'] = 12,
	['-'] = 13, ['.'] = 14, ['<'] = 15, ['='] = 16, ['>'] = 17, ['['] = 18,
	['\\'] = 19, [']'] = 20, ['_'] = 21, ['`'] = 22, ['~'] = 23, ['@'] = 24,
	[':'] = 25, ['|'] = 26,
};
/* patterns of group g: [pgrp[g], pgrp[g + 1]) */
static const uint8_t pgrp[28] = {0, 0, 2, 4, 6, 8, 9, 10, 12, 13, 15, 17, 19, 20, 23, 25, 28, 29, 31, 35, 36, 37, 39, 41, 43, 44, 46, 48};


/* The "after" part of a pattern at v[k]; sets *used to the bytes eaten. */
static int after_ok(int kind, const char *v, size_t n, size_t k, size_t *used)
{
	char c = k < n ? v[k] : 0;
	int ok;

	*used = 1;
	switch (kind) {
	case A_NONE: *used = 0; return 1;
	case A_NL: ok = c == '\r' || c == '\n'; break;
	case A_LBR: ok = c == '['; break;
	case A_HASHALPHA: ok = c == '#' || AW_IS_ALPHA(c); break;
	case A_NL_END:
	case A_WS_END:
		if (k >= n) {
			*used = 0;
			return 1;
		}
		ok = c == '\r' || c == '\n' ||
		     (kind == A_WS_END && (c == ' ' || c == '\t'));
		break;
	case A_WS_STAR: ok = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*'; break;
	case A_WS: ok = c == ' ' || c == '\t' || c == '\r' || c == '\n'; break;
	case A_WS_DASH: ok = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-'; break;
	case A_HTML: ok = c == '!' || c == '/' || c == '?' || AW_IS_ALPHA(c); break;
	case A_DOTW: ok = c == '-' || c == '.' || IS_WORD(c); break;
	case A_SLASH: ok = c == '/'; break;
	case A_TBL: ok = c == '\t' || c == ' ' || c == ':' || c == '-'; break;
	case A_DASH: ok = c == '-'; break;
	case A_CPD: ok = c == ':' || c == '|' || c == '-'; break;
	default: ok = 0;
	}
	return ok && k < n;
}

static int before1_ok(int kind, char c)
{
	switch (kind) {
	case B_NL: return c == '\r' || c == '\n';
	case B_RBR: return c == ']';
	case B_ATEXT: return c == '+' || c == '-' || c == '.' || IS_WORD(c);
	case B_W: return c == 'W' || c == 'w';
	case B_PS: return c == 'p' || c == 's';
	default: return 0;
	}
}

/* Run one pattern over v[0..n) with JS global-regex semantics (leftmost,
 * non-overlapping); mark each hit in fl (bit0 hit, bit1 before, bit2
 * after; repeated hits AND the condition bits). With fl NULL, instead
 * turn the line ending of each hit into a space (inline code). */
/* Where the line endings of the value are, so the 17 at-break patterns
 * do not each rescan it. */
struct nlidx {
	uint32_t pos[32];
	int n;          /* -1: too many, scan instead */
};

static size_t next_nl(const struct nlidx *nl, const char *v, size_t n, size_t st)
{
	int i;

	if (nl->n < 0) {
		while (st < n && v[st] != '\n' && v[st] != '\r')
			st++;
		return st;
	}
	for (i = 0; i < nl->n; i++)
		if (nl->pos[i] >= st)
			return nl->pos[i];
	return n;
}

/* Positions marked unsafe, in discovery order (n = -1: too many, scan
 * the flags instead). */
struct marks {
	uint32_t pos[48];
	int n;
};

/* A pattern matches at c: flag it unsafe (bit 0), keeping "before" (bit 1)
 * and "after" (bit 2) only while every match there has them, and list the
 * position (n = -1 once more than 48). */
static void mark_unsafe(unsigned char *fl, struct marks *mk, size_t c, int hb, int ha)
{
	if (fl[c] & 1) {
		if (!hb)
			fl[c] &= (unsigned char)~2u;
		if (!ha)
			fl[c] &= (unsigned char)~4u;
	} else {
		fl[c] = (unsigned char)(1u | (hb ? 2u : 0u) | (ha ? 4u : 0u));
		if (mk->n >= 0 && mk->n < 48)
			mk->pos[mk->n++] = (uint32_t)c;
		else
			mk->n = -1;
	}
}

static void pattern_scan(const struct pattern *p, char *v, size_t n,
			 unsigned char *fl, const struct nlidx *nl, struct marks *mk)
{
	size_t pos = 0;
	int hb = p->atbreak || p->before != B_NONE, ha = p->after != A_NONE;

	while (pos < n) {
		size_t c, end, used;

		if (p->atbreak) {
			size_t st = pos, k;
			for (;;) {
				st = next_nl(nl, v, n, st);
				if (st >= n)
					return;
				k = st + 1;
				while (k < n && (v[k] == ' ' || v[k] == '\t'))
					k++;
				if (p->before == B_DIGITS) {
					size_t d = k;
					while (k < n && AW_IS_DIGIT(v[k]))
						k++;
					if (k == d) {
						st++;
						continue;
					}
				}
				if (k < n && v[k] == p->ch &&
				    after_ok(p->after, v, n, k + 1, &used))
					break;
				st++;
			}
			c = k;
			end = k + 1 + used;
			if (!fl) {
				v[st] = ' ';
				pos = end;
				continue;
			}
		} else if (p->before != B_NONE) {
			/* one character of context before */
			size_t k = pos + 1;
			for (;;) {
				const char *q = k < n ? memchr(v + k, p->ch, n - k) : NULL;
				if (!q)
					return;
				k = (size_t)(q - v);
				if (before1_ok(p->before, v[k - 1]) &&
				    after_ok(p->after, v, n, k + 1, &used))
					break;
				k++;
			}
			c = k;
			end = k + 1 + used;
		} else {
			size_t k = pos;
			for (;;) {
				const char *q = k < n ? memchr(v + k, p->ch, n - k) : NULL;
				if (!q)
					return;
				k = (size_t)(q - v);
				if (after_ok(p->after, v, n, k + 1, &used))
					break;
				k++;
			}
			c = k;
			end = k + 1 + used;
		}
		if (fl)
			mark_unsafe(fl, mk, c, hb, ha);
		pos = end;
	}
}

/* escapeBackslashes(v[a..e), after): double each backslash that precedes
 * ASCII punctuation (looking into `after` past the end). */
static void put_escbs(aw_buf *out, const char *v, size_t a, size_t e,
		      const char *after, size_t alen)
{
	size_t i = a, st = a;

	while (i < e) {
		const char *q = memchr(v + i, '\\', e - i);
		char nx;
		if (!q)
			break;
		i = (size_t)(q - v);
		nx = i + 1 < e ? v[i + 1] : (alen ? after[0] : 0);
		if (AW_IS_PUNCT(nx)) {
			aw_buf_put(out, v + st, i - st);
			aw_buf_putc(out, '\\');
			st = i;
		}
		i++;
	}
	aw_buf_put(out, v + st, e - st);
}


/* Derived from patterns[] (generated; regenerate every table below when
 * it changes): the patterns in scope whatever the stack, those of
 * mdast-util-gfm, those of each character group, those that are not at
 * break, and what each construct bit enables / disables, so the in-scope
 * set of a stack is a few ORs. */
#define U64(x) ((uint64_t)(x##ULL))
static const uint64_t pat_any = U64(0x000062a0b2fa8400);
static const uint64_t pat_gfm = U64(0x0000fc0401600028);
/* patterns of each character group 1..26 */
static const uint64_t pat_group[27] = {
	0,
	U64(0x0000000000000003),
	U64(0x000000000000000c),
	U64(0x0000000000000030),
	U64(0x00000000000000c0),
	U64(0x0000000000000100),
	U64(0x0000000000000200),
	U64(0x0000000000000c00),
	U64(0x0000000000001000),
	U64(0x0000000000006000),
	U64(0x0000000000018000),
	U64(0x0000000000060000),
	U64(0x0000000000080000),
	U64(0x0000000000700000),
	U64(0x0000000001800000),
	U64(0x000000000e000000),
	U64(0x0000000010000000),
	U64(0x0000000060000000),
	U64(0x0000000780000000),
	U64(0x0000000800000000),
	U64(0x0000001000000000),
	U64(0x0000006000000000),
	U64(0x0000018000000000),
	U64(0x0000060000000000),
	U64(0x0000080000000000),
	U64(0x0000300000000000),
	U64(0x0000c00000000000)
};

/* Patterns that are not at-break ones. */
static const uint64_t pat_nobreak = U64(0x00009d5f4d057bff);

/* Per character group: the patterns that make its bytes unsafe anywhere in
 * a value (not the at-break ones; none for space and tab, which only
 * matter next to a line ending), and bit 63 (always "in scope") for the
 * line endings and the backslash, which always take the slow path. */
static const uint64_t fast_grp[27] = {
	U64(0x0000000000000000),
	U64(0x0000000000000000),
	U64(0x800000000000000c),
	U64(0x8000000000000030),
	U64(0x0000000000000000),
	U64(0x0000000000000100),
	U64(0x0000000000000200),
	U64(0x0000000000000800),
	U64(0x0000000000001000),
	U64(0x0000000000006000),
	U64(0x0000000000010000),
	U64(0x0000000000040000),
	U64(0x0000000000000000),
	U64(0x0000000000000000),
	U64(0x0000000001000000),
	U64(0x000000000c000000),
	U64(0x0000000000000000),
	U64(0x0000000040000000),
	U64(0x0000000700000000),
	U64(0x8000000800000000),
	U64(0x0000001000000000),
	U64(0x0000004000000000),
	U64(0x0000010000000000),
	U64(0x0000040000000000),
	U64(0x0000080000000000),
	U64(0x0000100000000000),
	U64(0x0000800000000000)
};

/* The patterns each construct bit (C_*) enables / disables, OR-ed over
 * the bits of a mask four at a time (two for bits 8..9; generated): the
 * entries at 1, 2, 4, 8 are the single constructs' sets. */
static const uint64_t act_in0[16] = {
	U64(0x0000000000000000),
	U64(0x00001d4d050451c3),
	U64(0x0000001600000000),
	U64(0x00001d5f050451c3),
	U64(0x0000000000000000),
	U64(0x00001d4d050451c3),
	U64(0x0000001600000000),
	U64(0x00001d5f050451c3),
	U64(0x0000000000000000),
	U64(0x00001d4d050451c3),
	U64(0x0000001600000000),
	U64(0x00001d5f050451c3),
	U64(0x0000000000000000),
	U64(0x00001d4d050451c3),
	U64(0x0000001600000000),
	U64(0x00001d5f050451c3)
};
static const uint64_t act_in1[16] = {
	U64(0x0000000000000000),
	U64(0x0000000000000000),
	U64(0x0000000000012000),
	U64(0x0000000000012000),
	U64(0x0000000048000014),
	U64(0x0000000048000014),
	U64(0x0000000048012014),
	U64(0x0000000048012014),
	U64(0x0000000000000200),
	U64(0x0000000000000200),
	U64(0x0000000000012200),
	U64(0x0000000000012200),
	U64(0x0000000048000214),
	U64(0x0000000048000214),
	U64(0x0000000048012214),
	U64(0x0000000048012214)
};
static const uint64_t act_in2[4] = {
	U64(0x0000000000000000),
	U64(0x0000000000000814),
	U64(0x0000800000000028),
	U64(0x000080000000083c)
};
static const uint64_t act_out0[16] = {
	U64(0x0000000000000000),
	U64(0x0000000000000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000),
	U64(0x0000180001000000)
};
static const uint64_t act_out1[16] = {
	U64(0x0000000000000000),
	U64(0x00001d4105044100),
	U64(0x0000054104044100),
	U64(0x00001d4105044100),
	U64(0x0000054104044100),
	U64(0x00001d4105044100),
	U64(0x0000054104044100),
	U64(0x00001d4105044100),
	U64(0x0000054104044100),
	U64(0x00001d4105044100),
	U64(0x0000054104044100),
	U64(0x00001d4105044100),
	U64(0x0000054104044100),
	U64(0x00001d4105044100),
	U64(0x0000054104044100),
	U64(0x00001d4105044100)
};
static const uint64_t act_out2[4] = {
	U64(0x0000000000000000),
	U64(0x0000000000000000),
	U64(0x0000000000000000),
	U64(0x0000000000000000)
};

/* Patterns in scope for a construct set (C_* bits). */
static uint64_t active_set(unsigned mask)
{
	uint64_t a = (pat_any | act_in0[mask & 15] | act_in1[(mask >> 4) & 15] |
		      act_in2[(mask >> 8) & 3]) &
		     ~(act_out0[mask & 15] | act_out1[(mask >> 4) & 15] | act_out2[(mask >> 8) & 3]);

	return mask & C_NOGFM ? a & ~pat_gfm : a;
}

/* No pattern of `hit` (in-scope patterns of group g, that of in[j], none of
 * them at-break) matches at in[j]: each has a one-byte context before or
 * after that is not there. Bit 63 (line endings, backslash): no. */
static int no_match_at(const char *in, size_t n, size_t j, const char *bef, size_t blen,
		       const char *aft, size_t alen, uint64_t hit, unsigned g)
{
	unsigned k = pgrp[g];

	if (hit >> 63)
		return 0;
	for (hit >>= k; hit; k++, hit >>= 1) {
		const struct pattern *p = &patterns[k];
		size_t used;
		if (!(hit & 1u))
			continue;
		if (p->before != B_NONE &&
		    !(j ? before1_ok(p->before, in[j - 1]) : blen && before1_ok(p->before, bef[blen - 1])))
			continue;
		if (j + 1 < n ? after_ok(p->after, in, n, j + 1, &used)
			      : after_ok(p->after, aft, alen, 0, &used))
			return 0;
	}
	return 1;
}

/* Whether p[0..n) holds a line ending (eight bytes at a time). */
static int has_eol(const char *p, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t x, a, b;
		memcpy(&x, p + i, 8);
		a = x ^ U64(0x0a0a0a0a0a0a0a0a);
		b = x ^ U64(0x0d0d0d0d0d0d0d0d);
		if ((((a - U64(0x0101010101010101)) & ~a) | ((b - U64(0x0101010101010101)) & ~b)) &
		    U64(0x8080808080808080))
			return 1;
	}
	for (; i < n; i++)
		if (p[i] == '\n' || p[i] == '\r')
			return 1;
	return 0;
}

/* Whether the value in[0..n) (free of line endings) can only be printed
 * as is, given the in-scope patterns `act` of which none has its character
 * in the value but for at-break ones, space and tab: these need a line
 * ending next to them (the space and tab patterns), or one in `bef` followed
 * by [ \t]* and (digits and) their character: the first byte of the value
 * after its leading spaces and tabs. */
static int plain_value(const char *bef, size_t blen, const char *in, size_t n,
		       const char *aft, size_t alen, uint64_t act)
{
	size_t x = blen, j = 0;
	unsigned char c;

	if ((in[0] == ' ' || in[0] == '\t') && blen &&
	    (bef[blen - 1] == '\n' || bef[blen - 1] == '\r'))
		return 0;
	if ((in[n - 1] == ' ' || in[n - 1] == '\t') && alen &&
	    (aft[0] == '\n' || aft[0] == '\r'))
		return 0;
	if (!has_eol(bef, blen))
		return 1;
	while (x > 0 && bef[x - 1] != '\n' && bef[x - 1] != '\r')
		x--;
	if (x == 0)
		return 1;
	for (; x < blen; x++)
		if (bef[x] != ' ' && bef[x] != '\t' && !AW_IS_DIGIT(bef[x]))
			return 1;
	while (j < n && (in[j] == ' ' || in[j] == '\t'))
		j++;
	if (j == n)
		return 1;
	c = (unsigned char)in[j];
	return !AW_IS_DIGIT(c) && !(act & ~pat_nobreak & pat_group[pch[c]]);
}

/*
 * Every in-scope pattern over v[0..vn) in one pass, with JS global-regex
 * semantics per pattern (leftmost, non-overlapping: a match must start at
 * or after the end of that pattern's previous match). A match's start is
 * fixed by its character: the line ending for at-break patterns, the
 * previous byte for one-character "before" classes, itself otherwise.
 */
static void scan_all(unsigned mask, const char *v,
		     size_t vn, unsigned char *fl, struct marks *mk)
{
	uint32_t last[NPATTERNS];
	uint64_t act = active_set(mask);
	size_t i, nl = 0;
	int have_nl = 0, ws = 0, dig = 0, ndig = 0;

	memset(last, 0, sizeof last);
	mk->n = 0;
	for (i = 0; i < vn; i++) {
		unsigned char b = (unsigned char)v[i];
		unsigned g = pch[b];

		/* space and tab patterns all need a line ending next to them */
		if (g == 1 || g == 4) {
			unsigned char pb = i ? (unsigned char)v[i - 1] : 0;
			unsigned char nb = i + 1 < vn ? (unsigned char)v[i + 1] : 0;
			if (pb != '\n' && pb != '\r' && nb != '\n' && nb != '\r')
				g = 0;
		}
		if (g && (act & pat_group[g])) {
			unsigned k;
			for (k = pgrp[g]; k < pgrp[g + 1]; k++) {
				const struct pattern *p = &patterns[k];
				size_t start, used;
				int hb, ha;

				if (!(act & ((uint64_t)1 << k)))
					continue;
				if (p->atbreak) {
					/* newline, [\t ]*, (digits+), char */
					if (!have_nl || !(p->before == B_DIGITS ? (dig && ndig) : ws))
						continue;
					start = nl;
				} else if (p->before != B_NONE) {
					if (i == 0 || !before1_ok(p->before, v[i - 1]))
						continue;
					start = i - 1;
				} else {
					start = i;
				}
				if (start < last[k] ||
				    !after_ok(p->after, v, vn, i + 1, &used))
					continue;
				last[k] = (uint32_t)(i + 1 + used);
				hb = p->atbreak || p->before != B_NONE;
				ha = p->after != A_NONE;
				mark_unsafe(fl, mk, i, hb, ha);
			}
		}
		/* line-start state for the next byte */
		if (b == '\n' || b == '\r') {
			have_nl = 1;
			nl = i;
			ws = 1;
			dig = 0;
			ndig = 0;
		} else if (ws && (b == ' ' || b == '\t')) {
		} else if (ws && AW_IS_DIGIT(b)) {
			ws = 0;
			dig = 1;
			ndig = 1;
		} else if (dig && AW_IS_DIGIT(b)) {
			ndig++;
		} else {
			ws = 0;
			dig = 0;
		}
	}
}

/*
 * safe(): print `in` for the constructs in `mask`, given the text before
 * and after it. With out NULL only the first output byte is computed and
 * returned (the peek of containerPhrasing); returns 0 for empty output.
 */
static int safe(aw_inl_scratch *s, unsigned mask, const char *in, size_t n,
		const char *bef, size_t blen, const char *aft, size_t alen,
		aw_buf *out)
{
	char *v = s->sval;
	unsigned char *fl = s->sflag;
	size_t vn, i, st, end;
	unsigned k;
	struct marks mk;

	if (blen > 16) {
		bef += blen - 16;
		blen = 16;
	}
	if (n > AW_INL_TEXT_MAX || alen > 16) {
		too_big(s, "AW_INL_TEXT_MAX");
		return 0;
	}
	if (n) {
		/* fast paths: no byte of the value (the peek: its first byte)
		 * can be escaped */
		uint64_t act = active_set(mask), an = (act & pat_nobreak) | (uint64_t)1 << 63;
		const unsigned char *u = (const unsigned char *)in;
		size_t j;
		unsigned g;
		if (!out) {
			g = pch[u[0]];
			if (u[0] != ' ' && u[0] != '\t' && (!(an & fast_grp[g]) ||
			    no_match_at(in, n, 0, bef, blen, aft, alen, an & fast_grp[g], g)) &&
			    plain_value(bef, blen, in, 1, "", 0, act))
				return u[0];
		} else {
			for (j = 0; j < n; j++) {
				while (j + 8 <= n &&
				       !(an & (fast_grp[pch[u[j]]] | fast_grp[pch[u[j + 1]]] |
					       fast_grp[pch[u[j + 2]]] | fast_grp[pch[u[j + 3]]] |
					       fast_grp[pch[u[j + 4]]] | fast_grp[pch[u[j + 5]]] |
					       fast_grp[pch[u[j + 6]]] | fast_grp[pch[u[j + 7]]])))
					j += 8;
				if (j >= n)
					break;
				g = pch[u[j]];
				if ((an & fast_grp[g]) &&
				    !no_match_at(in, n, j, bef, blen, aft, alen, an & fast_grp[g], g))
					break;
			}
			if (j == n && plain_value(bef, blen, in, n, aft, alen, act)) {
				aw_buf_put(out, in, n);
				return 0;
			}
		}
	}
	memcpy(v, bef, blen);
	memcpy(v + blen, in, n);
	memcpy(v + blen + n, aft, alen);
	vn = blen + n + alen;
	memset(fl, 0, vn);
	/* which pattern characters occur at all, and where lines end */
	scan_all(mask, v, vn, fl, &mk);
	st = blen;
	end = blen + n;
	k = 0;
	i = blen;
	for (;; i++) {
		/* next unsafe position inside the value */
		if (mk.n >= 0) {
			while ((int)k < mk.n && mk.pos[k] < blen)
				k++;
			if ((int)k >= mk.n || mk.pos[k] >= end)
				break;
			i = mk.pos[k++];
		} else {
			while (i < end && !(fl[i] & 1))
				i++;
			if (i >= end)
				break;
		}
		if ((i + 1 < end && (fl[i + 1] & 1) && (fl[i] & 4) && !(fl[i + 1] & 6)) ||
		    (i > 0 && (fl[i - 1] & 1) && (fl[i] & 2) && !(fl[i - 1] & 6)))
			continue;
		if (!out)
			return st != i ? (unsigned char)v[st] : AW_IS_PUNCT(v[i]) ? '\\' : '&';
		if (st != i)
			put_escbs(out, v, st, i, "\\", 1);
		st = i;
		if (AW_IS_PUNCT(v[i])) {
			aw_buf_putc(out, '\\');
		} else {
			static const char hex[] = "0123456789ABCDEF";
			unsigned char c = (unsigned char)v[i];
			aw_buf_put(out, "&#x", 3);
			if (c >= 16)
				aw_buf_putc(out, hex[c >> 4]);
			aw_buf_putc(out, hex[c & 15]);
			aw_buf_putc(out, ';');
			st++;
		}
	}
	if (!out)
		return st < end ? (unsigned char)v[st] : 0;
	put_escbs(out, v, st, end, aft, alen);
	return 0;
}

/* ---- node handlers ----------------------------------------------------- */

static int has_nl_unsafe(unsigned mask)
{
	return (mask & (C_DESTLIT | C_HEADING | C_CELL)) != 0;
}

/* formatLinkAsAutolink */
static int link_is_autolink(aw_inl_scratch *s, int32_t l)
{
	struct aw_inl_node *n = &s->node[l];
	struct aw_inl_node *t;
	const char *u = s->text + n->a;
	size_t i;

	if (!n->alen || (n->flags & NF_TITLE) || n->first == NONE ||
	    n->first != n->last || s->node[n->first].type != N_TEXT)
		return 0;
	t = &s->node[n->first];
	if (!((t->alen == n->alen && memcmp(s->text + t->a, u, n->alen) == 0) ||
	      (n->alen == t->alen + 7 && memcmp(u, "mailto:", 7) == 0 &&
	       memcmp(u + 7, s->text + t->a, t->alen) == 0)))
		return 0;
	if (!AW_IS_ALPHA(u[0]))
		return 0;
	for (i = 1; i < n->alen; i++)
		if (!(AW_IS_ALPHA(u[i]) || u[i] == '+' || u[i] == '.' || u[i] == '-'))
			break;
	if (i < 2 || i >= n->alen || u[i] != ':')
		return 0;
	for (i = 0; i < n->alen; i++) {
		unsigned char c = (unsigned char)u[i];
		if (c <= 0x20 || c == '<' || c == '>' || c == 0x7F)
			return 0;
	}
	return 1;
}

static void put_code(aw_inl_scratch *s, unsigned mask, const char *val,
		     size_t n, aw_buf *out)
{
	char *v = s->sval;
	size_t seq = 1, i, vn;
	int pad = 0, nonsp = 0;
	unsigned k;
	struct nlidx nl;

	/* shortest backtick run length not present as an exact run */
	for (;;) {
		int hit = 0;
		for (i = 0; i < n && !hit; ) {
			size_t r = 0;
			while (i + r < n && val[i + r] == '`')
				r++;
			if (r == seq)
				hit = 1;
			i += r ? r : 1;
		}
		if (!hit)
			break;
		seq++;
	}
	for (i = 0; i < n; i++)
		if (val[i] != ' ' && val[i] != '\r' && val[i] != '\n')
			nonsp = 1;
	if (nonsp && n && (((val[0] == ' ' || val[0] == '\r' || val[0] == '\n') &&
			    (val[n - 1] == ' ' || val[n - 1] == '\r' || val[n - 1] == '\n')) ||
			   val[0] == '`' || val[n - 1] == '`'))
		pad = 1;
	if (n + 2 > AW_INL_TEXT_MAX) {
		too_big(s, "AW_INL_TEXT_MAX");
		return;
	}
	vn = 0;
	if (pad)
		v[vn++] = ' ';
	memcpy(v + vn, val, n);
	vn += n;
	if (pad)
		v[vn++] = ' ';
	nl.n = -1;
	if (memchr(v, '\n', vn) || memchr(v, '\r', vn))
		for (k = 0; k < NPATTERNS; k++)
			if (patterns[k].atbreak && !(patterns[k].gfm && (mask & C_NOGFM)))
				pattern_scan(&patterns[k], v, vn, NULL, &nl, NULL);
	for (i = 0; i < seq; i++)
		aw_buf_putc(out, '`');
	if (mask & C_CELL) {
		size_t st = 0;
		for (i = 0; i < vn; i++)
			if (v[i] == '|') {
				aw_buf_put(out, v + st, i - st);
				aw_buf_putc(out, '\\');
				st = i;
			}
		aw_buf_put(out, v + st, vn - st);
	} else {
		aw_buf_put(out, v, vn);
	}
	for (i = 0; i < seq; i++)
		aw_buf_putc(out, '`');
}

/* First output byte of node x (containerPhrasing's peek), 0 = none. */
static int peek(aw_inl_scratch *s, int32_t x, unsigned mask)
{
	struct aw_inl_node *n = &s->node[x];

	switch (n->type) {
	case N_TEXT: {
		/* only the first byte is needed: without a line ending near
		 * the start, no match reaching bytes 0..1 spans 16 bytes */
		size_t l = n->alen;
		const char *t = s->text + n->a;
		if (l > 16 && !memchr(t, '\n', 16) && !memchr(t, '\r', 16))
			l = 16;
		return safe(s, mask, t, l, "", 0, "", 0, NULL);
	}
	case N_CODE: return '`';
	case N_HTML: return '<';
	case N_BREAK: return has_nl_unsafe(mask) ? ' ' : '\\';
	case N_EMPH: case N_STRONG: return '*';
	case N_DEL: return '~';
	case N_LINK: return link_is_autolink(s, x) ? '<' : '[';
	case N_IMAGE: return '!';
	default: return 0;
	}
}

/* Tail of what was printed since `from` (at most 16 bytes), as context. */
static void tail_ctx(aw_buf *out, size_t from, const char **p, size_t *n)
{
	size_t a = out->len > from + 16 ? out->len - 16 : from;

	*p = out->p + a;
	*n = out->len - a;
}

/* destination and title of a link or image, then ')' */
static void put_dest(aw_inl_scratch *s, unsigned mask, struct aw_inl_node *n,
		     size_t start, aw_buf *out)
{
	const char *u = s->text + n->a, *bp;
	size_t i, bn;
	int lit = 0, title = (n->flags & NF_TITLE) != 0;

	for (i = 0; i + 8 <= n->alen && !lit; i += 8) {
		/* eight bytes at once: any below 0x21, or 0x7F */
		uint64_t x, y;
		memcpy(&x, u + i, 8);
		y = x ^ U64(0x7f7f7f7f7f7f7f7f);
		lit = ((((x - U64(0x2121212121212121)) & ~x) |
			((y - U64(0x0101010101010101)) & ~y)) & U64(0x8080808080808080)) != 0;
	}
	for (; i < n->alen && !lit; i++) {
		unsigned char c = (unsigned char)u[i];
		if (c <= 0x20 || c == 0x7F)
			lit = 1;
	}
	if (!n->alen && title)
		lit = 1;
	if (lit) {
		aw_buf_putc(out, '<');
		tail_ctx(out, start, &bp, &bn);
		safe(s, mask | C_DESTLIT, u, n->alen, bp, bn, ">", 1, out);
		aw_buf_putc(out, '>');
	} else {
		tail_ctx(out, start, &bp, &bn);
		safe(s, mask | C_DESTRAW, u, n->alen, bp, bn, title ? " " : ")", 1, out);
	}
	if (title) {
		aw_buf_put(out, " \"", 2);
		tail_ctx(out, start, &bp, &bn);
		safe(s, mask | C_TITLEQ, s->text + n->b, n->blen, bp, bn, "\"", 1, out);
		aw_buf_putc(out, '"');
	}
	aw_buf_putc(out, ')');
}

static void put_image(aw_inl_scratch *s, unsigned mask, struct aw_inl_node *n,
		      aw_buf *out)
{
	size_t start = out->len;

	aw_buf_put(out, "![", 2);
	safe(s, mask | C_IMAGE | C_LABEL, s->text + n->c, n->clen, "![", 2, "]", 1, out);
	aw_buf_put(out, "](", 2);
	put_dest(s, mask | C_IMAGE, n, start, out);
}

int aw_inl_rewrite_html(const aw_inl_env *env, const char *html, size_t len,
			   aw_buf *out);

/*
 * containerPhrasing over the children of `root` (iteratively), with the
 * construct set `mask` and the context strings of the container.
 */
static void serialize(aw_inl_scratch *s, int32_t root, unsigned mask,
		      const char *bef, size_t blen, const char *aft, size_t alen,
		      int rewrite_html, aw_buf *out)
{
	struct aw_inl_frame *fr = s->frame;
	int sp = 0;
	const int maxf = AW_INL_DEPTH_MAX;

	fr[0].node = root;
	fr[0].cur = root >= 0 ? s->node[root].first : NONE;
	fr[0].mask = mask;
	fr[0].bef = bef; fr[0].blen = (uint8_t)blen;
	fr[0].aft = aft; fr[0].alen = (uint8_t)alen;
	fr[0].autolink = 0;
	fr[0].prev_start = out->len;
	fr[0].start = out->len;
	while (sp >= 0 && !s->err) {
		struct aw_inl_frame *f = &fr[sp];
		int32_t x = f->cur;
		struct aw_inl_node *n;
		char bch = 0, ach = 0;
		const char *bp, *ap;
		size_t bn, an;

		if (x == NONE) {
			/* close the container */
			struct aw_inl_node *c = &s->node[f->node];
			unsigned m = f->mask;
			size_t st = f->start;
			int al = f->autolink;
			sp--;
			if (sp < 0)
				break;
			switch (c->type) {
			case N_EMPH: aw_buf_putc(out, '*'); break;
			case N_STRONG: aw_buf_put(out, "**", 2); break;
			case N_DEL: aw_buf_put(out, "~~", 2); break;
			case N_LINK:
				if (al) {
					aw_buf_putc(out, '>');
				} else {
					aw_buf_put(out, "](", 2);
					put_dest(s, m & ~C_LABEL, c, st, out);
				}
				break;
			default: break;
			}
			continue;
		}
		n = &s->node[x];
		f->cur = n->next;
		/* before: the container's for the first child, else the last
		 * byte printed by the previous sibling */
		if (x == s->node[f->node].first) {
			bp = f->bef;
			bn = f->blen;
		} else {
			bn = out->len > f->prev_start ? 1 : 0;
			bch = bn ? out->p[out->len - 1] : 0;
			bp = &bch;
			if (n->type == N_HTML && (bch == '\n' || bch == '\r')) {
				out->p[out->len - 1] = ' ';
				bch = ' ';
			}
		}
		if (n->next != NONE) {
			int c = peek(s, n->next, f->mask);
			ach = (char)c;
			ap = &ach;
			an = c ? 1 : 0;
		} else {
			ap = f->aft;
			an = f->alen;
		}
		f->prev_start = out->len;
		switch (n->type) {
		case N_TEXT:
			safe(s, f->mask, s->text + n->a, n->alen, bp, bn, ap, an, out);
			break;
		case N_CODE:
			put_code(s, f->mask, s->text + n->a, n->alen, out);
			break;
		case N_HTML:
			if (rewrite_html)
				aw_inl_rewrite_html(s->env, s->text + n->a, n->alen, out);
			else
				aw_buf_put(out, s->text + n->a, n->alen);
			break;
		case N_BREAK:
			if (!has_nl_unsafe(f->mask))
				aw_buf_put(out, "\\\n", 2);
			else if (!(bn && (bp[bn - 1] == ' ' || bp[bn - 1] == '\t')))
				aw_buf_putc(out, ' ');
			break;
		case N_IMAGE:
			put_image(s, f->mask, n, out);
			break;
		default: {
			struct aw_inl_frame *g;
			unsigned m = f->mask;
			int al = 0;
			const char *cb, *ca;
			size_t start = out->len;

			if (sp + 1 >= maxf) {
				too_big(s, "AW_INL_DEPTH_MAX");
				return;
			}
			switch (n->type) {
			case N_EMPH: cb = "*"; ca = "*"; break;
			case N_STRONG: cb = "**"; ca = "*"; break;
			case N_DEL: cb = "~~"; ca = "~"; break;
			default:
				if (link_is_autolink(s, x)) {
					al = 1;
					m = C_AUTOLINK | (m & C_NOGFM);
					cb = "<";
					ca = ">";
				} else {
					m |= C_LINK | C_LABEL;
					cb = "[";
					ca = "](";
				}
			}
			aw_buf_puts(out, cb);
			g = &fr[++sp];
			g->node = x;
			g->cur = n->first;
			g->mask = m;
			g->bef = cb;
			g->blen = (uint8_t)strlen(cb);
			g->aft = ca;
			g->alen = (uint8_t)strlen(ca);
			g->autolink = (uint8_t)al;
			g->prev_start = out->len;
			g->start = start;
		}
		}
	}
}

/* ---- rewriting (5.1) and star badges (5.2) ----------------------------- */

static int has_prefix(const char *u, size_t n, const char *p)
{
	size_t l = strlen(p);

	return n >= l && memcmp(u, p, l) == 0;
}

static const char *find_str(const char *u, size_t n, const char *p)
{
	size_t l = strlen(p), i;

	for (i = 0; i + l <= n; i++)
		if (u[i] == p[0] && memcmp(u + i, p, l) == 0)
			return u + i;
	return NULL;
}

/* Host of an absolute http(s) URL (lowercase compare with "github.com");
 * sets the path span [*ps, *pe). */
static int github_host(const char *u, size_t n, size_t *ps, size_t *pe)
{
	size_t i, h, he, at, colon;

	if (has_prefix(u, n, "https:"))
		i = 6;
	else if (has_prefix(u, n, "http:"))
		i = 5;
	else
		return 0;
	while (i < n && (u[i] == '/' || u[i] == '\\'))
		i++;
	h = i;
	while (i < n && u[i] != '/' && u[i] != '\\' && u[i] != '?' && u[i] != '#')
		i++;
	he = i;
	at = h;
	for (i = h; i < he; i++)
		if (u[i] == '@')
			at = i + 1;
	colon = he;
	for (i = at; i < he; i++)
		if (u[i] == ':') {
			colon = i;
			break;
		}
	if (colon - at != 10 || !ci_eq(u + at, "github.com", 10))
		return 0;
	*ps = he;
	i = he;
	while (i < n && u[i] != '?' && u[i] != '#')
		i++;
	*pe = i;
	return 1;
}

/* URL of an image, relative -> raw, github blob -> raw; into the pool. */
static void image_url(const aw_inl_env *e, const char *u, size_t n, aw_buf *o)
{
	size_t ps, pe;

	if (!has_prefix(u, n, "http")) {
		size_t at = o->len;
		char *w, *b;

		aw_buf_put(o, e->repo_url, e->repo_url_len);
		aw_buf_put(o, "/raw/", 5);
		aw_buf_put(o, e->branch, e->branch_len);
		if (!(n && u[0] == '/'))
			aw_buf_putc(o, '/');
		aw_buf_put(o, u, n);
		/* the reference resolves first, then turns the first "/blob/"
		 * of the whole github.com URL into "/raw/" (spec 5.1):
		 * "blob/x.png" -> <repo>/raw/<branch>/raw/x.png */
		if (o->truncated)
			return;
		w = o->p + at;
		if (!github_host(w, o->len - at, &ps, &pe))
			return;
		b = (char *)find_str(w, o->len - at, "/blob/");
		if (b) {
			memmove(b + 5, b + 6, (size_t)(o->p + o->len - (b + 6)));
			memcpy(b, "/raw/", 5);
			o->len--;
		}
		return;
	}
	if (github_host(u, n, &ps, &pe)) {
		const char *b = find_str(u, n, "/blob/");
		if (b) {
			size_t k = (size_t)(b - u);
			aw_buf_put(o, u, k);
			aw_buf_put(o, "/raw/", 5);
			aw_buf_put(o, u + k + 6, n - k - 6);
			return;
		}
	}
	aw_buf_put(o, u, n);
}

static void link_url(const aw_inl_env *e, const char *u, size_t n, aw_buf *o)
{
	/* the reference keeps http: / https: links before it looks for
	 * "://" (case-sensitive prefixes, as String.startsWith) */
	if ((n && u[0] == '#') || has_prefix(u, n, "http:") ||
	    has_prefix(u, n, "https:") || find_str(u, n, "://")) {
		aw_buf_put(o, u, n);
		return;
	}
	aw_buf_put(o, e->repo_url, e->repo_url_len);
	aw_buf_put(o, "/blob/", 6);
	aw_buf_put(o, e->branch, e->branch_len);
	if (n && u[0] == '/') {
		aw_buf_put(o, u, n);
	} else if (!e->fix_relative) {
		aw_buf_putc(o, '/');
		aw_buf_put(o, e->file_path, e->file_path_len);
		aw_buf_putc(o, '/');
		aw_buf_put(o, u, n);
	} else {
		/* resolve against the file's directory */
		size_t dl = e->file_path_len;
		while (dl > 0 && e->file_path[dl - 1] != '/')
			dl--;
		for (;;) {
			if (has_prefix(u, n, "./")) {
				u += 2; n -= 2;
			} else if (has_prefix(u, n, "../")) {
				u += 3; n -= 3;
				if (dl > 0)
					dl--;
				while (dl > 0 && e->file_path[dl - 1] != '/')
					dl--;
			} else {
				break;
			}
		}
		aw_buf_putc(o, '/');
		aw_buf_put(o, e->file_path, dl);
		aw_buf_put(o, u, n);
	}
}

int aw_inl_rewrite_html(const aw_inl_env *env, const char *html, size_t len,
			   aw_buf *out)
{
	size_t i = 0;

	if (!env || !env->repo_url || !find_str(html, len, "<img"))
		return aw_buf_put(out, html, len);
	for (;;) {
		const char *q = find_str(html + i, len - i, "src=\"");
		const char *e;
		size_t a;

		if (!q)
			break;
		a = (size_t)(q - html) + 5;
		e = memchr(html + a, '"', len - a);
		if (!e)
			break;
		aw_buf_put(out, html + i, a - i);
		if (e > html + a)  /* src="" is left alone */
			image_url(env, html + a, (size_t)(e - html) - a, out);
		i = (size_t)(e - html);
	}
	aw_buf_put(out, html + i, len - i);
	return out->truncated ? AW_ERR_FULL : AW_OK;
}

static const char *const badge_skip[] = {
	"marketplace", "help", "blog", "about", "explore", "topics", "issues",
	"pulls", "notifications", "settings", "new", "organizations",
	"repositories", "packages", "people", "dashboard", "projects", "stars",
	"gists", "security", "pricing", "customer-stories", "nonprofit",
	"education", "enterprise", "login", "join", "watching", "integrations",
	"features"
};

/* Percent-encode with the WHATWG path percent-encode set into the pool. */
static void pct_put(aw_inl_scratch *s, const char *p, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c <= 0x20 || c >= 0x7F || c == '"' || c == '#' || c == '<' ||
		    c == '>' || c == '?' || c == '`' || c == '{' || c == '}') {
			char b[3];
			b[0] = '%';
			b[1] = hex[c >> 4];
			b[2] = hex[c & 15];
			pool_put(s, b, 3);
		} else {
			pool_put(s, p + i, 1);
		}
	}
}

static void badge(aw_inl_scratch *s, int32_t l)
{
	struct aw_inl_node *n = &s->node[l];
	const aw_inl_env *e = s->env;
	const char *u = s->text + n->a, *txt = NULL;
	size_t ps, pe, o, oe, r, re, tl = 0, k;
	int32_t t;
	uint32_t off, ob, rb;

	if (n->first == NONE || s->node[n->first].type != N_TEXT ||
	    has_prefix(s->text + s->node[n->first].a, s->node[n->first].alen, "false"))
		return;
	if (!github_host(u, n->alen, &ps, &pe))
		return;
	/* pathname segments 1 and 2 as WHATWG URL prints them: '\\' is a
	 * separator, the path percent-encode set is escaped */
	o = ps + 1;
	oe = o;
	while (oe < pe && u[oe] != '/' && u[oe] != '\\')
		oe++;
	r = oe + 1;
	re = r;
	while (re < pe && u[re] != '/' && u[re] != '\\')
		re++;
	if (ps >= pe || oe == o || r >= pe || re == r)
		return;
	ob = s->tlen;
	pct_put(s, u + o, oe - o);
	rb = s->tlen;
	pct_put(s, u + r, re - r);
	if (s->err)
		return;
	for (k = 0; k < sizeof badge_skip / sizeof badge_skip[0]; k++)
		if (strlen(badge_skip[k]) == rb - ob &&
		    memcmp(badge_skip[k], s->text + ob, rb - ob) == 0)
			return;
	if (!e->stars(e->stars_user, s->text + ob, rb - ob, s->text + rb,
		      s->tlen - rb, &txt, &tl))
		return;
	t = node_new(s, N_TEXT);
	if (t == NONE)
		return;
	off = pool_put(s, " (\xE2\xAD\x90", 5);
	pool_put(s, txt, tl);
	pool_put(s, ")", 1);
	s->node[t].a = off;
	s->node[t].alen = s->tlen - off;
	node_append(s, l, t);
}

/* Badges first, decided on the URLs as written (only http(s) links can
 * get one; relative links are not badged once made absolute), then every
 * link / image URL rewritten in place. */
static void rewrite(aw_inl_scratch *s)
{
	const aw_inl_env *e = s->env;
	uint32_t i, nn = s->nnode;

	if (e->stars)
		for (i = 1; i < nn && !s->err; i++)
			if (!(s->node[i].flags & NF_DEAD) && s->node[i].type == N_LINK)
				badge(s, (int32_t)i);
	for (i = 1; i < nn && !s->err; i++) {
		struct aw_inl_node *n = &s->node[i];
		aw_buf b;
		size_t room;

		if ((n->flags & NF_DEAD) || (n->type != N_LINK && n->type != N_IMAGE))
			continue;
		room = AW_INL_TEXT_MAX - s->tlen;
		aw_buf_init(&b, s->text + s->tlen, room);
		if (n->type == N_LINK)
			link_url(e, s->text + n->a, n->alen, &b);
		else
			image_url(e, s->text + n->a, n->alen, &b);
		if (b.truncated) {
			too_big(s, "AW_INL_TEXT_MAX");
			return;
		}
		n->a = s->tlen;
		n->alen = (uint32_t)b.len;
		s->tlen += (uint32_t)b.len;
	}
}

/* ---- heading text: drop html and '#' links (unist-util-remove 3.1.1,
 * cascade). Quirk kept: when everything would go, remove() returns null
 * without touching the heading, so nothing is removed at all. ------- */

#define NF_GONE 8u

static int strip_test(aw_inl_scratch *s, struct aw_inl_node *n)
{
	return n->type == N_HTML ||
	       (n->type == N_LINK && n->alen && s->text[n->a] == '#');
}

static void strip_heading(aw_inl_scratch *s)
{
	uint32_t i, k;
	int32_t x;

	/* pass 1: which nodes go; children are decided before parents
	 * (every container is created after its content, the root last) */
	for (k = 0; k < s->nnode; k++) {
		struct aw_inl_node *c;
		int had, kept = 0;

		i = k + 1 < s->nnode ? k + 1 : 0;
		c = &s->node[i];
		if ((c->flags & NF_DEAD) || !(c->type == N_ROOT ||
		    (c->type >= N_EMPH && c->type <= N_LINK)))
			continue;
		had = c->first != NONE;
		for (x = c->first; x != NONE; x = s->node[x].next) {
			struct aw_inl_node *n = &s->node[x];
			if (strip_test(s, n))
				n->flags |= NF_GONE;
			if (!(n->flags & NF_GONE))
				kept = 1;
		}
		if (had && !kept)
			c->flags |= NF_GONE;
	}
	if (s->node[0].flags & NF_GONE) {
		for (i = 0; i < s->nnode; i++)
			s->node[i].flags &= (uint8_t)~NF_GONE;
		return;
	}
	/* pass 2: unlink */
	for (i = 0; i < s->nnode; i++) {
		struct aw_inl_node *c = &s->node[i];
		if ((c->flags & (NF_DEAD | NF_GONE)) || !(c->type == N_ROOT ||
		    (c->type >= N_EMPH && c->type <= N_LINK)))
			continue;
		x = c->first;
		while (x != NONE) {
			int32_t nx = s->node[x].next;
			if (s->node[x].flags & NF_GONE) {
				node_unlink(s, (int32_t)i, x);
				s->node[x].flags |= NF_DEAD;
			}
			x = nx;
		}
	}
}

/* ---- entry points ------------------------------------------------------ */

static int root_is_flow(aw_inl_scratch *s)
{
	int32_t x;

	for (x = s->node[0].first; x != NONE; x = s->node[x].next)
		if (s->node[x].type != N_HTML)
			return 0;
	return 1;
}

/* ---- parse-only fast path ---------------------------------------------- */

/*
 * Most list items are `[text](url)` followed by plain prose. When nothing
 * in them can make a second link, strikethrough, an escape in the
 * identifier or an overflow of the scratch tables, the full parse would
 * find exactly one link whose standalone serialization is the source
 * bytes themselves. Byte classes (conservative; anything else takes the
 * full path):
 *   FT  allowed in the link text: no emphasis, code, brackets, entities,
 *       escapes, autolink literals (':', '@', "w.") or '!' / '"' / '|'
 *   FD  allowed in a raw destination: printable ASCII but parentheses,
 *       angle brackets, quotes, backslash, '&', '`' and brackets
 *   FB  in the rest: may start a link, autolink, entity, escape or
 *       strikethrough (or is a stray control byte): give up (but an '&'
 *       before neither an alphanumeric nor '#' is plain, as in the text)
 *   FN  in the rest: may make nodes (code, emphasis, line breaks): counted
 *   FC  in the rest: ':' ("//" after it starts a URL) and '.' ("w." may
 *       be "www."): checked with their neighbours
 */
#define FT 1u
#define FD 2u
#define FB 4u
#define FN 8u
#define FC 16u
static const unsigned char fast_cls[256] = {
	 4,  4,  4,  4,  4,  4,  4,  4,  4,  0,  8,  4,  4,  4,  4,  4,
	 4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,
	 1,  2,  0,  3,  3,  3,  4,  1,  1,  1, 10,  3,  3,  3, 19,  3,
	 3,  3,  3,  3,  3,  3,  3,  3,  3,  3, 18,  3,  4,  3,  1,  3,
	 6,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
	 3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  4,  4,  0,  3, 10,
	 8,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
	 3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  2,  3,  6,  4,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
	 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
};

/* Node-making bytes allowed in the rest: with at most this many, the
 * tree stays far inside every scratch table (nodes, delimiters, walk
 * depth: emphasis nests at most FAST_NMAX / 2 deep). */
#define FAST_NMAX 16
#if AW_INL_NODES_MAX >= 8 + 4 * FAST_NMAX && AW_INL_DELIMS_MAX > FAST_NMAX && \
	AW_INL_DEPTH_MAX >= FAST_NMAX / 2 + 4 && AW_INL_TEXT_MAX >= 256
#define FAST_OK 1
#else
#define FAST_OK 0
#endif

/* AND (FT, FD) or OR (FB | FN | FC) of the classes of u[i..i+8) */
#define CLS8(u, i, op) (fast_cls[(u)[i]] op fast_cls[(u)[(i) + 1]] op fast_cls[(u)[(i) + 2]] op \
			fast_cls[(u)[(i) + 3]] op fast_cls[(u)[(i) + 4]] op fast_cls[(u)[(i) + 5]] op \
			fast_cls[(u)[(i) + 6]] op fast_cls[(u)[(i) + 7]])

/* u[i] is an '&' that cannot start a character reference */
#define FAST_AMP(u, len, i) ((i) + 1 < (len) && (u)[i] == '&' && !AW_IS_ALNUM((u)[(i) + 1]) && \
			     (u)[(i) + 1] != '#')

/* A plain inline link `[text](dest)` at u[i] ('['): returns the offset
 * just after its ')' and the offset of dest in *dest, or 0. */
static size_t fast_link(const unsigned char *u, size_t len, size_t i, size_t *dest)
{
	size_t t, d, a = i + 1;

	for (i = a;;) {
		for (; i + 8 <= len && (CLS8(u, i, &) & FT); i += 8)
			;
		for (; i < len && (fast_cls[u[i]] & FT); i++)
			;
		if (!FAST_AMP(u, len, i))
			break;
		i++;
	}
	t = i;
	if (t == a || t + 2 >= len || u[t] != ']' || u[t + 1] != '(')
		return 0;
	/* "www." would be escaped (and is an autolink literal) */
	for (i = a; i < t; i++) {
		const unsigned char *q = memchr(u + i, '.', t - i);
		if (!q)
			break;
		i = (size_t)(q - u);
		if (i > a && (u[i - 1] | 0x20) == 'w')
			return 0;
	}
	for (i = t + 2; i + 8 <= len && (CLS8(u, i, &) & FD); i += 8)
		;
	for (; i < len && (fast_cls[u[i]] & FD); i++)
		;
	d = i;
	if (d == t + 2 || d >= len || u[d] != ')')
		return 0;
	*dest = t + 2;
	return d + 1;
}

/* 1 = done (stats and first_link updated as the full parse would), 0 = take
 * the full path (nothing was changed). The rest may hold more plain links
 * (counted), but then no backtick (a code span could swallow them). */
static int fast_item(const char *src, size_t len, aw_buf *first_link, aw_inl_stats *st)
{
	const unsigned char *u = (const unsigned char *)src;
	size_t i, e, d, end;
	unsigned nn = 0, nbt = 0, nhash = 0, nother = 0, nl2 = 0;

	if (!FAST_OK || len < 4 || len > AW_INL_TEXT_MAX / 2 || src[0] != '[' ||
	    (first_link && first_link->truncated))
		return 0;
	end = fast_link(u, len, 0, &d);
	if (!end)
		return 0;
	if (u[d] == '#')
		nhash++;
	else
		nother++;
	/* the rest: eight bytes at a time while none is interesting */
	i = end;
	while (i < len) {
		if (i + 8 <= len && !(CLS8(u, i, |) & (FB | FN | FC))) {
			i += 8;
			continue;
		}
		for (e = i + 8 < len ? i + 8 : len; i < e; i++) {
			unsigned c = fast_cls[u[i]];
			if (!(c & (FB | FN | FC)))
				continue;
			if (u[i] == '[' && u[i - 1] != '!') {
				size_t dd, ee = fast_link(u, len, i, &dd);
				if (!ee)
					return 0;
				if (u[dd] == '#')
					nhash++;
				else
					nother++;
				nl2++;
				nn += 2;  /* link and its text, one level deeper */
				if (nn > FAST_NMAX)
					return 0;
				i = ee - 1;
				e = i + 1;  /* back to the 8-byte loop */
			} else if (c & FB) {
				if (!FAST_AMP(u, len, i))
					return 0;
			} else if (c & FN) {
				nbt += u[i] == '`';
				if (++nn > FAST_NMAX)
					return 0;
			} else if (u[i] == ':') {
				if (i + 1 < len && u[i + 1] == '/')
					return 0;
			} else if ((u[i - 1] | 0x20) == 'w') {
				return 0;
			}
		}
	}
	if (nl2 && nbt)
		return 0;
	if (first_link && !st->first_link_found) {
		if (first_link->cap - first_link->len < end)
			return 0;  /* the full path reports the truncation */
		aw_buf_put(first_link, src, end);
		st->first_link_found = 1;
	}
	st->links_hash += nhash;
	st->links_other += nother;
	return 1;
}

/*
 * The tree of `[text](dest) rest` when the rest is plain text (no link,
 * code, emphasis, line ending or anything fast_item gives up on): what
 * parse_inlines + merge_text + transform_autolinks would leave, down to
 * the node numbering and the pool use (the dead "[" node, the bytes of
 * "[", text, dest and rest), so that everything after the parse (rewrite,
 * badges, the printer and their limits) sees the same. 1 = built (on an
 * empty root), 0 = nothing done.
 */
static int fast_tree(aw_inl_scratch *s)
{
	const unsigned char *u = (const unsigned char *)s->src;
	size_t len = s->len, i, e, d, end;
	int32_t ob, t, ln, r;

	if (!FAST_OK || len < 4 || len > AW_INL_TEXT_MAX / 2 || u[0] != '[')
		return 0;
	end = fast_link(u, len, 0, &d);
	if (!end)
		return 0;
	for (i = end; i < len; i++) {
		for (e = i + 8; e <= len && !(CLS8(u, i, |) & (FB | FN | FC)); e += 8)
			i += 8;
		if (i >= len)
			break;
		switch (fast_cls[u[i]] & (FB | FN | FC)) {
		case 0:
			continue;
		case FC:
			if (u[i] == ':' ? i + 1 < len && u[i + 1] == '/' : (u[i - 1] | 0x20) == 'w')
				return 0;
			continue;
		default:
			if (!FAST_AMP(u, len, i))
				return 0;
		}
	}
	ob = node_new(s, N_TEXT);
	t = node_new(s, N_TEXT);
	ln = node_new(s, N_LINK);
	r = end < len ? node_new(s, N_TEXT) : 0;
	if (r == NONE || ln == NONE || t == NONE || ob == NONE)
		return 0;  /* cannot happen: FAST_OK */
	s->node[ob].a = pool_put(s, s->src, 1);
	s->node[ob].alen = 1;
	s->node[ob].flags = NF_DEAD;
	s->node[t].a = pool_put(s, s->src + 1, d - 3);
	s->node[t].alen = (uint32_t)(d - 3);
	s->node[ln].a = pool_put(s, s->src + d, end - 1 - d);
	s->node[ln].alen = (uint32_t)(end - 1 - d);
	s->node[ln].b = s->tlen;
	node_append(s, ln, t);
	node_append(s, 0, ln);
	if (r) {
		s->node[r].a = pool_put(s, s->src + end, len - end);
		s->node[r].alen = (uint32_t)(len - end);
		node_append(s, 0, r);
	}
	return 1;
}

void aw_inl_env_init(aw_inl_env *e, const char *repo_url, const char *branch,
		     const char *file_path)
{
	memset(e, 0, sizeof *e);
	if (repo_url) {
		e->repo_url = repo_url;
		e->repo_url_len = strlen(repo_url);
	}
	if (branch) {
		e->branch = branch;
		e->branch_len = strlen(branch);
	}
	if (file_path) {
		e->file_path = file_path;
		e->file_path_len = strlen(file_path);
	}
}

/* The error of a failed render; the capacity it hit goes to stats. */
static int inl_fail(aw_inl_scratch *s, aw_inl_stats *stats)
{
	if (s->err == AW_ERR_TOOBIG && s->lim && !stats->limit)
		stats->limit = s->lim;
	return s->err;
}

int aw_inl_render(aw_inl_scratch *s, const aw_inl_env *env,
		     const char *src, size_t len, int ctx, unsigned flags,
		     aw_buf *out, aw_buf *first_link, aw_inl_stats *stats)
{
	static const aw_inl_env noenv;
	uint32_t i;
	unsigned mask;
	const char *bef, *aft;
	size_t start;

	if (!s || !stats || (!src && len))
		return AW_ERR_ARG;
	if (!out && !(flags & AW_INL_STRIP_HEADING) && fast_item(src, len, first_link, stats))
		return AW_OK;
	s->nnode = 0;
	s->tlen = 0;
	s->ndelim = 0;
	s->delim_top = NONE;
	s->nbracket = 0;
	s->src = src;
	s->len = len;
	s->env = env ? env : &noenv;
	s->err = AW_OK;
	s->lim = NULL;
	s->ctx = ctx;
	if (len > AW_INL_TEXT_MAX) {
		stats->truncated = 1;
		if (!stats->limit)
			stats->limit = "AW_INL_TEXT_MAX";
		return AW_ERR_TOOBIG;
	}
	node_new(s, N_ROOT);
	if (!fast_tree(s)) {
		memset(s->html_fail, 0, sizeof s->html_fail);
		memset(s->bt_fail, 0, sizeof s->bt_fail);
		s->has_at = len && memchr(src, '@', len) != NULL;
		parse_inlines(s);
		if (!s->err)
			merge_text(s);
		if (!s->err)
			transform_autolinks(s);
	}
	if (s->err)
		return inl_fail(s, stats);
	for (i = 1; i < s->nnode; i++) {
		struct aw_inl_node *n = &s->node[i];
		if ((n->flags & NF_DEAD) || n->type != N_LINK)
			continue;
		if (n->alen && s->text[n->a] == '#')
			stats->links_hash++;
		else
			stats->links_other++;
	}
	if (flags & AW_INL_STRIP_HEADING)
		strip_heading(s);
	{
		/* strikethrough still in the tree (what the printer sees) */
		struct walk w;
		int32_t x = s->node[0].first;

		w.st = s->wstack;
		w.sp = 1;
		w.st[0] = 0;
		while (x != NONE && !s->err) {
			if (s->node[x].type == N_DEL)
				stats->has_strike = 1;
			x = walk_next(s, &w, x, 1);
		}
	}
	if (first_link && !stats->first_link_found) {
		/* first link in pre-order, serialized on its own */
		struct walk w;
		int32_t x = s->node[0].first;

		w.st = s->wstack;
		w.sp = 1;
		w.st[0] = 0;
		while (x != NONE && s->node[x].type != N_LINK)
			x = walk_next(s, &w, x, 1);
		if (x != NONE && !s->err) {
			int32_t fake = node_new(s, N_ROOT), nx;
			if (fake != NONE) {
				nx = s->node[x].next;
				s->node[x].next = NONE;
				s->node[fake].first = s->node[fake].last = x;
				serialize(s, fake, 0, "\n", 1, "\n", 1, 0, first_link);
				s->node[x].next = nx;
				s->node[fake].flags |= NF_DEAD;
				stats->first_link_found = 1;
			}
		}
	}
	if (!out) {
		/* parse only: counts and the identifier */
		if (s->err)
			return inl_fail(s, stats);
		if (first_link && first_link->truncated) {
			stats->truncated = 1;
			return AW_ERR_FULL;
		}
		return AW_OK;
	}
	if ((flags & AW_INL_REWRITE) && s->env->repo_url && !s->err)
		rewrite(s);
	if (s->err)
		return inl_fail(s, stats);
	switch (ctx) {
	case AW_INL_HEADING:
		mask = C_PHRASING | C_HEADING; bef = "# "; aft = "\n"; break;
	case AW_INL_TABLE_CELL:
		mask = C_PHRASING | C_CELL; bef = "|"; aft = "|"; break;
	case AW_INL_ROOT:
		mask = C_NOGFM; bef = "\n"; aft = "\n"; break;
	default:
		mask = C_PHRASING; bef = "\n"; aft = "\n"; break;
	}
	start = out->len;
	if (ctx == AW_INL_ROOT && root_is_flow(s)) {
		/* mdast-util-phrasing does not count html: a root of html
		 * nodes only is printed as flow, blank lines between */
		int32_t x;
		for (x = s->node[0].first; x != NONE; x = s->node[x].next) {
			if (x != s->node[0].first)
				aw_buf_put(out, "\n\n", 2);
			aw_buf_put(out, s->text + s->node[x].a, s->node[x].alen);
		}
	} else {
		serialize(s, 0, mask, bef, strlen(bef), aft, strlen(aft),
			  (flags & AW_INL_REWRITE) && s->env->repo_url, out);
	}
	if (ctx == AW_INL_HEADING && out->len > start &&
	    (out->p[start] == ' ' || out->p[start] == '\t') && !out->truncated) {
		/* heading handler: a leading space/tab is written as a reference */
		const char *rep = out->p[start] == ' ' ? "&#x20;" : "&#x9;";
		size_t rl = strlen(rep), tail = out->len - start - 1;
		if (out->cap - out->len < rl - 1) {
			out->truncated = 1;
		} else {
			memmove(out->p + start + rl, out->p + start + 1, tail);
			memcpy(out->p + start, rep, rl);
			out->len += rl - 1;
		}
	}
	if (s->err) {
		out->len = start;  /* nothing half-printed */
		return inl_fail(s, stats);
	}
	if (out->truncated || (first_link && first_link->truncated)) {
		stats->truncated = 1;
		return AW_ERR_FULL;
	}
	return AW_OK;
}

void aw_inl_trim(const char **p, size_t *n)
{
	aw_js_trim(p, n);
}
