/*
 * aw_track.c - the tracker (aw_track.h): runs the parser over each version
 * of a list, hashes item identities, dates them through the replay and
 * puts them into the store. It owns the pass logic: one items pass
 * verified to equal the reference's scan + items passes when it can be
 * (aw_md_begin_single), else the pass is discarded (the replay's version
 * aborted, the store emptied, observers told) and both passes are run
 * over the version again; versions of a replay go through aw_delta_ctx when
 * the port keeps whole buffers. A saved state's dates can stand in for
 * the history (restore), for a poller that keeps a record between runs.
 *
 * It does not read, allocate or keep any text: the port feeds the bytes
 * (and feeds them again when asked), and with AW_TRACK_CAP_WHOLE keeps
 * the last version's buffer valid as documented.
 */
#include "aw_track.h"

#include <string.h>

#include "aw_sha1.h"

enum { K_NONE, K_PARSE, K_IMPORT, K_VERSION, K_FINISH, K_DOCUMENT };
enum { S_IDLE, S_TRIAL, S_SCAN, S_ITEMS };

static int on_md_item(void *user, const aw_md_item *it)
{
	aw_track_ctx *t = user;
	uint8_t id[20];
	int64_t tm = 0;
	int rc = AW_OK;

	if (it->flags & AW_MD_F_TRUNC) {
		const char *nm = it->limit ? it->limit : "?";
		unsigned k;
		t->trunc++;
		for (k = 0; k < t->nplim && strcmp(t->plim[k], nm); k++)
			;
		if (k == t->nplim && k < AW_TRACK_LIMITS_MAX)
			t->plim[t->nplim++] = nm;
	}
	if (t->kind == K_PARSE) {
		/* no identities: nothing is dated or stored */
		if (t->cfg.on_item) {
			aw_track_item ti;
			ti.md = it;
			ti.id = NULL;
			ti.time = 0;
			rc = t->cfg.on_item(t->cfg.user, &ti);
			if (rc)
				t->err_line = it->end_line;
		}
		return rc;
	}
	if (it->flags & AW_MD_F_SHA1)
		memcpy(id, it->sha1, sizeof id);
	else
		aw_sha1(it->ident, it->ident_len, id);
	switch (t->kind) {
	case K_IMPORT:
		rc = t->time_fn(t->time_user, it->end_line, &tm);
		if (!rc)
			rc = aw_replay_import(&t->rp, id, tm);
		break;
	case K_VERSION:
		rc = aw_replay_item(&t->rp, id);
		if (!rc && t->render && !aw_datemap_get(t->rp.cur, id, &tm))
			rc = AW_ERR_STATE;
		break;
	case K_FINISH:
		/* every identity of the final version was dated by the last
		 * version; an unverified first pass may see other identities
		 * (then it is redone, and this error goes nowhere) */
		if (!aw_replay_date(&t->rp, id, &tm)) {
			if (t->undated_on)
				tm = t->undated;
			else
				rc = AW_ERR_STATE;
		}
		break;
	default:
		break;
	}
	if (!rc && t->render)
		t->items++;
	if (!rc && t->render && (!t->cfg.since_on || tm >= t->cfg.since)) {
		aw_store_fields f;
		memset(&f, 0, sizeof f);
		f.category = it->category;
		f.category_len = it->category_len;
		f.markdown = it->md;
		f.markdown_len = it->md_len;
		f.ident = it->ident;
		f.ident_len = it->ident_len;
		rc = aw_store_put_fields(t->m.store, id, tm, &f);
	}
	if (!rc && t->cfg.on_item) {
		aw_track_item ti;
		ti.md = it;
		ti.id = id;
		ti.time = tm;
		rc = t->cfg.on_item(t->cfg.user, &ti);
	}
	if (rc)
		t->err_line = it->end_line;
	return rc;
}

int aw_track_init(aw_track_ctx *t, const aw_track_mem *m, const aw_track_cfg *cfg)
{
	aw_md_opts d;

	if (!t || !m || !m->md || !m->map_a || !m->map_b || m->map_a == m->map_b ||
	    (!m->store && !(cfg && (cfg->caps & AW_TRACK_CAP_WHOLE))))
		return AW_ERR_ARG;
	memset(t, 0, sizeof *t);
	t->m = *m;
	if (cfg)
		t->cfg = *cfg;
	if (t->cfg.opts) {
		t->opts = *t->cfg.opts;
	} else {
		aw_md_opts_default(&d);
		t->opts = d;
	}
	t->cfg.opts = NULL;
	/* validates the options once */
	if (aw_md_init(m->md, &t->opts, t->cfg.env, 0, NULL, NULL))
		return AW_ERR_ARG;
	aw_datemap_init(m->map_a);
	aw_datemap_init(m->map_b);
	aw_replay_init(&t->rp, m->map_a, m->map_b);
	if (m->store)
		aw_store_init(m->store);
	if (m->cache)
		aw_md_cache_init(m->cache);
	t->kind = K_NONE;
	t->stage = S_IDLE;
	return AW_OK;
}

