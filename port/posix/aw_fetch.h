/*
 * aw_fetch.h - one HTTPS GET for the POSIX port: aw_tls for the bytes,
 * the core's aw_http engine for the protocol, bounded redirects, a body
 * size limit, and the rule that the GitHub token goes to the API host
 * only.
 */
#ifndef AW_FETCH_H
#define AW_FETCH_H

#include "aw.h"
#include "aw_http.h"

typedef struct aw_fetch_opts {
	int connect_ms, io_ms;      /* timeouts (0: 10 s / 30 s) */
	unsigned max_redirects;     /* redirects followed before failing */
	uint64_t max_body;          /* larger bodies fail (0: no limit) */
	const char *accept;         /* Accept header, NULL none */
	const char *if_none_match, *if_modified_since;
	const char *token;          /* GitHub token, or NULL */
	const char *token_base;     /* the token is sent only to URLs under this (api_url) */
} aw_fetch_opts;

/* why a fetch failed (also set to AW_FETCH_OK on success) */
enum {
	AW_FETCH_OK = 0,
	AW_FETCH_NET = 1,        /* connect, TLS, timeout, reset, truncated, malformed HTTP */
	AW_FETCH_TOOBIG = 2,     /* body over max_body */
	AW_FETCH_REDIRECTS = 3,  /* too many redirects (a loop) */
	AW_FETCH_ABORT = 4       /* the body callback stopped it */
};

/*
 * GET url. The final response's parse results are in *h (status, etag,
 * ...); its body went through on_body (redirect bodies do not). Returns
 * AW_FETCH_* ; err gets a message naming the URL on failure. Any status is
 * a success at this level: the caller judges 304/404/429/500.
 */
int aw_fetch(const char *url, const aw_fetch_opts *o, aw_http_ctx *h, aw_http_body_fn on_body,
	     void *user, char *err, size_t errcap);

#endif
