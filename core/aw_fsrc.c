/*
 * aw_fsrc.c - update logic of a feed source (see aw_fsrc.h): merges the
 * entries the feed reader delivers into the kept set (dedupe by key,
 * dating, keep-N, remembered drops), stores their text in a fixed arena
 * (compacted when it fills), reads and writes the record with the state
 * codec (aw_state.c) and turns the entries into store items with Markdown
 * escaping. It performs no I/O, reads no clock and does not parse XML or
 * HTTP (aw_feed.c and the port's client do); it does not schedule polls.
 */
#include "aw_fsrc.h"
#include "aw_entities.h"
#include "aw_sha1.h"

#include <string.h>

enum { L_IDLE, L_RUN, L_DONE };

static void copy_cut(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = 0;
}

int aw_fsrc_init(aw_fsrc_ctx *p, const char *key, const char *url, unsigned keep, int64_t now)
{
	if (!p || !key || !url || keep < 1 || keep > AW_FSRC_ENTRIES_MAX)
		return AW_ERR_ARG;
	p->have_state = 0;
	copy_cut(p->key, sizeof p->key, key, strlen(key));
	copy_cut(p->url, sizeof p->url, url, strlen(url));
	p->etag[0] = p->last_modified[0] = 0;
	p->baseline_time = p->last_check = p->last_ok = AW_STATE_NONE;
	p->now = now;
	p->keep = keep;
	p->entries = p->added = p->changed = p->dropped = p->ignored = 0;
	p->n = p->ngone = p->gone_next = p->used = 0;
	p->dec = NULL;
	p->lst = L_IDLE;
	p->err = AW_OK;
	return AW_OK;
}

/* ---------------------------------------------------------------- entries */

const char *aw_fsrc_field(const aw_fsrc_ctx *p, uint32_t i, int f, size_t *len)
{
	const aw_fsrc_ent *e = &p->ent[i];
	uint32_t off = e->off;
	int k;
	for (k = 0; k < f; k++)
		off += e->len[k];
	*len = e->len[f];
	return p->arena + off;
}

static uint32_t span(const aw_fsrc_ent *e)
{
	return e->len[0] + e->len[1] + e->len[2] + e->len[3];
}

/* move every entry's text to the front of the arena, in arena order */
static void compact(aw_fsrc_ctx *p)
{
	uint8_t done[AW_FSRC_ENTRIES_MAX];
	uint32_t cur = 0, k, i;

	memset(done, 0, sizeof done);
	for (k = 0; k < p->n; k++) {
		uint32_t best = p->n;
		for (i = 0; i < p->n; i++)
			if (!done[i] && (best == p->n || p->ent[i].off < p->ent[best].off))
				best = i;
		done[best] = 1;
		if (p->ent[best].off != cur)
			memmove(p->arena + cur, p->arena + p->ent[best].off, span(&p->ent[best]));
		p->ent[best].off = cur;
		cur += span(&p->ent[best]);
	}
	p->used = cur;
}

static int in_gone(const aw_fsrc_ctx *p, const uint8_t key[20])
{
	uint32_t i;
	for (i = 0; i < p->ngone; i++)
		if (!memcmp(p->gone[i], key, 20))
			return 1;
	return 0;
}

static void gone_add(aw_fsrc_ctx *p, const uint8_t key[20])
{
	if (in_gone(p, key))
		return;
	memcpy(p->gone[p->gone_next], key, 20);
	p->gone_next = (p->gone_next + 1) % AW_FSRC_GONE_MAX;
	if (p->ngone < AW_FSRC_GONE_MAX)
		p->ngone++;
}

/* drop entry i: its key is remembered, its text becomes garbage */
static void drop(aw_fsrc_ctx *p, uint32_t i)
{
	gone_add(p, p->ent[i].key);
	memmove(&p->ent[i], &p->ent[i + 1], (p->n - i - 1) * sizeof p->ent[0]);
	p->n--;
	p->dropped++;
}

/*
 * Room for `need` text bytes: compaction, then the oldest entries other
 * than `keep_i` (an entry being rewritten; p->n for none) go. The offset
 * of the room in *off. AW_ERR_FULL when nothing more can go.
 */