/* the one-pass trial is used unless whole buffers meet a streaming parser
 * (AW_MD_STREAM holds lists whole in a trial: two passes fit the buffers) */
static int use_trial(const aw_track_ctx *t)
{
	return !(t->cfg.caps & AW_TRACK_CAP_WHOLE) || !AW_MD_STREAM;
}

/* Bookkeeping before an items pass (the trial or the second pass). */
static int items_setup(aw_track_ctx *t)
{
	int rc = AW_OK;
	if (t->kind == K_IMPORT)
		rc = aw_replay_begin(&t->rp, 0);
	else if (t->kind == K_VERSION)
		rc = aw_replay_begin(&t->rp, t->seen);
	if (t->render && t->kind != K_PARSE) {
		aw_store_init(t->m.store);
		t->items = 0;
	}
	return rc;
}

static void version_abort(aw_track_ctx *t)
{
	if ((t->kind == K_IMPORT || t->kind == K_VERSION) && t->rp.in_version)
		aw_replay_abort(&t->rp);
}

static int fail(aw_track_ctx *t, int rc)
{
	version_abort(t);
	if (rc == AW_ERR_SYNTAX)
		t->rejected++;
	t->stage = S_IDLE;
	return rc;
}

static int accept(aw_track_ctx *t)
{
	int rc = AW_OK;
	if (t->kind == K_IMPORT || t->kind == K_VERSION) {
		rc = aw_replay_end(&t->rp);
		if (rc)
			return fail(t, rc);
		t->versions++;
		t->have_version = 1;
	}
	if (t->kind == K_DOCUMENT) {
		/* the printed document: its cut blocks */
		const char *lim = NULL;
		t->final_trunc = aw_md_doc_cut(t->m.md, &lim);
		t->flim[0] = lim ? lim : "?";
		t->nflim = t->final_trunc ? 1 : 0;
	} else if (t->render && t->kind != K_PARSE) {
		/* the version that is printed: its cut items, each once */
		t->final_items = t->items;
		t->final_trunc = t->trunc - t->trunc0;
		memcpy(t->flim, t->plim, sizeof t->flim);
		t->nflim = t->nplim;
	}
	t->hint = aw_md_deepest(t->m.md);
	t->stage = S_IDLE;
	return AW_OK;
}

/* The trial did not verify: undo it, tell the observers, start the scan. */
static int restart(aw_track_ctx *t)
{
	int rc;
	version_abort(t);
	t->trunc = t->trunc0;
	t->nplim = 0;
	t->fallbacks++;
	if (t->cfg.on_restart && (rc = t->cfg.on_restart(t->cfg.user)))
		return fail(t, rc);
	t->stage = S_SCAN;
	if ((rc = aw_md_begin(t->m.md, AW_MD_PASS_SCAN)))
		return fail(t, rc);
	return AW_TRACK_AGAIN;
}

static int begin(aw_track_ctx *t, int kind, int render, int hint)
{
	int rc;

	if (t->stage != S_IDLE)
		return AW_ERR_STATE;
	if (render && kind != K_PARSE && kind != K_DOCUMENT && !t->m.store)
		return AW_ERR_STATE;    /* nowhere to render to */
	t->kind = kind;
	t->render = render;
	t->err_line = 0;
	t->trunc0 = t->trunc;
	t->nplim = 0;
	t->delta_ready = 0;
	if ((rc = aw_md_init(t->m.md, &t->opts, t->cfg.env, render, on_md_item, t)))
		return rc;
	if (use_trial(t) && kind != K_DOCUMENT) {
		t->stage = S_TRIAL;
		if ((rc = items_setup(t)) || (rc = aw_md_begin_single(t->m.md, hint)))
			return fail(t, rc);
	} else {
		t->stage = S_SCAN;
		if ((rc = aw_md_begin(t->m.md, AW_MD_PASS_SCAN)))
			return fail(t, rc);
	}
	return AW_OK;
}

