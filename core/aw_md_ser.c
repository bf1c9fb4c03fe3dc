/*
 * aw_md_ser.c - Markdown serializer of aw_md (docs/spec.md 5.3): prints a
 * block subtree with the block layout of mdast-util-to-markdown 1.5.0
 * (container prefixes, bullets and item numbers, the joins between
 * blocks, fenced and indented code, ATX and setext headings, GFM tables
 * padded to their column widths, definitions in the document pass), the
 * inline content of each leaf through aw_inl_render (aw_mdi_inl, which
 * cuts a block over an inline capacity to the longest prefix that fits).
 * Without an output buffer it is a parse-only walk that only finds the
 * links (render=0). Iterative, with one frame per open container.
 *
 * Deliberately not here: inline parsing and escaping (aw_inline.c), which
 * blocks make an item and where the output goes (aw_md_items.c), building
 * the tree (aw_md_block.c; it is only read here). Known gap: the "empty
 * first item two lists deep" bullet rule is not reproduced.
 */
#include <string.h>

#include "aw_md_impl.h"

/* Kinds of serializer frames (aw_md_frame.kind). */
enum { F_LIST = 1, F_ITEM, F_BQUOTE, F_CODEIND };

/* ------------------------------------------------------------------ */
/* serializer: block layout of mdast-util-to-markdown 1.5.0 */

static uint32_t visible(aw_md_ctx *c, uint32_t x)
{
	if (c->pass == AW_MD_PASS_DOCUMENT)
		return x;
	while (x && aw_mdi_node(c, x)->type == N_DEFS)
		x = aw_mdi_node(c, x)->next;
	return x;
}

/* An item / list is spread when a blank line separates two children. */
static int spread(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = aw_mdi_node(c, n);
	uint32_t x = k->first;
	while (x && aw_mdi_node(c, x)->next) {
		uint32_t y = aw_mdi_node(c, x)->next, e = aw_mdi_node(c, x)->end_line;
		if (k->type == N_ITEM && aw_mdi_is_container(aw_mdi_node(c, x)->type) &&
		    aw_mdi_node(c, x)->nonblank_end > e)
			e = aw_mdi_node(c, x)->nonblank_end;
		if (aw_mdi_node(c, y)->start_line > e + 1)
			return 1;
		x = y;
	}
	/* a list closed by a container start keeps its trailing blank lines */
	if (k->type == N_LIST && x && k->nonblank_end > aw_mdi_node(c, x)->end_line + 1)
		return 1;
	return 0;
}

static void code_value(aw_md_ctx *c, uint32_t n, const char **v, size_t *len)
{
	aw_md_node *k = aw_mdi_node(c, n);
	*v = c->text + k->text_off;
	*len = aw_mdi_drop_eol(*v, k->text_len);
}

int aw_mdi_code_indented(aw_md_ctx *c, uint32_t n)
{
	const char *v;
	size_t len, i, a;
	int nonsp = 0;

	if (aw_mdi_node(c, n)->type != N_CODE)
		return 0;
	code_value(c, n, &v, &len);
	if (!len || aw_mdi_node(c, n)->info_len)
		return 0;
	for (i = 0; i < len; i++)
		if (v[i] != ' ' && v[i] != '\r' && v[i] != '\n')
			nonsp = 1;
	if (!nonsp)
		return 0;
	/* first line blank? */
	for (i = 0; i < len && (v[i] == ' ' || v[i] == '\t'); i++)
		;
	if (i >= len || v[i] == '\n' || v[i] == '\r')
		return 0;
	/* last line blank? */
	a = len;
	while (a > 0 && v[a - 1] != '\n' && v[a - 1] != '\r')
		a--;
	if (aw_mdi_is_ws_line(v + a, len - a))
		return 0;
	return 1;
}

static int heading_multiline(aw_md_ctx *c, uint32_t n)
{
	aw_md_node *k = aw_mdi_node(c, n);
	return k->type == N_HEADING && k->level < 3 &&
	       (memchr(c->text + k->text_off, '\n', k->text_len) != NULL ||
		memchr(c->text + k->text_off, '\r', k->text_len) != NULL);
}