static int room(aw_fsrc_ctx *p, uint32_t need, uint32_t *keep_i)
{
	if (need > AW_FSRC_ARENA_MAX)
		return AW_ERR_FULL;
	while (AW_FSRC_ARENA_MAX - p->used < need) {
		uint32_t before = p->used, victim;
		compact(p);
		if (AW_FSRC_ARENA_MAX - p->used >= need || p->used < before)
			continue;
		if (!p->n || (p->n == 1 && *keep_i == 0))
			return AW_ERR_FULL;
		victim = p->n - 1 == *keep_i ? p->n - 2 : p->n - 1;
		drop(p, victim);
		if (*keep_i != (uint32_t)-1 && *keep_i > victim)
			(*keep_i)--;
	}
	return AW_OK;
}

/* copy the four texts to the arena for entry e (whose text, if any, is
 * garbage afterwards) */
static int set_text(aw_fsrc_ctx *p, uint32_t *idx, const char *const s[4], const size_t n[4])
{
	uint32_t need = 0, off;
	int k, rc;
	for (k = 0; k < 4; k++)
		need += (uint32_t)n[k];
	if ((rc = room(p, need, idx)))
		return rc;
	off = p->used;
	for (k = 0; k < 4; k++) {
		if (n[k])
			memcpy(p->arena + p->used, s[k], n[k]);
		p->used += (uint32_t)n[k];
	}
	p->ent[*idx].off = off;
	for (k = 0; k < 4; k++)
		p->ent[*idx].len[k] = (uint32_t)n[k];
	return AW_OK;
}

/* insert a new entry at its place (newest first; after the entries of the
 * same time, so the feed's order holds among equals) */
static int insert(aw_fsrc_ctx *p, const uint8_t key[20], int64_t t, int64_t first_seen,
		  uint32_t flags, const char *const s[4], const size_t n[4])
{
	uint32_t j = 0, idx = (uint32_t)-1;
	int rc;
	size_t need = n[0] + n[1] + n[2] + n[3];

	while (j < p->n && p->ent[j].time >= t)
		j++;
	if (p->n >= p->keep && j >= p->n) {
		/* older than every kept one, and no room: it goes at once */
		gone_add(p, key);
		p->dropped++;
		return 0;
	}
	/* the text first (it may drop old entries), then the slot */
	if (need > AW_FSRC_ARENA_MAX)
		return AW_ERR_FULL;
	if ((rc = room(p, (uint32_t)need, &idx)))
		return rc;
	while (j > p->n)
		j = p->n;
	if (p->n >= AW_FSRC_ENTRIES_MAX || p->n >= p->keep)
		drop(p, p->n - 1);
	if (j > p->n)
		j = p->n;
	memmove(&p->ent[j + 1], &p->ent[j], (p->n - j) * sizeof p->ent[0]);
	p->n++;
	memcpy(p->ent[j].key, key, 20);
	p->ent[j].time = t;
	p->ent[j].first_seen = first_seen;
	p->ent[j].flags = flags;
	idx = j;
	rc = set_text(p, &idx, s, n);  /* fits: room was made */
	return rc ? rc : 1;
}

static long find(const aw_fsrc_ctx *p, const uint8_t key[20])
{
	uint32_t i;
	for (i = 0; i < p->n; i++)
		if (!memcmp(p->ent[i].key, key, 20))
			return (long)i;
	return -1;
}

/* ---------------------------------------------------------------- text */