/* versions are rendered and stored as they come in streaming mode */
static int streamed(const aw_track_ctx *t)
{
	return !(t->cfg.caps & AW_TRACK_CAP_WHOLE);
}

int aw_track_begin_import(aw_track_ctx *t, aw_track_time_fn fn, void *user)
{
	if (!fn)
		return AW_ERR_ARG;
	t->time_fn = fn;
	t->time_user = user;
	return begin(t, K_IMPORT, streamed(t), t->hint);
}

int aw_track_begin_version(aw_track_ctx *t, int64_t seen)
{
	t->seen = seen;
	return begin(t, K_VERSION, streamed(t), t->hint);
}

int aw_track_begin_finish(aw_track_ctx *t)
{
	return begin(t, K_FINISH, 1, t->hint);
}

int aw_track_begin_parse(aw_track_ctx *t, int render)
{
	return begin(t, K_PARSE, render != 0, t->hint);
}

int aw_track_begin_document(aw_track_ctx *t, aw_sink *out)
{
	if (!out || !out->fn)
		return AW_ERR_ARG;
	t->doc_out = out;
	return begin(t, K_DOCUMENT, 1, 0);
}

int aw_track_feed(aw_track_ctx *t, const char *p, size_t n)
{
	int rc;
	if (t->stage == S_IDLE)
		return AW_ERR_STATE;
	rc = aw_md_feed(t->m.md, p, n);
	if (!rc)
		return AW_OK;
	if (t->stage == S_TRIAL)
		return restart(t);
	return fail(t, rc);
}

int aw_track_end(aw_track_ctx *t)
{
	int rc;
	if (t->stage == S_IDLE)
		return AW_ERR_STATE;
	rc = aw_md_end(t->m.md);
	switch (t->stage) {
	case S_TRIAL:
		if (!rc && aw_md_reuse_ok(t->m.md))
			return accept(t);
		return restart(t);
	case S_SCAN:
		if (rc)
			return fail(t, rc);
		t->stage = S_ITEMS;
		if (t->kind == K_DOCUMENT)
			rc = aw_md_begin_document(t->m.md, t->doc_out);
		else if (!(rc = items_setup(t)))
			rc = aw_md_begin(t->m.md, AW_MD_PASS_ITEMS);
		if (rc)
			return fail(t, rc);
		return AW_TRACK_AGAIN;
	default:
		if (rc)
			return fail(t, rc);
		return accept(t);
	}
}

/* feed a whole text as often as the passes need it */
static int run_text(aw_track_ctx *t, const char *text, size_t len)
{
	int rc;
	do {
		rc = aw_track_feed(t, text, len);
		if (rc == AW_OK)
			rc = aw_track_end(t);
	} while (rc == AW_TRACK_AGAIN);
	return rc;
}

int aw_track_import(aw_track_ctx *t, const char *text, size_t len, aw_track_time_fn fn,
		    void *user)
{
	int rc;
	if (!fn || (!text && len))
		return AW_ERR_ARG;
	t->time_fn = fn;
	t->time_user = user;
	if ((rc = begin(t, K_IMPORT, streamed(t), aw_md_guess_deepest(text, len))))
		return rc;
	rc = run_text(t, text, len);
	if (!rc) {
		t->last = text;
		t->last_len = len;
	}
	return rc;
}

/* keep aw_delta_ctx's counts across its re-initialisations */
static void delta_fold(aw_track_ctx *t)
{
	const aw_delta_ctx *d = t->m.delta;
	if (!t->delta_used) {
		t->delta_used = 1;
		return;
	}
	t->dsum.truncated += d->truncated;
	t->dsum.same += d->same;
	t->dsum.windows += d->windows;
	t->dsum.wholes += d->wholes;
	t->dsum.window_bytes += d->window_bytes;
}

int aw_track_version(aw_track_ctx *t, int64_t seen, const char *text, size_t len)
{
	int rc;
	if (!text && len)
		return AW_ERR_ARG;
	if ((t->cfg.caps & AW_TRACK_CAP_WHOLE) && t->m.delta) {
		if (t->stage != S_IDLE)
			return AW_ERR_STATE;
		if (!t->delta_ready) {
			delta_fold(t);
			/* (nested items bypass the item cache) */
			if ((rc = aw_delta_init(t->m.delta, t->m.md, &t->opts, t->cfg.env,
						t->opts.nested ? NULL : t->m.cache)))
				return rc;
			t->delta_ready = 1;
		}
		rc = aw_delta_version(t->m.delta, &t->rp, seen, text, len);
		if (rc == AW_ERR_SYNTAX) {
			t->rejected++;
			return rc;
		}
		if (rc) {
			t->delta_ready = 0;
			return rc;
		}
		t->versions++;
		t->have_version = 1;
		t->last = text;
		t->last_len = len;
		return AW_OK;
	}
	t->seen = seen;
	if ((rc = begin(t, K_VERSION, streamed(t), aw_md_guess_deepest(text, len))))
		return rc;
	rc = run_text(t, text, len);
	if (!rc) {
		t->last = text;
		t->last_len = len;
	}
	return rc;
}