static const char *join_str(aw_md_ctx *c, uint32_t l, uint32_t r, uint32_t parent)
{
	int lt = aw_mdi_node(c, l)->type, rt = aw_mdi_node(c, r)->type,
	    pt = parent ? aw_mdi_node(c, parent)->type : N_DOC;

	if (rt == N_CODE && aw_mdi_code_indented(c, r) &&
	    (lt == N_LIST || (lt == N_CODE && aw_mdi_code_indented(c, l))))
		return "\n\n<!---->\n\n";
	if (lt == N_LIST && rt == N_LIST &&
	    aw_mdi_node(c, l)->ordered == aw_mdi_node(c, r)->ordered)
		return "\n\n<!---->\n\n";
	if (parent && (pt == N_LIST || pt == N_ITEM)) {
		if (lt == N_PARA && (rt == N_PARA || heading_multiline(c, r)))
			return "\n\n";
		return spread(c, parent) ? "\n\n" : "\n";
	}
	return "\n\n";
}

static void put_prefix(aw_md_ctx *c, int blank)
{
	uint8_t nb[AW_MD_DEPTH_MAX];
	int i;
	aw_buf *o = c->ser_out;

	if (!o)
		return;

	for (i = (int)c->nframes - 1; i >= 0; i--) {
		aw_md_frame *f = &c->frames[i];
		nb[i] = (uint8_t)blank;
		if (f->kind == F_ITEM) {
			if (f->lines == 0 || !blank)
				blank = 0;
		} else if (f->kind == F_BQUOTE) {
			blank = 0;
		} else if (f->kind == F_CODEIND) {
			if (!blank)
				blank = 0;
		}
	}
	for (i = 0; i < (int)c->nframes; i++) {
		aw_md_frame *f = &c->frames[i];
		int b = nb[i];
		if (f->kind == F_ITEM) {
			if (f->lines == 0) {
				aw_buf_put(o, f->bullet, f->blen);
				if (!b) {
					unsigned k;
					for (k = f->blen; k < f->size; k++)
						aw_buf_putc(o, ' ');
				}
			} else if (!b) {
				unsigned k;
				for (k = 0; k < f->size; k++)
					aw_buf_putc(o, ' ');
			}
		} else if (f->kind == F_BQUOTE) {
			aw_buf_put(o, b ? ">" : "> ", b ? 1 : 2);
		} else if (f->kind == F_CODEIND) {
			if (!b)
				aw_buf_put(o, "    ", 4);
		}
		f->lines++;
	}
}

/* Write text through the container prefixes (indentLines semantics: a
 * line ends at LF, CR or CRLF, kept as it is; c->bol_cr: the last byte
 * written was a CR, so an LF that follows completes its CRLF). */
static void emit(aw_md_ctx *c, const char *s, size_t n)
{
	aw_buf *o = c->ser_out;
	size_t i = 0;

	if (!o)
		return; /* parse-only walk */

	while (i < n) {
		const char *nl, *cr;
		size_t seg, e;
		if (c->at_bol) {
			if (c->bol_cr && s[i] == '\n') {
				aw_buf_putc(o, '\n');
				c->bol_cr = 0;
				i++;
				continue;
			}
			c->bol_cr = 0;
			if (s[i] == '\n' || s[i] == '\r') {
				put_prefix(c, 1);
				e = aw_mdi_eol_at(s, i, n);
				aw_buf_put(o, s + i, e);
				c->bol_cr = e == 1 && s[i] == '\r';
				i += e;
				continue;
			}
			put_prefix(c, 0);
			c->at_bol = 0;
		}
		nl = memchr(s + i, '\n', n - i);
		cr = memchr(s + i, '\r', nl ? (size_t)(nl - (s + i)) : n - i);
		if (cr)
			nl = cr;
		seg = nl ? (size_t)(nl - (s + i)) + aw_mdi_eol_at(s, (size_t)(nl - s), n) : n - i;
		aw_buf_put(o, s + i, seg);
		if (nl) {
			c->at_bol = 1;
			c->bol_cr = s[i + seg - 1] == '\r';
		}
		i += seg;
	}
}

static void emits(aw_md_ctx *c, const char *s)
{
	emit(c, s, strlen(s));
}

/* Inline content of a leaf; output in c->lin. */
/* One inline render of src[0..len) (see inl); AW_ERR_ARG: parse-only is
 * not possible here. */
