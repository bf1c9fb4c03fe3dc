/*
 * aw_md.c - the Markdown list parser's public API (docs/spec.md 2-5, 8.4):
 * options, init, the passes (scan, items, single, reuse, window,
 * document), the item cache's calls, and line assembly: aw_md_feed cuts
 * chunks of any size into lines (LF, CR or CRLF, a UTF-8 BOM that may
 * arrive split, NUL as U+FFFD, a line over AW_MD_LINE_MAX cut and
 * flagged) and hands each whole line to the block parser, in place in the
 * fed buffer when it is whole there; aw_md_end closes the document and
 * settles what a reuse, window or single pass verified.
 *
 * The parser is four files that share aw_md_impl.h: this one,
 * aw_md_block.c (block structure, definitions), aw_md_items.c (items,
 * categories, modes, item cache) and aw_md_ser.c (Markdown serializer).
 * Deliberately not here: parsing a line (aw_md_block.c), what a block
 * means (aw_md_items.c), inline parsing and escaping (aw_inline.c), the
 * duplicate-identity rule (the caller).
 */
#include <stddef.h>
#include <string.h>

#include "aw_md_impl.h"

/* ------------------------------------------------------------------ */
/* public API */

void aw_md_opts_default(aw_md_opts *o)
{
	memset(o, 0, sizeof *o);
	o->type = AW_MD_LIST;
	o->parse_category = 1;
}

int aw_md_init(aw_md_ctx *c, const aw_md_opts *o, const aw_inl_env *env, int render,
	       aw_md_item_fn fn, void *user)
{
	aw_md_opts d;
	if (!c)
		return AW_ERR_ARG;
	if (!o) {
		aw_md_opts_default(&d);
		o = &d;
	}
	if (o->type < AW_MD_LIST || o->type > AW_MD_HEADING || o->max_heading_level < 0 ||
	    o->max_heading_level > 6 || o->min_heading_level < 0 || o->min_heading_level > 6 ||
	    o->heading_level < 0 || o->heading_level > 6)
		return AW_ERR_ARG;
	memset(c, 0, offsetof(aw_md_ctx, nodes));
	c->nnodes = c->tip = c->text_len = 0;
	c->gate_seen = c->deepest = c->deepest_scan = 0;
	c->cat_len = c->sub_len = 0;
	c->catj_len = -1;
	c->cat_trunc = 0;
	memset(&c->st, 0, sizeof c->st);
	c->at_bol = c->ser_want = c->ser_fl = c->inl_no_null = c->parse_only = 0;
	c->ser_out = NULL;
	c->nframes = 0;
	c->npend = c->pend_len = 0;
	c->sec_blocks = c->sec_start = c->sec_end = 0;
	c->sec_link = c->sec_last_type = c->sec_last_ordered = c->sec_last_icode = 0;
	c->o = *o;
	c->env = env;
	if (env)
		c->env_noref = *env;
	else
		memset(&c->env_noref, 0, sizeof c->env_noref);
	c->env_noref.defs = aw_mdi_defs_lookup;
	c->env_noref.defs_user = c;
	c->render = render;
	c->fn = fn;
	c->user = user;
	aw_buf_init(&c->md, c->md_mem, sizeof c->md_mem);
	aw_buf_init(&c->id, c->id_mem, sizeof c->id_mem);
	aw_buf_init(&c->tmp, c->tmp_mem, sizeof c->tmp_mem);
	aw_buf_init(&c->lin, c->lin_mem, sizeof c->lin_mem);
	aw_buf_init(&c->raw, c->pend_mem, sizeof c->pend_mem);
	c->ndefs = 0;
	c->def_pool_len = 0;
	c->pass = 0;
	return AW_OK;
}

int aw_md_begin_document(aw_md_ctx *c, aw_sink *out)
{
	int r;
	if (!out || !out->fn)
		return AW_ERR_ARG;
	c->sink = out;
	r = aw_md_begin(c, AW_MD_PASS_DOCUMENT);
	if (r)
		c->sink = NULL;
	return r;
}

