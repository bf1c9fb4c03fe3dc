/*
 * aw_feed.h - streaming reader of Atom 1.0 and RSS 2.0 feeds on expat,
 * without heap: expat allocates from a caller-owned arena.
 *
 * Entries (Atom <entry>, RSS <item>) are delivered one at a time through
 * a callback as soon as their end tag is parsed; each field is bounded
 * (truncated with a flag). The feed is pushed in chunks of any size
 * (given to expat in slices of at most AW_FEED_SLICE_MAX bytes, so the
 * arena need not grow with the chunk size).
 *
 *   static unsigned char arena[AW_FEED_ARENA_MAX];   (16-byte aligned)
 *   aw_feed_init(&f, arena, sizeof arena, 0, on_entry, user);
 *   aw_feed_feed(&f, chunk, n) ...; r = aw_feed_end(&f);
 *
 * Security: DOCTYPEs may be present, but any entity declaration stops
 * the parse with AW_ERR_SYNTAX (f.entity_refused set), external entities
 * and parameter entities are never read, and expat's billion-laughs
 * protection is on (amplification AW_FEED_AMPL_MAX from
 * AW_FEED_AMPL_THRESHOLD bytes on). An arena that is too small
 * is AW_ERR_FULL, never a crash.
 *
 * Not reentrant across threads: expat's allocator hooks take no user
 * pointer, so the arena in use is a file-static set on every entry into
 * expat. One aw_feed call at a time per process (several contexts may
 * exist and be used alternately).
 */
#ifndef AW_FEED_H
#define AW_FEED_H

#include "aw.h"

/* aw_feed_entry.flags */
#define AW_FEED_F_ID_TRUNC       0x001u   /* id cut to fit */
#define AW_FEED_F_TITLE_TRUNC    0x002u
#define AW_FEED_F_LINK_TRUNC     0x004u
#define AW_FEED_F_SUMMARY_TRUNC  0x008u
#define AW_FEED_F_ID_FROM_LINK   0x010u   /* no id/guid: id is the link */
#define AW_FEED_F_BAD_DATE       0x020u   /* a date was present but unparsable */
#define AW_FEED_F_TITLE_HTML     0x040u   /* Atom title type="html"/"xhtml" */
#define AW_FEED_F_SUMMARY_HTML   0x080u   /* Atom html/xhtml summary or content, RSS description */
#define AW_FEED_F_SUMMARY_CONTENT 0x100u  /* summary taken from Atom <content> */

enum { AW_FEED_UNKNOWN, AW_FEED_ATOM, AW_FEED_RSS };

/*
 * One entry. Text fields are NUL-terminated UTF-8 with leading and
 * trailing white space removed, entities and CDATA decoded (the text of
 * nested elements included for html/xhtml titles and summaries). Absent
 * fields are "". Times: Unix seconds UTC, AW_FEED_NO_TIME when absent or
 * unparsable. Atom: id, title, link (the first <link> with
 * rel="alternate" or no rel, its href), updated, published,
 * summary (or, without one, content). RSS: guid, title, link, pubDate
 * (as published; also dc:date), description. sha: the 40 lower-case hex
 * digits of a GitHub commit id "tag:github.com,2008:Grit::Commit/<sha>",
 * else "".
 * A relative link (no scheme: "/post/1", "post/1", "//host/p", "?q") is
 * resolved (RFC 3986 5.2, its fragment kept) against the base in effect:
 * the xml:base attributes of the root, the RSS channel, the entry and the
 * link element, each resolved against the one above, over the document's
 * URL given to aw_feed_set_base. Without a usable http(s) base, or when
 * the result is not an http(s) URL or does not fit, the link stays as
 * given (relative; a reader drops it). Links with a scheme are never
 * changed.
 */
