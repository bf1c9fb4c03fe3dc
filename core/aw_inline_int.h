/*
 * aw_inline_int.h - private part of aw_inline.h (included by it; do not
 * include directly): the body of aw_inl_scratch, whose fields only
 * aw_inline.c touches.
 */
#ifndef AW_INLINE_INT_H
#define AW_INLINE_INT_H

#ifndef AW_INLINE_H
#error "include aw_inline.h, not aw_inline_int.h"
#endif

/*
 * Working memory of aw_inl_render: the node tree of one block, the
 * delimiter and bracket stacks, the decoded-text pool and the escaper's
 * staging area, sized by the AW_INL_* options of aw_opt.h (about
 * 44*NODES + 3*TEXT + 20*DELIMS + 16*BRACKETS + 48*DEPTH bytes: 220 KiB
 * with the defaults; shrink the options on small targets).
 * Fields private to aw_inline.c.
 */
struct aw_inl_node {
	uint8_t type;
	uint8_t flags;
	uint16_t spare;
	int32_t first, last, prev, next;  /* tree links, -1 = none */
	uint32_t a, alen;                 /* value, or URL */
	uint32_t b, blen;                 /* title */
	uint32_t c, clen;                 /* image alt */
};

struct aw_inl_delim {
	int32_t node;          /* its text node */
	int32_t prev, next;    /* delimiter list, -1 = none */
	uint32_t len;          /* characters left in the run */
	char ch;               /* '*', '_' or '~' */
	uint8_t can_open, can_close, spare;
};

struct aw_inl_bracket {
	int32_t node;          /* the "[" or "![" text node */
	int32_t delim;         /* delimiter top when it was pushed */
	uint32_t label;        /* source offset just after the bracket */
	uint8_t image, active, spare[2];
};

struct aw_inl_frame {
	int32_t node, cur;
	unsigned mask;
	const char *bef, *aft;
	uint8_t blen, alen, autolink, spare;
	size_t prev_start, start;
};

struct aw_inl_scratch {
	struct aw_inl_node node[AW_INL_NODES_MAX];
	struct aw_inl_delim delim[AW_INL_DELIMS_MAX];
	struct aw_inl_bracket bracket[AW_INL_BRACKETS_MAX];
	int32_t wstack[AW_INL_DEPTH_MAX];      /* tree walks */
	struct aw_inl_frame frame[AW_INL_DEPTH_MAX];  /* serializer */
	char text[AW_INL_TEXT_MAX];            /* decoded values */
	char sval[AW_INL_TEXT_MAX + 64];       /* escaper: before+value+after */
	unsigned char sflag[AW_INL_TEXT_MAX + 64];
	uint32_t nnode, tlen;
	int32_t ndelim, delim_top, nbracket;
	uint32_t html_fail[4];                 /* no closer of that kind after */
	uint32_t bt_fail[16];                  /* no backtick run of length i after */
	const char *src;
	size_t len;
	const struct aw_inl_env *env;
	int err;
	const char *lim;                       /* capacity behind err == AW_ERR_TOOBIG */
	int has_at;                            /* '@' somewhere in src */
	int ctx;                               /* enum aw_inl_ctx of the call */
};

#endif /* AW_INLINE_INT_H */