int aw_track_finish(aw_track_ctx *t, const char *text, size_t len)
{
	int rc;
	if (!text) {
		if (len)
			return AW_ERR_ARG;
		if (!t->have_version)
			return AW_ERR_STATE;
		if (streamed(t))
			return AW_OK; /* stored as it came */
		text = t->last;
		len = t->last_len;
	}
	if ((rc = begin(t, K_FINISH, 1, aw_md_guess_deepest(text, len))))
		return rc;
	return run_text(t, text, len);
}

int aw_track_parse(aw_track_ctx *t, const char *text, size_t len, int render)
{
	int rc;
	if (!text && len)
		return AW_ERR_ARG;
	if ((rc = begin(t, K_PARSE, render != 0, aw_md_guess_deepest(text, len))))
		return rc;
	return run_text(t, text, len);
}

int aw_track_document(aw_track_ctx *t, const char *text, size_t len, aw_sink *out)
{
	int rc;
	if (!text && len)
		return AW_ERR_ARG;
	if ((rc = aw_track_begin_document(t, out)))
		return rc;
	return run_text(t, text, len);
}

int aw_track_set_store(aw_track_ctx *t, aw_store_ctx *store)
{
	if (t->stage != S_IDLE)
		return AW_ERR_STATE;
	if (!store && !(t->cfg.caps & AW_TRACK_CAP_WHOLE))
		return AW_ERR_ARG;
	t->m.store = store;
	return AW_OK;
}

int aw_track_set_env(aw_track_ctx *t, const aw_inl_env *env)
{
	if (t->stage != S_IDLE)
		return AW_ERR_STATE;
	if (t->cfg.env != env)
		t->delta_ready = 0;     /* aw_delta_ctx parses with the env */
	t->cfg.env = env;
	return AW_OK;
}

void aw_track_set_undated(aw_track_ctx *t, int64_t time)
{
	t->undated_on = 1;
	t->undated = time;
}

int aw_track_restore_begin(aw_track_ctx *t)
{
	if (t->stage != S_IDLE || t->rp.in_version)
		return AW_ERR_STATE;
	aw_datemap_clear(t->rp.prev);
	t->delta_ready = 0;     /* the next version is parsed whole */
	t->last = NULL;
	t->last_len = 0;
	t->have_version = 1;
	return AW_OK;
}

int aw_track_restore(aw_track_ctx *t, const uint8_t id[20], int64_t time)
{
	if (t->stage != S_IDLE || t->rp.in_version)
		return AW_ERR_STATE;
	t->have_version = 1;
	return aw_datemap_put(t->rp.prev, id, time);
}

const aw_datemap_ctx *aw_track_dates(const aw_track_ctx *t)
{
	return t->rp.prev;
}

const aw_store_ctx *aw_track_store(const aw_track_ctx *t)
{
	return t->m.store;
}

int aw_track_date(const aw_track_ctx *t, const uint8_t id[20], int64_t *time)
{
	return aw_replay_date(&t->rp, id, time);
}

uint32_t aw_track_err_line(const aw_track_ctx *t)
{
	return t->err_line;
}

void aw_track_get_stats(const aw_track_ctx *t, aw_track_stats *s)
{
	*s = t->dsum;
	s->versions = t->versions;
	s->rejected = t->rejected;
	s->fallbacks = t->fallbacks;
	s->final_items = t->final_items;
	s->final_truncated = t->final_trunc;
	memcpy(s->limits, t->flim, sizeof s->limits);
	s->nlimits = t->nflim;
	s->truncated += t->trunc;
	if (t->delta_used) {
		const aw_delta_ctx *d = t->m.delta;
		s->truncated += d->truncated;
		s->same += d->same;
		s->windows += d->windows;
		s->wholes += d->wholes;
		s->window_bytes += d->window_bytes;
	}
}