#define AW_FEED_NO_TIME INT64_MIN
typedef struct aw_feed_entry {
	char id[AW_FEED_ID_MAX];
	char title[AW_FEED_TITLE_MAX];
	char link[AW_FEED_LINK_MAX];
	char summary[AW_FEED_SUMMARY_MAX];
	char sha[41];
	int64_t updated, published;
	unsigned flags;
	unsigned index;                    /* 0-based position in the feed */
} aw_feed_entry;

/* Called after each entry's end tag. Non-zero return stops the parse
 * (AW_ERR_ABORT; the value is kept in cb_ret). */
typedef int (*aw_feed_fn)(void *user, const aw_feed_entry *e);

typedef struct aw_feed_ctx {
	/* results */
	int kind;                          /* AW_FEED_ATOM / RSS once the root is seen */
	unsigned entries;                  /* entries delivered */
	long ttl;                          /* RSS <ttl> minutes, -1: none */
	int entity_refused;                /* an entity declaration stopped the parse */
	int xml_error;                     /* expat's enum XML_Error of a syntax error, 0 */
	unsigned long line, column;        /* where it happened */
	int cb_ret;
	size_t arena_peak;                 /* highest arena use, bytes */

	/* private */
	void *parser;                      /* XML_Parser */
	unsigned char *arena;
	size_t arena_cap, arena_top;
	aw_feed_fn fn;
	void *user;
	int err;
	int depth;                         /* element depth, root = 1 */
	int entry_depth;                   /* depth of the open entry, 0: none */
	int field;                         /* field being captured */
	int field_depth;
	int have_link, have_summary;
	int in_channel;                    /* RSS: inside <channel> */
	size_t parser_last;                /* arena offset of the top block */
	char *cap;                         /* capture target */
	size_t cap_len, cap_max;
	unsigned cap_trunc_flag;
	int cap_cut;
	char tmp[64];                      /* date / ttl text */
	char base_feed[AW_FEED_LINK_MAX];  /* base of the root / channel ("": none) */
	char base_entry[AW_FEED_LINK_MAX]; /* base in the open entry */
	char scratch[AW_FEED_LINK_MAX];
	aw_feed_entry e;
} aw_feed_ctx;

/*
 * Start a parse with `arena` (aligned to 16 bytes, `arena_size` bytes,
 * owned by the caller, untouched by anyone else until aw_feed_end or
 * aw_feed_free). hash_salt: expat's hash salt (0: expat draws one from
 * the system; a board passes a random non-zero value). Returns AW_OK,
 * AW_ERR_ARG (misaligned or NULL), AW_ERR_FULL (arena too small for the
 * parser itself).
 */
int aw_feed_init(aw_feed_ctx *f, void *arena, size_t arena_size, unsigned long hash_salt,
		 aw_feed_fn fn, void *user);
/*
 * The document's URL (NUL-terminated, copied; an absolute http(s) URL),
 * the base that relative links resolve against. Call after aw_feed_init,
 * before the first chunk. AW_OK, AW_ERR_TOOBIG (longer than
 * AW_FEED_LINK_MAX - 1: no base), AW_ERR_ARG.
 */
int aw_feed_set_base(aw_feed_ctx *f, const char *url);
/*
 * Feed the next chunk. AW_OK; AW_ERR_SYNTAX (not well-formed XML, an
 * entity declaration, amplification limit, an unknown encoding, a root
 * that is neither Atom <feed> nor RSS <rss>); AW_ERR_FULL (arena
 * exhausted); AW_ERR_ABORT. Errors are sticky.
 */
int aw_feed_feed(aw_feed_ctx *f, const char *p, size_t n);
/* End of input: finishes the parse (AW_ERR_SYNTAX when the document is
 * incomplete or no root was seen) and releases the parser. */
int aw_feed_end(aw_feed_ctx *f);
/* Release the parser without finishing (after an error or to give up).
 * Safe to call twice, and after aw_feed_end. */
void aw_feed_free(aw_feed_ctx *f);
/* Short message for the error (expat's text for syntax errors). */
const char *aw_feed_errmsg(const aw_feed_ctx *f);

#endif /* AW_FEED_H */
