/*
 * aw_feedout.h - feeds of a list's digest: Atom 1.0, RSS 2.0 and JSON Feed
 * 1.1, one entry per period (ISO week or UTC day, as the pages' "##"
 * sections), plus the pieces the HTML dashboard (aw_html.h) shares with
 * them: the escaping writer and the item markdown -> inert HTML converter.
 * Periods, categories and items come from the digest walker (aw_digest.h).
 *
 * Everything streams into a caller aw_sink; nothing is allocated and nothing
 * is buffered beyond a date label. Text that comes from a README (item
 * markdown, categories, names, descriptions) is escaped for the output
 * format; links other than http(s) are dropped (their text stays).
 */
#ifndef AW_FEEDOUT_H
#define AW_FEEDOUT_H

#include "aw.h"
#include "aw_render.h"   /* AW_PAGE_WEEKLY / AW_PAGE_DAILY */
#include "aw_store.h"
#include "aw_digest.h"

/* ---- escaping writer ---- */

enum { AW_FEEDOUT_ESC_NONE = 0, AW_FEEDOUT_ESC_XML = 1, AW_FEEDOUT_ESC_JSON = 2 };

/* An escaping layer over a caller's aw_sink (its sticky error is the
 * writer's: nothing is written once out->err is set). */
typedef struct aw_feedout_esc {
	aw_sink *out;
	int esc;    /* AW_FEEDOUT_ESC_*: applied to everything written but
		       aw_feedout_esc_raw */
} aw_feedout_esc;

/* `out` must outlive the writer's use. */
void aw_feedout_esc_init(aw_feedout_esc *o, aw_sink *out, int esc);
/* Bytes as they are (markup of the outer format). */
void aw_feedout_esc_raw(aw_feedout_esc *o, const char *s, size_t n);
/* Untrusted text: invalid UTF-8 becomes U+FFFD, control bytes other than
 * TAB / LF / CR are dropped, then escaped for o->esc. */
void aw_feedout_esc_text(aw_feedout_esc *o, const char *s, size_t n);
/* The same, HTML-escaped first (& < > " '): text inside HTML that is then
 * carried in o->esc. */
void aw_feedout_esc_html_text(aw_feedout_esc *o, const char *s, size_t n);
/* Trusted ASCII (our own markup and numbers), escaped for o->esc only. */
void aw_feedout_esc_str(aw_feedout_esc *o, const char *s);

/* 1 when u[0..n) is an absolute http:// or https:// URL with a host and
 * no whitespace or control bytes (the only links we ever write). */
int aw_feedout_url_ok(const char *u, size_t n);

/*
 * Item (or category) markdown as inert HTML, through o (so it lands
 * escaped once more for XML / JSON): the list marker is dropped,
 * [text](url) becomes <a href> only for http(s) URLs (else its text),
 * images become their alt text, `code` becomes <code>, a hard break <br>,
 * emphasis markers are dropped, everything else is HTML-escaped text.
 * Valid character references (&amp; &#60; ...) pass through.
 */
void aw_feedout_md_html(aw_feedout_esc *o, const char *md, size_t n, int item);

/* ---- feeds ---- */

enum { AW_FEEDOUT_ATOM = 0, AW_FEEDOUT_RSS = 1, AW_FEEDOUT_JSON = 2 };

#define AW_FEEDOUT_CURRENT 1u   /* include the period that contains `now` */

typedef struct aw_feedout_info {
	int format;              /* AW_FEED_* */
	int kind;                /* AW_PAGE_WEEKLY or AW_PAGE_DAILY */
	const char *name;        /* list name, e.g. "Awesome Linux Containers" (required) */
	const char *list_id;     /* stable list identity for entry ids,
				    e.g. "Friz-zy/awesome-linux-containers/README.md" (required) */
	const char *description; /* NULL or "" = none */
	const char *home_url;    /* absolute http(s) URL of the list's page
				    (required); entry links are home_url#<anchor> */
	const char *self_url;    /* absolute http(s) URL of this feed, or NULL */
	const char *author_url;  /* the list's repository (http(s)) or NULL */
	unsigned max_periods;    /* 0 = all */
	unsigned flags;          /* AW_FEEDOUT_CURRENT */
	int64_t now;             /* for the current-period rule; Unix seconds */
} aw_feedout_info;

/*
 * Write the feed of the items in `s` into `out`, walking them with the
 * caller's digest walker `w` (its state is overwritten; the store is only
 * read). Entries newest first, one per
 * period, id "tag:awtrack,2026:<list_id>/<week|day>/<anchor>" (the same
 * period of the same list always gets the same id), link
 * "<home_url>#<anchor>" (anchor "2023-W05" or "2023-01-31", also the
 * dashboard's section ids), title "<name> Updates on <label>", published
 * = the earliest and updated = the latest item time of the period (both
 * inside it). Without AW_FEEDOUT_CURRENT the period containing `now` (and
 * any later one) is left out: an entry is only published once complete,
 * because readers do not show an entry again when it changes.
 * Returns AW_OK, AW_ERR_ARG (missing field, URL not http(s)) or the
 * sink's error (out->err; nothing more is written).
 */
int aw_feedout_write(aw_digest_ctx *w, const aw_store_ctx *s, const aw_feedout_info *fi,
		     aw_sink *out);

/* Section anchor of a period ("2023-W05" / "2023-01-31") into out. */
int aw_feedout_period_anchor(int kind, uint32_t key, aw_buf *out);
/* Label of a period as on the pages ("Jan 30 - Feb 05, 2023" / "Jan 31, 2023"). */
int aw_feedout_period_label(int kind, uint32_t key, aw_buf *out);

#endif /* AW_FEEDOUT_H */