int aw_md_begin(aw_md_ctx *c, int pass)
{
	if (pass != AW_MD_PASS_SCAN && pass != AW_MD_PASS_ITEMS && pass != AW_MD_PASS_DOCUMENT)
		return AW_ERR_ARG;
	if (pass == AW_MD_PASS_DOCUMENT && !c->sink)
		return AW_ERR_ARG;
	if (pass == AW_MD_PASS_SCAN) {
		c->ndefs = 0;
		c->def_pool_len = 0;
		c->scanned = 0;
	} else if (!c->scanned) {
		c->ndefs = 0;
		c->def_pool_len = 0;
	}
	c->pass = pass;
	c->err = 0;
	c->eof = 0;
	c->keep_pool = 0;
	c->line_no = 0;
	c->last_nonblank = c->last_ws_blank = 0;
	c->line_len = 0;
	c->cr_wait = 0;
	c->eol = EOL_LF;
	c->line_over = 0;
	c->over_line = 0;
	c->lim_name = NULL;
	c->bom_checked = 0;
	c->gate_seen = 0;
	c->deepest = 0;
	c->cat_len = c->sub_len = 0;
	c->catj_len = -1;
	c->cat_trunc = 0;
	c->sec_blocks = 0;
	c->doc_cut = 0;
	c->doc_lim = NULL;
	c->npend = c->pend_len = 0;
	aw_buf_reset(&c->raw);
	aw_mdi_pool_reset(c);
	c->cache_on = 0;
	c->reuse = c->reuse_fail = c->reuse_ok = 0;
	c->reuse_defs = 0;
	if (pass == AW_MD_PASS_ITEMS)
		aw_mdi_cache_pass(c);
	c->window = 0;
	c->nlists = 0;
	c->toc_h = c->toc_e = 0;
	if (pass == AW_MD_PASS_SCAN) {
		memset(c->toc, 0, sizeof c->toc);
		c->lists_at_def = 0;
	}
	c->ref_miss = 0;
	c->miss_total = 0;
	c->min_used = 0;
	c->single = c->single_bad = 0;
	/* the TOC decisions are those of the scan that ran just before */
	c->stream_on = AW_MD_STREAM && c->o.type == AW_MD_LIST &&
		       (pass == AW_MD_PASS_SCAN || (pass == AW_MD_PASS_ITEMS && c->fresh_scan));
	c->fresh_scan = 0;
	c->stream_tab = AW_MD_STREAM && c->o.type != AW_MD_HEADING &&
			(pass == AW_MD_PASS_SCAN || pass == AW_MD_PASS_ITEMS);
	return AW_OK;
}

int aw_md_begin_reuse(aw_md_ctx *c)
{
	int r;
	if (!c->scanned)
		return AW_ERR_STATE;
	r = aw_md_begin(c, AW_MD_PASS_ITEMS);
	if (r == AW_OK) {
		c->reuse = 1;
		c->stream_on = 0; /* the scan's TOC decisions are another version's */
	}
	return r;
}

int aw_md_reuse_ok(const aw_md_ctx *c)
{
	return c->reuse_ok;
}

unsigned long aw_md_doc_cut(const aw_md_ctx *c, const char **limit)
{
	if (limit)
		*limit = c->doc_lim;
	return c->doc_cut;
}

int aw_md_deepest(const aw_md_ctx *c)
{
	return c->scanned ? c->deepest_scan : 0;
}

int aw_md_begin_single(aw_md_ctx *c, int deepest_hint)
{
	int r;
	if (deepest_hint < 0 || deepest_hint > 6)
		return AW_ERR_ARG;
	c->scanned = 0; /* definitions are collected as it goes */
	r = aw_md_begin(c, AW_MD_PASS_ITEMS);
	if (r == AW_OK) {
		c->single = 1;
		c->deepest_hint = deepest_hint;
	}
	return r;
}

int aw_md_guess_deepest(const char *buf, size_t len)
{
	size_t i = 0;
	int deepest = 0;

	/* '#' is rare in a list: find each, then see whether it opens a line
	   (after at most 3 spaces) as a run of 1-6 followed by a space / end */
	while (i < len) {
		const char *h = memchr(buf + i, '#', len - i);
		size_t k, j, e;
		if (!h)
			break;
		k = (size_t)(h - buf);
		for (e = k; e < len && buf[e] == '#'; e++)
			;
		i = e;
		for (j = k; j > 0 && buf[j - 1] == ' ' && k - j < 3; j--)
			;
		if (j > 0 && buf[j - 1] != '\n' && buf[j - 1] != '\r')
			continue;
		if (e - k <= 6 && (e == len || buf[e] == ' ' || buf[e] == '\t' || buf[e] == '\n' ||
				   buf[e] == '\r') && (int)(e - k) > deepest)
			deepest = (int)(e - k);
	}
	return deepest;
}