static size_t put_utf8(char *d, uint32_t c)
{
	if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	if (c < 0x80) {
		d[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		d[0] = (char)(0xc0 | c >> 6);
		d[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		d[0] = (char)(0xe0 | c >> 12);
		d[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		d[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	d[0] = (char)(0xf0 | c >> 18);
	d[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	d[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	d[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* a character reference at s[i] = '&' of s[0..n): its UTF-8 in out
 * (*olen bytes), the bytes it spans returned; 0 when it is none */
static size_t char_ref(const char *s, size_t n, size_t i, char *out, size_t *olen)
{
	size_t j = i + 1, k;
	if (j < n && s[j] == '#') {
		uint32_t v = 0;
		int hex = j + 1 < n && (s[j + 1] == 'x' || s[j + 1] == 'X'), digits = 0;
		for (k = j + 1 + (size_t)hex; k < n && digits < 8; k++, digits++) {
			unsigned c = (unsigned char)s[k], d;
			if (AW_IS_DIGIT(c))
				d = c - '0';
			else if (hex && (unsigned)((c | 0x20) - 'a') < 6u)
				d = (c | 0x20) - 'a' + 10;
			else
				break;
			v = v * (hex ? 16u : 10u) + d;
		}
		if (!digits || k >= n || s[k] != ';')
			return 0;
		*olen = put_utf8(out, v);
		return k + 1 - i;
	}
	for (k = j; k < n && k - j < 40 && AW_IS_ALNUM(s[k]); k++)
		;
	if (k > j && k < n && s[k] == ';') {
		size_t rl;
		const char *r = aw_entities_lookup(s + j, k - j, &rl);
		if (r && rl <= 8) {
			memcpy(out, r, rl);
			*olen = rl;
			return k + 1 - i;
		}
	}
	return 0;
}

/* tags that separate words when they are removed */
static int block_tag(const char *s, size_t n)
{
	static const char *const t[] = { "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3",
		"h4", "h5", "h6", "tr", "td", "th", "blockquote", "hr", "pre", "table", "dt", "dd",
		"section", "article", "figure", "img", NULL };
	size_t i = 0, k;
	int j;
	if (i < n && s[i] == '/')
		i++;
	for (k = i; k < n && AW_IS_ALNUM(s[k]); k++)
		;
	for (j = 0; t[j]; j++) {
		size_t l = strlen(t[j]), m;
		if (l != k - i)
			continue;
		for (m = 0; m < l && (s[i + m] | 0x20) == t[j][m]; m++)
			;
		if (m == l)
			return 1;
	}
	return 0;
}

/*
 * Plain text of s[0..n) into d (cap bytes, NUL-terminated, returns the
 * length): HTML tags removed and references decoded when html, white
 * space collapsed and trimmed, control bytes dropped; longer than max:
 * cut at a UTF-8 boundary with U+2026, *cut set.
 */
static size_t clean(char *d, size_t cap, const char *s, size_t n, int html, size_t max, int *cut)
{
	size_t i = 0, o = 0;
	int space = 0;
	char ref[8];
	size_t rl;

	*cut = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		const char *add = (const char *)&s[i];
		size_t an = 1;
		if (html && c == '<') {
			size_t e = i + 1;
			while (e < n && s[e] != '>')
				e++;
			if (e < n && e > i + 1 && (AW_IS_ALPHA(s[i + 1]) || s[i + 1] == '/' ||
						   s[i + 1] == '!' || s[i + 1] == '?')) {
				if (block_tag(s + i + 1, e - i - 1))
					space = 1;
				i = e + 1;
				continue;
			}
		}
		if (html && c == '&') {
			size_t used = char_ref(s, n, i, ref, &rl);
			if (used) {
				add = ref;
				an = rl;
				i += used;
				if (an == 1 && AW_IS_SPACE(ref[0])) {
					space = 1;
					continue;
				}
				if (an == 2 && (unsigned char)ref[0] == 0xc2 && (unsigned char)ref[1] == 0xa0) {
					space = 1; /* &nbsp; */
					continue;
				}
				goto emit;
			}
		}
		i++;
		if (AW_IS_SPACE(c) || c == '\r' || c == '\f' || c == '\v') {
			space = 1;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			continue;
emit:
		if (an == 1 && ((unsigned char)add[0] < 0x20 || add[0] == 0x7f))
			continue;
		if (space && o) {
			if (o + 1 >= cap)
				break;
			d[o++] = ' ';
		}
		space = 0;
		if (o + an >= cap)
			break;
		memcpy(d + o, add, an);
		o += an;
	}
	if (o > max) {
		o = max >= 3 ? max - 3 : 0;
		while (o && ((unsigned char)d[o] & 0xc0) == 0x80)
			o--;
		while (o && d[o - 1] == ' ')
			o--;
		memcpy(d + o, "\xe2\x80\xa6", 3);
		o += 3;
		*cut = 1;
	}
	d[o] = 0;
	return o;
}

static void content_id(const aw_feed_entry *e, char *out, size_t cap)
{
	uint8_t h[20];
	char hex[41];
	aw_sha1_ctx c;
	aw_sha1_init(&c);
	aw_sha1_update(&c, e->title, strlen(e->title));
	aw_sha1_update(&c, "\n", 1);
	aw_sha1_update(&c, e->summary, strlen(e->summary));
	aw_sha1_final(&c, h);
	aw_sha1_hex(h, hex);
	copy_cut(out, cap, "urn:awtrack:content:", 20);
	copy_cut(out + 20, cap - 20, hex, 40);
}

int aw_fsrc_entry(aw_fsrc_ctx *p, const aw_feed_entry *e)
{
	char cid[64];
	const char *id = e->id;
	const char *s[4];
	size_t n[4];
	uint8_t key[20];
	long i;
	int cut, rc;

	p->entries++;
	if (!id[0]) {
		content_id(e, cid, sizeof cid);
		id = cid;
	}
	aw_sha1(id, strlen(id), key);
	if (in_gone(p, key)) {
		p->ignored++;
		return AW_OK;
	}
	s[0] = id;
	n[0] = strlen(id);
	n[1] = clean(p->t_title, sizeof p->t_title, e->title, strlen(e->title),
		     (e->flags & AW_FEED_F_TITLE_HTML) != 0, sizeof p->t_title - 1, &cut);
	s[1] = p->t_title;
	s[2] = e->link;
	n[2] = strlen(e->link);
	n[3] = clean(p->t_sum, sizeof p->t_sum, e->summary, strlen(e->summary),
		     (e->flags & AW_FEED_F_SUMMARY_HTML) != 0, AW_FSRC_SUMMARY_MAX, &cut);
	s[3] = p->t_sum;

	i = find(p, key);
	if (i >= 0) {
		aw_fsrc_ent *en = &p->ent[i];
		size_t l;
		int k, same = 1;
		for (k = 1; k < 4; k++) {
			const char *old = aw_fsrc_field(p, (uint32_t)i, k, &l);
			if (l != n[k] || memcmp(old, s[k], l))
				same = 0;
		}
		if (same)
			return AW_OK;
		{
			uint32_t idx = (uint32_t)i;
			/* the id's bytes come from the feed entry, not the arena */
			if ((rc = set_text(p, &idx, s, n)))
				return rc;
			en = &p->ent[idx];
		}
		en->flags = (en->flags & ~AW_FSRC_F_CUT) | (cut ? AW_FSRC_F_CUT : 0);
		p->changed++;
		return AW_OK;
	}
	{
		int64_t t = e->published != AW_FEED_NO_TIME ? e->published : e->updated;
		uint32_t fl = cut ? AW_FSRC_F_CUT : 0;
		if (t == AW_FEED_NO_TIME || t == AW_STATE_NONE) {
			t = p->now;
			fl |= AW_FSRC_F_NODATE;
		} else if (t > p->now) {
			t = p->now; /* a date in the future: not before it is seen */
		}
		rc = insert(p, key, t, p->now, fl, s, n);
		if (rc < 0)
			return rc;
		p->added += rc == 1;
	}
	return AW_OK;
}

int aw_fsrc_on_entry(void *user, const aw_feed_entry *e)
{
	aw_fsrc_ctx *p = user;
	int rc = aw_fsrc_entry(p, e);
	if (rc && !p->err)
		p->err = rc;
	return rc != AW_OK;
}

int aw_fsrc_end(aw_fsrc_ctx *p, const char *etag, const char *last_modified)
{
	if (p->err)
		return p->err;
	p->etag[0] = p->last_modified[0] = 0;
	if (etag && strlen(etag) < sizeof p->etag)
		copy_cut(p->etag, sizeof p->etag, etag, strlen(etag));
	if (last_modified && strlen(last_modified) < sizeof p->last_modified)
		copy_cut(p->last_modified, sizeof p->last_modified, last_modified,
			 strlen(last_modified));
	if (!p->have_state || p->baseline_time == AW_STATE_NONE)
		p->baseline_time = p->now;
	p->last_check = p->last_ok = p->now;
	return AW_OK;
}

int aw_fsrc_cond_headers(const aw_fsrc_ctx *p, aw_buf *h)
{
	int rc = AW_OK;
	if (!p->have_state)
		return AW_OK;
	if (p->etag[0]) {
		aw_buf_puts(h, "If-None-Match: ");
		aw_buf_puts(h, p->etag);
		rc = aw_buf_puts(h, "\r\n");
	}
	if (p->last_modified[0]) {
		aw_buf_puts(h, "If-Modified-Since: ");
		aw_buf_puts(h, p->last_modified);
		rc = aw_buf_puts(h, "\r\n");
	}
	return rc;
}

/* ---------------------------------------------------------------- record */

static aw_state_str str_of(const char *s, size_t n)
{
	aw_state_str r;
	r.p = s;
	r.n = n;
	return r;
}

int aw_fsrc_save(aw_fsrc_ctx *p, aw_state_write_fn write, void *user)
{
	aw_state_enc e;
	aw_state_source s;
	aw_state_entry en;
	uint32_t i, k;
	static const char hx[] = "0123456789abcdef";
	char hex[40];

	aw_state_enc_begin(&e, write, user);
	aw_state_source_clear(&s);
	s.key = str_of(p->key, strlen(p->key));
	s.url = str_of(p->url, strlen(p->url));
	s.etag = str_of(p->etag, strlen(p->etag));
	s.last_modified = str_of(p->last_modified, strlen(p->last_modified));
	s.baseline_time = p->baseline_time;
	s.last_check = p->last_check;
	s.last_ok = p->last_ok;
	aw_state_enc_source(&e, &s);
	for (i = 0; i < p->n; i++) {
		size_t l;
		const char *f;
		aw_state_entry_clear(&en);
		f = aw_fsrc_field(p, i, AW_FSRC_ID, &l);
		en.id = str_of(f, l);
		f = aw_fsrc_field(p, i, AW_FSRC_TITLE, &l);
		en.title = str_of(f, l);
		f = aw_fsrc_field(p, i, AW_FSRC_LINK, &l);
		en.link = str_of(f, l);
		f = aw_fsrc_field(p, i, AW_FSRC_SUMMARY, &l);
		en.summary = str_of(f, l);
		en.time = p->ent[i].time;
		en.first_seen = p->ent[i].first_seen;
		en.flags = (int64_t)p->ent[i].flags;
		aw_state_enc_entry(&e, &en);
	}
	/* remembered drops, oldest first */
	for (k = 0; k < p->ngone; k++) {
		uint32_t at = p->ngone < AW_FSRC_GONE_MAX ? k : (p->gone_next + k) % AW_FSRC_GONE_MAX;
		const uint8_t *g = p->gone[at];
		for (i = 0; i < 20; i++) {
			hex[2 * i] = hx[g[i] >> 4];
			hex[2 * i + 1] = hx[g[i] & 15];
		}
		aw_state_entry_clear(&en);
		en.id = str_of(hex, 40);
		en.flags = AW_FSRC_F_GONE;
		aw_state_enc_entry(&e, &en);
	}
	return aw_state_enc_end(&e);
}

static int hexval(char c)
{
	if (AW_IS_DIGIT(c))
		return c - '0';
	if ((unsigned)(c - 'a') < 6u)
		return c - 'a' + 10;
	return -1;
}

static int fail(aw_fsrc_ctx *p, int rc)
{
	if (!p->err)
		p->err = rc;
	return 1;
}

static int on_source(void *user, const aw_state_source *s)
{
	aw_fsrc_ctx *p = user;
	if (p->lst != L_RUN)
		return fail(p, AW_ERR_SYNTAX);  /* a second source: not a feed record */
	if (s->key.n != strlen(p->key) || memcmp(s->key.p, p->key, s->key.n))
		return fail(p, AW_ERR_STATE);
	if (s->etag.n < sizeof p->etag)
		copy_cut(p->etag, sizeof p->etag, s->etag.p, s->etag.n);
	if (s->last_modified.n < sizeof p->last_modified)
		copy_cut(p->last_modified, sizeof p->last_modified, s->last_modified.p,
			 s->last_modified.n);
	p->baseline_time = s->baseline_time;
	p->last_check = s->last_check;
	p->last_ok = s->last_ok;
	p->lst = L_DONE;  /* source seen */
	return 0;
}

static int on_item(void *user, const aw_state_item *it)
{
	(void)it;
	return fail(user, AW_ERR_STATE);  /* a list's record */
}

static int on_entry(void *user, const aw_state_entry *en)
{
	aw_fsrc_ctx *p = user;
	const char *s[4];
	size_t n[4];
	uint8_t key[20];
	uint32_t j, idx;
	int k;

	if (en->flags & AW_FSRC_F_GONE) {
		if (en->id.n != 40)
			return fail(p, AW_ERR_SYNTAX);
		for (k = 0; k < 20; k++) {
			int hi = hexval(en->id.p[2 * k]), lo = hexval(en->id.p[2 * k + 1]);
			if (hi < 0 || lo < 0)
				return fail(p, AW_ERR_SYNTAX);
			key[k] = (uint8_t)(hi << 4 | lo);
		}
		gone_add(p, key);
		return 0;
	}
	if (en->time == AW_STATE_NONE || en->first_seen == AW_STATE_NONE)
		return fail(p, AW_ERR_SYNTAX);
	if (en->id.n >= AW_FEED_ID_MAX || en->title.n >= AW_FEED_TITLE_MAX ||
	    en->link.n >= AW_FEED_LINK_MAX || en->summary.n > AW_FSRC_SUMMARY_MAX ||
	    p->n >= AW_FSRC_ENTRIES_MAX)
		return fail(p, AW_ERR_FULL);
	aw_sha1(en->id.p, en->id.n, key);
	if (find(p, key) >= 0)
		return fail(p, AW_ERR_SYNTAX);  /* the same entry twice */
	s[0] = en->id.p;
	n[0] = en->id.n;
	s[1] = en->title.p;
	n[1] = en->title.n;
	s[2] = en->link.p;
	n[2] = en->link.n;
	s[3] = en->summary.p;
	n[3] = en->summary.n;
	if (n[0] + n[1] + n[2] + n[3] > AW_FSRC_ARENA_MAX - p->used)
		return fail(p, AW_ERR_FULL);
	/* in order of time (records are written newest first; any order reads) */
	for (j = 0; j < p->n && p->ent[j].time >= en->time; j++)
		;
	memmove(&p->ent[j + 1], &p->ent[j], (p->n - j) * sizeof p->ent[0]);
	p->n++;
	memcpy(p->ent[j].key, key, 20);
	p->ent[j].time = en->time;
	p->ent[j].first_seen = en->first_seen;
	p->ent[j].flags = (uint32_t)en->flags & (AW_FSRC_F_NODATE | AW_FSRC_F_CUT);
	idx = j;
	return set_text(p, &idx, s, n) ? fail(p, AW_ERR_FULL) : 0;
}

static const aw_state_dec_fns load_fns = { on_source, on_item, on_entry };

int aw_fsrc_load_begin(aw_fsrc_ctx *p, aw_state_dec *dec)
{
	p->dec = dec;
	p->lst = L_RUN;
	p->err = AW_OK;
	aw_state_dec_init(dec, &load_fns, p);
	return AW_OK;
}

static int load_rc(aw_fsrc_ctx *p, int rc)
{
	if (p->err)
		return p->err;
	if (rc == AW_ERR_SYNTAX && p->dec->why == AW_STATE_E_VERSION)
		return AW_ERR_STATE;
	if (rc == AW_ERR_TOOBIG)
		return AW_ERR_FULL;
	return rc;
}

int aw_fsrc_load_feed(aw_fsrc_ctx *p, const void *chunk, size_t n)
{
	if (!p->dec)
		return AW_ERR_STATE;
	return load_rc(p, aw_state_dec_feed(p->dec, chunk, n));
}

int aw_fsrc_load_end(aw_fsrc_ctx *p)
{
	int rc;
	if (!p->dec)
		return AW_ERR_STATE;
	rc = load_rc(p, aw_state_dec_end(p->dec));
	p->dec = NULL;
	if (!rc && p->lst != L_DONE)
		rc = AW_ERR_SYNTAX;  /* no source record */
	if (rc) {
		p->n = p->ngone = p->gone_next = p->used = 0;
		p->lst = L_IDLE;
		return rc;
	}
	p->lst = L_IDLE;
	p->have_state = 1;
	while (p->n > p->keep)  /* keep was lowered since */
		drop(p, p->n - 1);
	p->dropped = 0;         /* those are not this poll's */
	return AW_OK;
}

/* ---------------------------------------------------------------- render */

/* Markdown text: characters that could start markup are escaped;
 * at_start: also a block marker at the start of the line */
static void md_text(aw_buf *b, const char *s, size_t n, int at_start)
{
	size_t i;
	for (i = 0; i < n; i++) {
		char c = s[i];
		int esc = c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' ||
			  c == '<' || c == '>' || c == '&' || c == '|' || c == '~' || c == '!';
		if (at_start && i == 0 && (c == '#' || c == '+' || c == '-' || c == '=' || c == '>'))
			esc = 1;
		if (at_start && (c == '.' || c == ')') && i > 0) {
			size_t k = 0;
			while (k < i && AW_IS_DIGIT(s[k]))
				k++;
			if (k == i)
				esc = 1; /* "1." / "1)" would open an ordered list */
		}
		if (esc)
			aw_buf_putc(b, '\\');
		aw_buf_putc(b, c);
	}
}

static int http_url(const char *s, size_t n)
{
	static const char h1[] = "http://", h2[] = "https://";
	size_t i;
	const char *h = n >= 8 && (s[4] | 0x20) == 's' ? h2 : h1;
	size_t hl = strlen(h);
	if (n <= hl)
		return 0;
	for (i = 0; i < hl; i++)
		if ((s[i] | (AW_IS_ALPHA(s[i]) ? 0x20 : 0)) != h[i])
			return 0;
	return 1;
}

static void md_dest(aw_buf *b, const char *s, size_t n)
{
	static const char hx[] = "0123456789ABCDEF";
	size_t i;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '(' || c == ')' ||
		    c == '\\' || c == '`') {
			aw_buf_putc(b, '%');
			aw_buf_putc(b, hx[c >> 4]);
			aw_buf_putc(b, hx[c & 15]);
		} else {
			aw_buf_putc(b, (char)c);
		}
	}
}

int aw_fsrc_render(aw_fsrc_ctx *p, aw_store_ctx *store)
{
	uint32_t i;
	int rc;

	for (i = 0; i < p->n; i++) {
		size_t il, tl, ll, sl;
		const char *id = aw_fsrc_field(p, i, AW_FSRC_ID, &il);
		const char *title = aw_fsrc_field(p, i, AW_FSRC_TITLE, &tl);
		const char *link = aw_fsrc_field(p, i, AW_FSRC_LINK, &ll);
		const char *sum = aw_fsrc_field(p, i, AW_FSRC_SUMMARY, &sl);
		aw_store_fields f;
		aw_buf b;
		int has_link = http_url(link, ll);

		aw_buf_init(&b, p->scratch, sizeof p->scratch);
		aw_buf_puts(&b, "- ");
		if (has_link) {
			aw_buf_putc(&b, '[');
			if (tl)
				md_text(&b, title, tl, 0);
			else
				md_text(&b, link, ll, 0);
			aw_buf_puts(&b, "](");
			md_dest(&b, link, ll);
			aw_buf_putc(&b, ')');
		} else if (tl) {
			md_text(&b, title, tl, 1);
		} else {
			md_text(&b, id, il, 1);
		}
		if (sl) {
			aw_buf_puts(&b, " - ");
			md_text(&b, sum, sl, 0);
		}
		if (b.truncated)
			return AW_ERR_FULL; /* cannot happen: AW_FSRC_MD_MAX bounds it */
		memset(&f, 0, sizeof f);
		f.category = "";
		f.markdown = b.p;
		f.markdown_len = b.len;
		f.ident = id;
		f.ident_len = il;
		if ((rc = aw_store_put_fields(store, p->ent[i].key, p->ent[i].time, &f)))
			return rc;
	}
	return AW_OK;
}
