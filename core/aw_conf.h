/*
 * aw_conf.h - streaming parser of awtrack.conf (INI) into caller-owned
 * fixed tables.
 *
 *   [awtrack]                       global settings (any number of times)
 *   state = /var/lib/awtrack        # trailing comments after white space
 *   [source OWNER/REPO]             a list file on GitHub: file = README.md
 *   [source OWNER/REPO/docs/x.md]   or the file named in the header
 *   [feed NAME]                     any RSS 2.0 / Atom 1.0 feed: url = ...
 *
 * Keys of [awtrack]: state, github_url, raw_url, api_url, ca_file,
 * user_agent, timeout (seconds), max_file_size (bytes), keep (feed
 * entries kept per feed), interval (seconds between polls of a source),
 * stars (true | false: star counts from the REST API), stars_interval
 * (seconds before a cached count is fetched again, 60..31536000).
 * Keys of [source ...]: file, branch, type (list | table | heading),
 * max_heading_level, min_heading_level, heading_level (1..6),
 * is_parse_category (true | false), stars (true | false: this source's
 * choice over the global one). Keys of [feed ...]: url, keep.
 *
 * Lines: "key = value", "[section]", comments starting with '#' or ';'
 * (also after a value, when preceded by white space: a '#' inside a
 * value, as in a URL fragment, is kept), blank lines; CRLF accepted.
 * Everything else is an error naming the line: unknown sections and
 * keys, a key outside a section, a repeated key in one section, a
 * repeated source or feed, bad values, a feed without url, a source with
 * both a path in its header and a file key.
 */
#ifndef AW_CONF_H
#define AW_CONF_H

#include "aw.h"

enum { AW_CONF_TYPE_LIST, AW_CONF_TYPE_TABLE, AW_CONF_TYPE_HEADING };

/* Strings are NUL-terminated. Integers: -1 when not set. */
typedef struct aw_conf_source {
	char owner[AW_CONF_NAME_MAX];
	char repo[AW_CONF_NAME_MAX];
	char file[AW_CONF_VALUE_MAX];     /* default "README.md" */
	char branch[AW_CONF_NAME_MAX];    /* "" : not set (the caller's default) */
	int type;                         /* AW_CONF_TYPE_*, default list */
	int max_heading_level, min_heading_level, heading_level;
	int is_parse_category;            /* 1, 0, or -1 */
	int stars;                        /* 1, 0, or -1 (the global choice) */
	unsigned line;                    /* of the section header */
} aw_conf_source;

typedef struct aw_conf_feed {
	char name[AW_CONF_NAME_MAX];
	char url[AW_CONF_VALUE_MAX];
	long keep;
	unsigned line;
} aw_conf_feeddef;

typedef struct aw_conf {
	char state[AW_CONF_VALUE_MAX];    /* "" : not set */
	char github_url[AW_CONF_VALUE_MAX];   /* defaults: https://github.com, */
	char raw_url[AW_CONF_VALUE_MAX];      /* https://raw.githubusercontent.com, */
	char api_url[AW_CONF_VALUE_MAX];      /* https://api.github.com */
	char ca_file[AW_CONF_VALUE_MAX];      /* "" : the port's default */
	char user_agent[AW_CONF_VALUE_MAX];   /* "" : awtrack/<version> */
	long timeout, max_file_size, keep, interval;
	int stars;                        /* 0 (default) or 1 */
	long stars_interval;              /* -1: not set (the caller's default) */
	aw_conf_source sources[AW_CONF_SOURCES_MAX];
	size_t nsources;
	aw_conf_feeddef feeds[AW_CONF_FEEDS_MAX];
	size_t nfeeds;
} aw_conf;

typedef struct aw_conf_ctx {
	aw_conf *out;
	int err;
	const char *msg;                  /* what was wrong (static text) */
	unsigned line;                    /* 1-based line of the error / being read */
	int section;                      /* private */
	unsigned long seen;               /* keys set in the current section (bits) */
	size_t len;
	int overlong;
	char buf[AW_CONF_LINE_MAX + 1];
} aw_conf_ctx;

/* Start: fill `out` with the defaults. */
void aw_conf_init(aw_conf_ctx *c, aw_conf *out);
/*
 * Feed the next chunk of the file. Returns AW_OK or the sticky error:
 * AW_ERR_SYNTAX (malformed line, unknown section or key, bad or repeated
 * value), AW_ERR_TOOBIG (a line longer than AW_CONF_LINE_MAX, a value
 * longer than its field), AW_ERR_FULL (more than AW_CONF_SOURCES_MAX
 * sources or AW_CONF_FEEDS_MAX feeds). c->line and c->msg say where and
 * what; the caller prefixes the file name ("FILE:LINE: MSG").
 */
int aw_conf_feed(aw_conf_ctx *c, const char *p, size_t n);
/* End of the file: the last line, then whole-file checks (feeds have a url). */
int aw_conf_end(aw_conf_ctx *c);

#endif /* AW_CONF_H */