int aw_md_begin_window(aw_md_ctx *c, uint32_t first_line, int gate_seen)
{
	int r;
	if (!first_line || c->o.type == AW_MD_HEADING)
		return AW_ERR_ARG;
	if (!c->scanned || c->ndefs)
		return AW_ERR_STATE;
	c->window = 1; /* (read by the cache rotation in aw_md_begin) */
	r = aw_md_begin(c, AW_MD_PASS_ITEMS);
	if (r)
		return r;
	c->reuse = 1;
	c->window = 1;
	c->stream_on = 0;
	/* the state right after a top-level ATX heading on line first_line - 1:
	   nothing open, that line the last non-blank one */
	c->line_no = first_line - 1;
	c->last_nonblank = first_line - 1;
	c->gate_seen = gate_seen != 0;
	if (first_line > 1)
		c->bom_checked = 1;
	return AW_OK;
}

uint32_t aw_md_line(const aw_md_ctx *c)
{
	return c->line_no;
}

const char *aw_md_limit(const aw_md_ctx *c, unsigned long *value, unsigned long *max,
			uint32_t *line)
{
	if (value)
		*value = c->lim_value;
	if (max)
		*max = c->lim_max;
	if (line)
		*line = c->lim_line;
	return c->lim_name;
}

int aw_md_at_atx(const aw_md_ctx *c)
{
	const aw_md_node *k = &c->nodes[c->nodes[0].last];
	/* an ATX heading is finalized when the next line arrives: until then
	   it is the only open block */
	return c->pass && !c->err && c->line_no && !c->line_len && !c->cr_wait &&
	       c->nodes[0].last && k->type == N_HEADING && k->open && !k->setext &&
	       k->parent == 0 && k->start_line == c->line_no;
}

uint32_t aw_md_ndefs(const aw_md_ctx *c)
{
	return c->ndefs;
}

void aw_md_set_heading_fn(aw_md_ctx *c, aw_md_heading_fn fn, void *user)
{
	c->head_fn = fn;
	c->head_user = user;
}

void aw_md_cache_init(aw_md_cache *k)
{
	memset(k, 0, sizeof *k);
}

void aw_md_set_cache(aw_md_ctx *c, aw_md_cache *k)
{
	c->cache = k;
	c->cache_on = 0;
}

/* ------------------------------------------------------------------ */
/* line assembly */

static void end_line(aw_md_ctx *c)
{
	size_t i = 0;
	aw_mdi_process_line(c);
	while (i < c->line_len && (c->lp[i] == ' ' || c->lp[i] == '\t'))
		i++;
	if (!c->line_blank)
		c->last_nonblank = c->line_no;
	else if (c->line_len && i >= c->line_len)
		c->last_ws_blank = c->line_no;
	c->line_len = 0;
	if (c->line_over)
		c->over_line = c->line_no;
	c->line_over = 0;
}

/* First index >= i of '\r' or NUL in buf[0..len), looking at most 64 KiB
 * ahead (then the end of that window): the lines are parsed while those
 * bytes are still in the cache. */
static size_t first_cr_nul(const char *buf, size_t i, size_t len)
{
	size_t w = len - i > 65536 ? i + 65536 : len;
	const char *r = memchr(buf + i, '\r', w - i), *z;
	size_t e = r ? (size_t)(r - buf) : w;
	z = memchr(buf + i, 0, e - i);
	return z ? (size_t)(z - buf) : e;
}

