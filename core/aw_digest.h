/*
 * aw_digest.h - the digest walker: the items of an aw_store_ctx grouped as
 * trackawesomelist groups them, as a stream of events
 *
 *   PERIOD (a week or a UTC day, newest first)
 *     CATEGORY (categories in order of first appearance in the document)
 *       ITEM ... (document order)
 *     CATEGORY_END
 *     ...
 *   PERIOD_END
 *   ...
 *
 * Every renderer consumes this and nothing else: the weekly / daily
 * Markdown pages (aw_render.h), the `items` table of the CLI, and the
 * Atom / RSS / JSON / HTML / small-display outputs. A renderer never looks
 * into the store's internals; an item event carries the entry's structured
 * fields (title, URL, identifier, description, category, rendered
 * Markdown, time), as far as the store kept them (see `have`).
 *
 * Pull style: aw_digest_next returns one event at a time, so a renderer
 * can stop between any two events (a socket that is full, a display page
 * that is complete) and continue later; aw_digest_walk is the callback
 * style on top of it.
 *
 * Memory: the walker's state, including its sort scratch (about 9 bytes
 * per AW_STORE_ITEMS_MAX), is the caller-owned aw_digest_ctx; place it in
 * static storage or on a port's heap. The store is only read (const): any
 * number of walkers may walk one store at once, but the store must not
 * change while one of them walks it (aw_store_put / aw_store_init end the
 * walk's validity). Pointers in events point into the store or into the
 * context and stay valid until the next aw_digest_next call on this context
 * (strings into the store stay valid until the store changes).
 *
 * Grouping rules (tal-spec 7, as measured on the real pages): a weekly
 * period is an ISO-8601 week of the item's UTC time, a daily period its UTC
 * date; periods newest first; inside a period, categories in order of the
 * first item (in document order) of that period having it, items of one
 * category in document order; the empty category is a group too (the
 * Markdown renderer prints no heading for it).
 */
#ifndef AW_DIGEST_H
#define AW_DIGEST_H

#include "aw.h"
#include "aw_store.h"

/*
 * Kinds. AW_DIGEST_DOCUMENT is the store as it is, for tables of every
 * item (the CLI's `items`): one period (key 0, year / week / start 0) with
 * every item in document order, a category group for each run of
 * consecutive items with the same category (a category may then come
 * back as a later group).
 */
enum { AW_DIGEST_WEEKLY = 0, AW_DIGEST_DAILY = 1, AW_DIGEST_DOCUMENT = 2 };

/* "No lower bound" for aw_digest_opts.since (same value as AW_TIME_NONE),
 * "no upper bound" for aw_digest_opts.until. */
#define AW_DIGEST_ALL_TIME INT64_MIN
#define AW_DIGEST_NO_END INT64_MAX

typedef struct aw_digest_opts {
	int kind;               /* AW_DIGEST_WEEKLY, _DAILY or _DOCUMENT */
	unsigned max_periods;   /* newest periods to report, 0 = all */
	int64_t since;          /* only items with time >= since (Unix seconds);
				   AW_DIGEST_ALL_TIME = every item. A period with
				   no such item is not reported. */
	int64_t until;          /* only items with time < until; AW_DIGEST_NO_END
				   = no bound. With until = the start of a period
				   (aw_digest_period_start), that period and
				   every later one are left out, and
				   max_periods counts the periods before it
				   (the feeds' "complete periods only"). */
} aw_digest_opts;

/* Fill with: weekly, every period, every item. */
void aw_digest_opts_default(aw_digest_opts *o);

/* Event types (aw_digest_ev.type). */
enum {
	AW_DIGEST_PERIOD = 1,       /* a period begins: ev.period */
	AW_DIGEST_CATEGORY = 2,     /* a category group begins: ev.period, ev.category */
	AW_DIGEST_ITEM = 3,         /* ev.period, ev.category, ev.item */
	AW_DIGEST_CATEGORY_END = 4, /* the group ends: ev.period, ev.category */
	AW_DIGEST_PERIOD_END = 5    /* the period ends: ev.period */
};

typedef struct aw_digest_period {
	int kind;               /* AW_DIGEST_WEEKLY or AW_DIGEST_DAILY */
	uint32_t key;           /* weekly: ISO year * 100 + week (aw_time_week_key);
				   daily: YYYYMMDD (aw_time_day_key) */
	int year, week;         /* weekly: ISO week-year and week (1..53), for
				   aw_time_week_label / aw_time_week_path; daily: 0 */
	int64_t start;          /* first second of the period (Monday 00:00 UTC
				   or the day's 00:00 UTC): for aw_time_day_label,
				   aw_time_day_path, feed dates */
	int64_t end;            /* first second after the period (start + 7 or
				   1 days) */
	int64_t first, last;    /* earliest / latest item time in the period */
	uint32_t index;         /* 0 for the newest period reported, 1, ... */
	uint32_t n_items;       /* items in the period */
	uint32_t n_categories;  /* category groups in the period */
} aw_digest_period;