static int inl_once(aw_md_ctx *c, const char *src, size_t len, int ctx, int want_link)
{
	aw_buf *fl = (want_link && !c->st.first_link_found) ? &c->id : NULL;
	unsigned flags = c->ser_fl;
	int r;

	aw_buf_reset(&c->lin);
	if (c->parse_only && !c->inl_no_null) {
		/* parse only: links and the first link, no serialization (an
		   inline module that wants an output buffer says AW_ERR_ARG) */
		r = aw_inl_render(&c->inl, &c->env_noref, src, len, ctx, flags, NULL, fl,
				     &c->st);
		if (r != AW_ERR_ARG)
			return r;
		c->inl_no_null = 1;
	}
	return aw_inl_render(&c->inl, &c->env_noref, src, len, ctx, flags, &c->lin, fl,
				&c->st);
}

/* Inline content of one block into c->lin (stats and the first link into
 * c->st / c->id). A block over an inline capacity (AW_INL_*_MAX) is cut:
 * the longest prefix that fits (halving) is rendered instead, so that the
 * item keeps its text up to there and its own first link; flagged. */
void aw_mdi_inl(aw_md_ctx *c, const char *src, size_t len, int ctx, int want_link)
{
	aw_inl_stats st0;
	size_t id0 = c->id.len;
	int r;

	while (len && (src[len - 1] == '\n' || src[len - 1] == '\r' || src[len - 1] == ' ' ||
		       src[len - 1] == '\t'))
		len--;
	st0 = c->st;
	r = inl_once(c, src, len, ctx, want_link);
	while (r == AW_ERR_TOOBIG && len) {
		const char *lim = c->st.limit;
		c->st = st0;          /* what the failed call counted is void */
		c->st.truncated = 1;
		c->st.limit = lim;
		c->id.len = id0;
		c->id.truncated = 0;
		len = (len > AW_INL_TEXT_MAX ? AW_INL_TEXT_MAX : len) / 2;
		while (len && ((unsigned char)src[len] & 0xc0) == 0x80)
			len--; /* (whole UTF-8 sequences) */
		r = inl_once(c, src, len, ctx, want_link);
	}
	if (r != AW_OK)
		c->st.truncated = 1;
}

static size_t u16len(const char *s, size_t n)
{
	size_t i, l = 0;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch & 0xc0) != 0x80)
			l += ch >= 0xf0 ? 2 : 1;
	}
	return l;
}

static void ser_table(aw_md_ctx *c, uint32_t n);