int aw_md_feed(aw_md_ctx *c, const char *buf, size_t len)
{
	size_t i = 0, spec = first_cr_nul(buf, 0, len);

	if (!c->pass)
		return AW_ERR_STATE;
	/* spec: the next '\r' or NUL; lines before it end at a '\n' only,
	   found with memchr (most documents have neither) */
	while (i < len && !c->err) {
		unsigned char ch = (unsigned char)buf[i];
		if (!c->bom_checked) {
			/* a UTF-8 BOM may arrive split: hold up to 3 bytes */
			static const unsigned char bom[3] = { 0xef, 0xbb, 0xbf };
			if (ch == bom[c->line_len]) {
				c->line[c->line_len++] = (char)ch;
				i++;
				if (c->line_len == 3) {
					c->line_len = 0;
					c->bom_checked = 1;
				}
				continue;
			}
			c->bom_checked = 1;
		}
		if (c->cr_wait) {
			/* the line held back at a CR that ended the last chunk */
			c->cr_wait = 0;
			c->eol = ch == '\n' ? EOL_CRLF : EOL_CR;
			c->lp = c->line;
			end_line(c);
			if (ch == '\n')
				i++;
			continue;
		}
		if (ch == '\n' || ch == '\r') {
			if (ch == '\r' && i + 1 == len) {
				c->cr_wait = 1; /* CR or CRLF: the next byte says */
				i++;
				continue;
			}
			c->eol = ch == '\n' ? EOL_LF : buf[i + 1] == '\n' ? EOL_CRLF : EOL_CR;
			c->lp = c->line;
			end_line(c);
			i += c->eol == EOL_CRLF ? 2 : 1;
			continue;
		}
		{
			/* copy a run of ordinary bytes */
			size_t j;
			const char *nl;
			if (spec < i || (spec == i && buf[i] != 0))
				spec = first_cr_nul(buf, i, len); /* (passed, or a window end) */
			nl = memchr(buf + i, '\n', spec - i);
			j = nl ? (size_t)(nl - buf) : spec;
			if (j == i) {
				/* NUL -> U+FFFD */
				if (AW_MD_LINE_MAX - c->line_len < 3)
					c->line_over = 1;
				else {
					memcpy(c->line + c->line_len, "\xef\xbf\xbd", 3);
					c->line_len += 3;
				}
				i++;
				continue;
			}
			while (!c->line_len && !nl && j < len && buf[j] != '\r' && buf[j] != 0) {
				/* a look-ahead window ended inside a fresh line:
				   find its end (a line of any length is parsed in
				   place when it is whole in buf) */
				spec = first_cr_nul(buf, j, len);
				nl = memchr(buf + j, '\n', spec - j);
				j = nl ? (size_t)(nl - buf) : spec;
			}
			if (!c->line_len && !c->line_over && j < len &&
			    (buf[j] == '\n' || (buf[j] == '\r' && j + 1 < len))) {
				/* a whole line in buf, its end known: parse it in
				   place, no copy (a CR ending buf: copied, held) */
				c->lp = buf + i;
				c->line_len = j - i;
				c->eol = buf[j] == '\n' ? EOL_LF :
					 buf[j + 1] == '\n' ? EOL_CRLF : EOL_CR;
				end_line(c);
				i = j + (c->eol == EOL_CRLF ? 2 : 1);
				continue;
			}
			if (j - i > AW_MD_LINE_MAX - c->line_len) {
				/* a line longer than the buffer (it arrived in
				   pieces): its end is dropped and every item
				   around it flagged, the run goes on */
				j = i + (AW_MD_LINE_MAX - c->line_len);
				while (j > i && ((unsigned char)buf[j] & 0xc0) == 0x80)
					j--; /* (a whole UTF-8 sequence or none) */
				c->line_over = 1;
				memcpy(c->line + c->line_len, buf + i, j - i);
				c->line_len += j - i;
				i = nl ? (size_t)(nl - buf) : spec;
				continue;
			}
			memcpy(c->line + c->line_len, buf + i, j - i);
			c->line_len += j - i;
			i = j;
		}
	}
	return c->err;
}

int aw_md_end(aw_md_ctx *c)
{
	if (!c->pass)
		return AW_ERR_STATE;
	if (!c->err && !c->bom_checked)
		c->bom_checked = 1; /* a lone partial BOM stays text */
	if (!c->err && c->cr_wait) {
		c->cr_wait = 0;
		c->eol = EOL_CR;
		c->lp = c->line;
		end_line(c);
	}
	c->eof_nl = c->line_no > 0 && !c->line_len;
	if (!c->err && c->line_len) {
		c->eol = EOL_NONE;
		c->lp = c->line;
		end_line(c);
	}
	c->eof = 1;
	if (!c->err)
		aw_mdi_close_below(c, 0);
	if (!c->err && c->pass == AW_MD_PASS_ITEMS && c->o.type == AW_MD_HEADING)
		aw_mdi_sec_close(c, 1);
	if (!c->err && c->pass == AW_MD_PASS_DOCUMENT) {
		if (c->sec_blocks && aw_sink_putc(c->sink, '\n'))
			aw_mdi_set_err(c, c->sink->err);
		c->sink = NULL;
	}
	if (c->pass == AW_MD_PASS_SCAN && !c->err) {
		c->fresh_scan = 1;
		c->scanned = 1;
		c->deepest_scan = c->deepest;
	}
	if (c->reuse)
		c->reuse_ok = !c->err && !c->reuse_fail && c->reuse_defs == c->ndefs &&
			      (c->window || c->deepest == c->deepest_scan);
	if (c->single) {
		/* every category was decided with the final min level, and no
		   reference missed before a definition was stored: scan + items
		   would have reported the same; the facts are now complete */
		int hinted = aw_mdi_lvl_min(c);
		c->single = 0;
		c->reuse_ok = !c->err && !c->single_bad && hinted == aw_mdi_lvl_min(c) &&
			      (!c->min_used || c->min_used == hinted);
		if (c->reuse_ok) {
			c->scanned = 1;
			c->deepest_scan = c->deepest;
		}
	}
	c->reuse = 0;
	c->window = 0;
	c->pass = 0;
	return c->err;
}