/* aw_digest_item.have: the fields the store kept for this item (a board
 * stores what its capacities allow: see aw_store.h, AW_STORE_IDENTS). A
 * field that is not kept is "" with length 0. Same values as
 * AW_STORE_HAVE_*. */
#define AW_DIGEST_HAVE_TITLE AW_STORE_HAVE_TITLE
#define AW_DIGEST_HAVE_URL AW_STORE_HAVE_URL
#define AW_DIGEST_HAVE_IDENT AW_STORE_HAVE_IDENT
#define AW_DIGEST_HAVE_DESC AW_STORE_HAVE_DESC
#define AW_DIGEST_HAVE_CATEGORY AW_STORE_HAVE_CATEGORY
#define AW_DIGEST_HAVE_MARKDOWN AW_STORE_HAVE_MARKDOWN

/* aw_digest_item.flags: none defined yet (0) */

/*
 * One entry. Strings are not NUL-terminated and are untrusted text from
 * the list: every renderer escapes them for its format. Their meaning is
 * that of aw_store_fields (aw_store.h):
 *   title        the text of the entry's first link as the Markdown page
 *                prints it (escapes and star badge kept), e.g.
 *                "footloose"
 *   url          that link's destination as the Markdown page prints it
 *                (after docs/spec.md 5.1 rewriting), e.g.
 *                "https://github.com/weaveworks/footloose"
 *   ident        the identifier (docs/spec.md 4): what the identity hashes
 *   description  the entry's markdown after the first link, a leading
 *                " - " / " \xe2\x80\x94 " / ": " separator removed; may be empty
 *   category     the category the Markdown page groups by ("" = none)
 *   markdown     the entry as the Markdown page prints it (docs/spec.md 5)
 */
typedef struct aw_digest_item {
	const uint8_t *id;      /* 20-byte identity (SHA-1 of ident) */
	int64_t time;           /* "added" time, Unix seconds UTC */
	uint32_t index;         /* position in the document (0-based) */
	unsigned have;          /* AW_DIGEST_HAVE_* */
	unsigned flags;         /* 0 (reserved) */
	const char *title; size_t title_len;
	const char *url; size_t url_len;
	const char *ident; size_t ident_len;
	const char *description; size_t description_len;
	const char *category; size_t category_len;
	const char *markdown; size_t markdown_len;
} aw_digest_item;

typedef struct aw_digest_ev {
	int type;                       /* AW_DIGEST_* event type */
	const aw_digest_period *period; /* every event */
	const char *category;           /* CATEGORY, ITEM, CATEGORY_END */
	size_t category_len;
	uint32_t n_in_category;         /* CATEGORY, CATEGORY_END: items in the group */
	const aw_digest_item *item;     /* ITEM only, else NULL */
} aw_digest_ev;

/* The walker (caller-owned; fields are private to aw_digest.c). */
typedef struct aw_digest_ctx {
	const aw_store_ctx *s;
	aw_digest_opts o;
	uint32_t n;                     /* items taking part (time >= since) */
	uint32_t a, b;                  /* current period: order[a..b) */
	uint32_t lead, q;               /* current group's lead, scan position */
	uint32_t periods;
	int state;
	aw_digest_period period;
	aw_digest_item item;
	uint32_t order[AW_STORE_ITEMS_MAX];
	uint32_t bucket[AW_STORE_ITEMS_MAX];
	uint8_t done[AW_STORE_ITEMS_MAX];
} aw_digest_ctx;

/*
 * Start a walk over store `s` (sorts once: O(n log n), no recursion).
 * `o` NULL = aw_digest_opts_default. Returns AW_OK or AW_ERR_ARG (w or s
 * NULL, bad kind).
 */
int aw_digest_begin(aw_digest_ctx *w, const aw_store_ctx *s, const aw_digest_opts *o);

/*
 * Next event into *ev. Returns 1 (an event), 0 (the walk is complete: no
 * more events; further calls return 0), or AW_ERR_STATE (no walk begun).
 */
int aw_digest_next(aw_digest_ctx *w, aw_digest_ev *ev);

/* Callback style: a non-zero return stops the walk and is returned as is. */
typedef int (*aw_digest_fn)(void *user, const aw_digest_ev *ev);

/*
 * The whole walk: aw_digest_begin, then `fn` for every event. Returns
 * AW_OK, an error of aw_digest_begin, or fn's first non-zero return.
 */
int aw_digest_walk(aw_digest_ctx *w, const aw_store_ctx *s, const aw_digest_opts *o,
		   aw_digest_fn fn, void *user);

/* Period key of time t for a kind (weekly: ISO year * 100 + week, daily:
 * YYYYMMDD, document: 0), and the first second of the period holding t
 * (document: AW_DIGEST_ALL_TIME). */
uint32_t aw_digest_period_key(int kind, int64_t t);
int64_t aw_digest_period_start(int kind, int64_t t);

#endif /* AW_DIGEST_H */