static void ser_leaf(aw_md_ctx *c, uint32_t n, int skip_task)
{
	aw_md_node *k = aw_mdi_node(c, n);
	const char *s = c->text + k->text_off;

	switch (k->type) {
	case N_PARA:
		if (skip_task) {
			size_t sk = k->text_len >= 4 ? 4 : k->text_len;
			aw_mdi_inl(c, s + sk, k->text_len - sk, AW_INL_PARAGRAPH, c->ser_want);
		} else {
			aw_mdi_inl(c, s, k->text_len, AW_INL_PARAGRAPH, c->ser_want);
		}
		emit(c, c->lin.p, c->lin.len);
		break;
	case N_HEADING: {
		char hs[8];
		unsigned i;
		if (heading_multiline(c, n)) {
			/* setext: the text, then = or - as long as its last line
			   (JavaScript string length) */
			size_t a, u;
			aw_mdi_inl(c, s, k->text_len, AW_INL_PARAGRAPH, c->ser_want);
			emit(c, c->lin.p, c->lin.len);
			a = c->lin.len;
			while (a > 0 && c->lin.p[a - 1] != '\n' && c->lin.p[a - 1] != '\r')
				a--;
			u = u16len(c->lin.p + a, c->lin.len - a);
			emit(c, "\n", 1);
			while (u--)
				emit(c, k->level == 1 ? "=" : "-", 1);
			break;
		}
		for (i = 0; i < k->level && i < 6; i++)
			hs[i] = '#';
		aw_mdi_inl(c, s, k->text_len, AW_INL_HEADING, c->ser_want);
		emit(c, hs, i);
		if (c->lin.len) {
			emit(c, " ", 1);
			if (c->lin.p[0] == ' ') {
				emits(c, "&#x20;");
				emit(c, c->lin.p + 1, c->lin.len - 1);
			} else if (c->lin.p[0] == '\t') {
				emits(c, "&#x9;");
				emit(c, c->lin.p + 1, c->lin.len - 1);
			} else {
				emit(c, c->lin.p, c->lin.len);
			}
		}
		break;
	}
	case N_TBREAK:
		emits(c, "***");
		break;
	case N_HTML: {
		size_t len = aw_mdi_drop_eol(s, k->text_len);
		if (c->ser_fl & AW_INL_REWRITE) {
			aw_buf_reset(&c->lin);
			if (aw_inl_rewrite_html(&c->env_noref, s, len, &c->lin) != AW_OK)
				c->st.truncated = 1;
			emit(c, c->lin.p, c->lin.len);
		} else {
			emit(c, s, len);
		}
		break;
	}
	case N_CODE: {
		const char *v;
		size_t len, i, run = 0, best = 0, fl;
		code_value(c, n, &v, &len);
		if (aw_mdi_code_indented(c, n)) {
			aw_md_frame *f;
			if (c->nframes >= AW_MD_DEPTH_MAX) {
				c->st.truncated = 1;
				break;
			}
			f = &c->frames[c->nframes++];
			memset(f, 0, sizeof *f);
			f->kind = F_CODEIND;
			emit(c, v, len);
			c->nframes--;
			break;
		}
		for (i = 0; i < len; i++) {
			if (v[i] == '`') {
				if (++run > best)
					best = run;
			} else {
				run = 0;
			}
		}
		fl = best + 1 > 3 ? best + 1 : 3;
		for (i = 0; i < fl; i++)
			emit(c, "`", 1);
		if (k->info_len) {
			const char *in = c->text + k->info_off;
			size_t il = k->info_len, a = 0, j;
			while (a < il && in[a] != ' ' && in[a] != '\t')
				a++;
			/* lang, then meta (unescaping of entities not done) */
			for (j = 0; j < a; j++) {
				if (in[j] == '\\' && j + 1 < a && AW_IS_PUNCT(in[j + 1]))
					j++;
				emit(c, in + j, 1);
			}
			while (a < il && (in[a] == ' ' || in[a] == '\t'))
				a++;
			if (a < il) {
				emit(c, " ", 1);
				for (j = a; j < il; j++) {
					if (in[j] == '\\' && j + 1 < il && AW_IS_PUNCT(in[j + 1]))
						j++;
					emit(c, in + j, 1);
				}
			}
		}
		emit(c, "\n", 1);
		if (len) {
			emit(c, v, len);
			emit(c, "\n", 1);
		}
		for (i = 0; i < fl; i++)
			emit(c, "`", 1);
		break;
	}
	case N_TABLE:
		ser_table(c, n);
		break;
	case N_DEFS: {
		/* document pass: [label]: url "title", one per line */
		size_t used = 0, len = k->text_len, q;
		int err, first = 1;
		struct def_parts d;
		while (used < len && s[used] == '[') {
			size_t adv = aw_mdi_parse_def(c, s + used, len - used, &err, &d);
			const char *b = s + used;
			if (!adv)
				break;
			if (!first)
				emit(c, "\n", 1);
			first = 0;
			emit(c, "[", 1);
			emit(c, b + d.lab0, d.lab1 - d.lab0);
			emit(c, "]: ", 3);
			for (q = d.u0; q < d.u1 && (unsigned char)b[q] > ' '; q++)
				;
			if (d.u0 == d.u1 || q < d.u1 || b[d.u0 - 1] == '<') {
				emit(c, "<", 1);
				emit(c, b + d.u0, d.u1 - d.u0);
				emit(c, ">", 1);
			} else {
				emit(c, b + d.u0, d.u1 - d.u0);
			}
			if (d.has_title && d.t1 > d.t0) {
				emit(c, " \"", 2);
				emit(c, b + d.t0, d.t1 - d.t0);
				emit(c, "\"", 1);
			}
			used += adv;
		}
		break;
	}
	default:
		break;
	}
}

static void frame_push(aw_md_ctx *c, uint32_t n, uint32_t parent_frame_ok, int standalone)
{
	aw_md_node *k = aw_mdi_node(c, n);
	aw_md_frame *f;

	if (c->nframes >= AW_MD_DEPTH_MAX) {
		c->st.truncated = 1;
		return;
	}
	f = &c->frames[c->nframes++];
	memset(f, 0, sizeof *f);
	f->node = n;
	if (k->type == N_BQUOTE) {
		f->kind = F_BQUOTE;
	} else if (k->type == N_LIST) {
		uint32_t x;
		f->kind = F_LIST;
		f->bullet_dash = 0;
		if (!k->ordered)
			for (x = k->first; x; x = aw_mdi_node(c, x)->next) {
				uint32_t fc = visible(c, aw_mdi_node(c, x)->first);
				if (fc && aw_mdi_node(c, fc)->type == N_TBREAK) {
					f->bullet_dash = 1;
					break;
				}
			}
	} else if (k->type == N_ITEM) {
		aw_md_frame *lf = (!standalone && parent_frame_ok && c->nframes >= 2) ?
					  &c->frames[c->nframes - 2] : NULL;
		f->kind = F_ITEM;
		if (lf && lf->kind == F_LIST && aw_mdi_node(c, lf->node)->ordered) {
			int32_t num = aw_mdi_node(c, lf->node)->start;
			char tmp[16];
			unsigned long v;
			int t = 0;
			num = num < 0 ? 1 : num;
			v = (unsigned long)num + lf->index;
			do {
				tmp[t++] = (char)('0' + v % 10);
				v /= 10;
			} while (v && t < 12);
			while (t)
				f->bullet[f->blen++] = tmp[--t];
			f->bullet[f->blen++] = '.';
		} else {
			f->bullet[0] = (lf && lf->bullet_dash) ? '-' : '*';
			f->blen = 1;
		}
		f->size = (uint8_t)(((f->blen + 1 + 3) / 4) * 4);
	}
}

/*
 * Serialize the subtree at `root` into out. standalone: root is a list
 * item printed without its list (the item markdown of section 5.3).
 */
void aw_mdi_ser(aw_md_ctx *c, uint32_t root, aw_buf *out, int rewrite, int want_link)
{
	uint32_t cur = root;
	int standalone = aw_mdi_node(c, root)->type == N_ITEM;

	c->ser_out = out;
	c->parse_only = out == NULL;
	if (aw_mdi_node(c, root)->cut) {
		/* its deepest containers were refused (too_deep) */
		c->st.truncated = 1;
		if (!c->st.limit)
			c->st.limit = "AW_MD_DEPTH_MAX";
	}
	c->at_bol = 1;
	c->bol_cr = 0;
	c->nframes = 0;
	c->ser_fl = rewrite ? AW_INL_REWRITE : 0;
	c->ser_want = want_link;
	if (!out && standalone && aw_mdi_node(c, root)->checked < 0) {
		/* parse-only walk of an item that is one paragraph (most are):
		   the walk below would only reach that paragraph's inlines */
		uint32_t fc = visible(c, aw_mdi_node(c, root)->first);
		if (fc && aw_mdi_node(c, fc)->type == N_PARA &&
		    !visible(c, aw_mdi_node(c, fc)->next)) {
			ser_leaf(c, fc, 0);
			return;
		}
	}
	for (;;) {
		aw_md_node *k = aw_mdi_node(c, cur);
		uint32_t x;
		if (aw_mdi_is_container(k->type)) {
			uint32_t fc = visible(c, k->first);
			int task = 0;
			frame_push(c, cur, 1, standalone && cur == root);
			if (k->type == N_ITEM && k->checked >= 0 && fc &&
			    aw_mdi_node(c, fc)->type == N_PARA) {
				emits(c, k->checked ? "[x] " : "[ ] ");
				task = 1;
			}
			if (fc) {
				if (aw_mdi_is_container(aw_mdi_node(c, fc)->type)) {
					cur = fc;
					continue;
				}
				ser_leaf(c, fc, task);
				x = fc;
			} else {
				x = cur;
				/* empty container: one blank line for its prefix */
				if (c->nframes && c->frames[c->nframes - 1].lines == 0) {
					put_prefix(c, 1);
					c->at_bol = 0;
				}
				if (c->nframes)
					c->nframes--;
				if (cur == root)
					return;
			}
		} else {
			ser_leaf(c, cur, 0);
			x = cur;
			if (cur == root)
				return;
		}
		/* ascend from x to the next sibling */
		for (;;) {
			uint32_t nx = visible(c, aw_mdi_node(c, x)->next);
			if (x == root)
				return;
			if (nx) {
				uint32_t par = aw_mdi_node(c, x)->parent;
				emits(c, join_str(c, x, nx, par == 0 ? 0 : par));
				if (c->nframes && c->frames[c->nframes - 1].kind == F_LIST)
					c->frames[c->nframes - 1].index++;
				if (aw_mdi_is_container(aw_mdi_node(c, nx)->type)) {
					cur = nx;
					break;
				}
				ser_leaf(c, nx, 0);
				x = nx;
				continue;
			}
			x = aw_mdi_node(c, x)->parent;
			/* leaving container x */
			if (c->nframes) {
				if (c->frames[c->nframes - 1].lines == 0) {
					put_prefix(c, 1);
					c->at_bol = 0;
				}
				c->nframes--;
			}
			if (x == root)
				return;
		}
	}
}

/* ---- GFM tables ---- */


static void ser_table(aw_md_ctx *c, uint32_t n)
{
	/* cells are rendered twice: once for widths, once for output */
	aw_md_node *k = aw_mdi_node(c, n);
	const char *s = c->text + k->text_off, *e = s + k->text_len;
	/* column scratch lives in the context (no big stack frames) */
	size_t *c0 = c->tcol[0], *c1 = c->tcol[1], *w = c->tcol[2];
	char *al = c->talign;
	int ncol = 0, pass, row, i;

	memset(w, 0, sizeof c->tcol[2]);
	memset(al, 0, sizeof c->talign);
	for (pass = 0; pass < 2; pass++) {
		const char *l = s;
		row = 0;
		while (l < e) {
			const char *nl = memchr(l, '\n', (size_t)(e - l));
			size_t ln = nl ? (size_t)(nl - l) : (size_t)(e - l);
			int cnt = aw_mdi_row_cells(l, ln, c0, c1, MAXCOLS);
			if (cnt > MAXCOLS) {
				cnt = MAXCOLS;
				c->st.truncated = 1;
			}
			if (row == 1) {
				if (pass == 0)
					for (i = 0; i < cnt; i++) {
						const char *d = l + c0[i];
						size_t dl = c1[i] - c0[i];
						int left = dl && d[0] == ':', right = dl && d[dl - 1] == ':';
						al[i] = (char)(left && right ? 'c' : left ? 'l' : right ? 'r' : 0);
					}
				else {
					emit(c, "\n|", 2);
					for (i = 0; i < ncol; i++) {
						size_t j, ww = w[i];
						emit(c, " ", 1);
						if (al[i] == 'l' || al[i] == 'c')
							emit(c, ":", 1);
						for (j = (al[i] == 'l' || al[i] == 'c') + (al[i] == 'r' || al[i] == 'c'); j < ww; j++)
							emit(c, "-", 1);
						if (al[i] == 'r' || al[i] == 'c')
							emit(c, ":", 1);
						emit(c, " |", 2);
					}
				}
			} else {
				if (pass == 0 && cnt > ncol)
					ncol = cnt;
				if (pass == 1)
					emit(c, row ? "\n|" : "|", row ? 2 : 1);
				for (i = 0; i < (pass ? ncol : cnt); i++) {
					size_t cl = 0, j, pad;
					if (i < cnt) {
						aw_mdi_inl(c, l + c0[i], c1[i] - c0[i],
							   AW_INL_TABLE_CELL,
							   pass == 1 && c->ser_want);
						cl = u16len(c->lin.p, c->lin.len);
					} else {
						aw_buf_reset(&c->lin);
					}
					if (pass == 0) {
						if (cl > w[i])
							w[i] = cl;
						continue;
					}
					pad = w[i] - cl;
					emit(c, " ", 1);
					if (al[i] == 'r')
						for (j = 0; j < pad; j++)
							emit(c, " ", 1);
					else if (al[i] == 'c')
						for (j = 0; j < pad - pad / 2; j++)
							emit(c, " ", 1);
					emit(c, c->lin.p, c->lin.len);
					if (al[i] == 'c')
						for (j = 0; j < pad / 2; j++)
							emit(c, " ", 1);
					else if (al[i] != 'r')
						for (j = 0; j < pad; j++)
							emit(c, " ", 1);
					emit(c, " |", 2);
				}
			}
			row++;
			l = nl ? nl + 1 : e;
		}
		if (pass == 0)
			for (i = 0; i < ncol; i++) {
				size_t mn = al[i] == 'c' ? 3 : (al[i] ? 2 : 1);
				if (w[i] < mn)
					w[i] = mn;
			}
	}
}
