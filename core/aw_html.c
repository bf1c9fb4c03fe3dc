/*
 * aw_html.c - the HTML dashboard: a page per list and an index page, each
 * one self-contained document (inline CSS, no scripts / fonts / images, a
 * CSP that allows no script). Item markdown goes through aw_feedout_md_html, so
 * only http(s) links and escaped text reach the page.
 * Periods, categories and items come from the digest walker (aw_digest.h).
 * Not done here: sorting or grouping, anything interactive; the pages are
 * static documents.
 */
#include "aw_html.h"

#include <string.h>

/* string literals only: a pointer here would write sizeof(pointer) bytes */
#define RAW(o, lit) aw_feedout_esc_raw((o), "" lit, sizeof(lit) - 1)

static void raws(aw_feedout_esc *o, const char *s)
{
	aw_feedout_esc_raw(o, s, strlen(s));
}

static const char css[] =
	":root{color-scheme:light dark;--bg:#fdfdfc;--fg:#1c1c1c;--mut:#5f6368;"
	"--acc:#0b57d0;--line:#dcdcdc;--tag:#eef2f8}"
	"@media (prefers-color-scheme:dark){:root{--bg:#121314;--fg:#e8e8e6;"
	"--mut:#a0a4a8;--acc:#8ab4f8;--line:#34373a;--tag:#22262b}}"
	"html{background:var(--bg);color:var(--fg);"
	"font:16px/1.45 sans-serif;"
	"-webkit-text-size-adjust:100%}"
	"body{margin:0 auto;max-width:62rem;padding:.6rem 1rem 2rem}"
	"a{color:var(--acc);text-decoration:none}a:hover{text-decoration:underline}"
	"header{border-bottom:2px solid var(--line);padding-bottom:.4rem}"
	"h1{font-size:1.35rem;margin:.1rem 0}"
	"header p{margin:.15rem 0;color:var(--mut)}"
	"nav{font-size:.9rem;display:flex;flex-wrap:wrap;column-gap:.75rem}nav a,nav b{white-space:nowrap}"
	"section{border-bottom:1px solid var(--line);padding:.3rem 0 .5rem}"
	"h2{font-size:1.1rem;margin:.35rem 0 .2rem}"
	".n{font-size:.8rem;font-weight:normal;color:var(--mut);background:var(--tag);"
	"border-radius:.6rem;padding:.05rem .45rem;margin-left:.4rem;white-space:nowrap}"
	"h3{font-size:.9rem;margin:.45rem 0 .1rem;color:var(--mut);font-weight:600}"
	"ul{margin:0;padding-left:1.15rem}li{margin:.12rem 0;overflow-wrap:anywhere}"
	"code{font-size:.88em;background:var(--tag);border-radius:.25rem;padding:0 .2rem}"
	".list>h2{font-size:1.2rem}.more{font-size:.9rem}"
	"@media (max-width:520px){html{font-size:15px}body{padding:.4rem .6rem 1.5rem}"
	"ul{padding-left:1rem}}";

static void head(aw_feedout_esc *o, const char *title, size_t tlen, const char *feeds)
{
	RAW(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	       "style-src 'unsafe-inline'; img-src 'none'; form-action 'none'\">\n"
	       "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
	aw_feedout_esc_html_text(o, title, tlen);
	RAW(o, "</title>\n");
	if (feeds) {
		RAW(o, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"atom.xml\">\n"
		       "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"rss.xml\">\n"
		       "<link rel=\"alternate\" type=\"application/feed+json\" title=\"JSON Feed\" "
		       "href=\"feed.json\">\n");
	}
	RAW(o, "<style>");
	aw_feedout_esc_raw(o, css, sizeof css - 1);
	RAW(o, "</style>\n</head>\n<body>\n");
}

typedef struct page {
	aw_feedout_esc o;
	const aw_html_info *hi;
	const char *more;     /* index: link to the list's page */
} page;

static void put_buf(aw_feedout_esc *o, aw_buf *b)
{
	aw_feedout_esc_raw(o, b->p, b->len);
}

static void p_period(page *g, const aw_digest_period *p)
{
	char tmp[64];
	aw_buf b;

	aw_buf_init(&b, tmp, sizeof tmp);
	aw_feedout_period_anchor(p->kind, p->key, &b);
	if (g->more) {
		RAW(&g->o, "<h3 class=\"p\">");
	} else {
		RAW(&g->o, "<section id=\"");
		put_buf(&g->o, &b);
		RAW(&g->o, "\">\n<h2><a href=\"#");
		put_buf(&g->o, &b);
		RAW(&g->o, "\">");
	}
	aw_buf_reset(&b);
	aw_feedout_period_label(p->kind, p->key, &b);
	put_buf(&g->o, &b);
	raws(&g->o, g->more ? "<span class=\"n\">" : "</a><span class=\"n\">");
	aw_buf_reset(&b);
	aw_buf_putu(&b, p->n_items);
	put_buf(&g->o, &b);
	if (g->more)
		RAW(&g->o, " new</span></h3>\n");
	else
		RAW(&g->o, " new</span></h2>\n");
}

/* the periods of a page or of an index entry */
static int p_walk(page *g, aw_digest_ctx *w, const aw_store_ctx *s)
{
	aw_digest_opts dopt;
	aw_digest_ev ev;
	int rc;

	aw_digest_opts_default(&dopt);
	dopt.kind = g->hi->kind == AW_PAGE_WEEKLY ? AW_DIGEST_WEEKLY : AW_DIGEST_DAILY;
	dopt.max_periods = g->hi->max_periods;
	if (g->hi->until)
		dopt.until = g->hi->until;
	if ((rc = aw_digest_begin(w, s, &dopt)))
		return rc;
	while (!g->o.out->err && aw_digest_next(w, &ev) == 1) {
		switch (ev.type) {
		case AW_DIGEST_PERIOD:
			p_period(g, ev.period);
			break;
		case AW_DIGEST_CATEGORY:
			if (ev.category_len && !g->more) {
				RAW(&g->o, "<h3>");
				aw_feedout_md_html(&g->o, ev.category, ev.category_len, 0);
				RAW(&g->o, "</h3>\n");
			}
			RAW(&g->o, "<ul>\n");
			break;
		case AW_DIGEST_ITEM:
			RAW(&g->o, "<li>");
			aw_feedout_md_html(&g->o, ev.item->markdown, ev.item->markdown_len, 1);
			RAW(&g->o, "</li>\n");
			break;
		case AW_DIGEST_CATEGORY_END:
			RAW(&g->o, "</ul>\n");
			break;
		default:
			if (!g->more)
				RAW(&g->o, "</section>\n");
			break;
		}
	}
	return g->o.out->err;
}

static int bad_info(const aw_html_info *hi)
{
	return !hi || !hi->name || !hi->list_path ||
	       (hi->kind != AW_PAGE_WEEKLY && hi->kind != AW_PAGE_DAILY);
}

static void put_repo_link(aw_feedout_esc *o, const aw_html_info *hi)
{
	if (hi->repo_url && aw_feedout_url_ok(hi->repo_url, strlen(hi->repo_url))) {
		RAW(o, "<a href=\"");
		aw_feedout_esc_html_text(o, hi->repo_url, strlen(hi->repo_url));
		RAW(o, "\">Repository</a>");
	}
}

int aw_html_page(aw_digest_ctx *w, const aw_store_ctx *s, const aw_html_info *hi, aw_sink *out)
{
	page g;
	aw_feedout_esc *o = &g.o;
	const char *root;
	char title[512];
	aw_buf tb;
	int weekly, rc;

	if (!w || !s || !out || !out->fn || bad_info(hi))
		return AW_ERR_ARG;
	root = hi->root ? hi->root : "";
	weekly = hi->kind == AW_PAGE_WEEKLY;
	aw_feedout_esc_init(o, out, AW_FEEDOUT_ESC_NONE);
	g.hi = hi;
	g.more = NULL;
	aw_buf_init(&tb, title, sizeof title);
	aw_buf_puts(&tb, "Track ");
	aw_buf_puts(&tb, hi->name);
	aw_buf_puts(&tb, weekly ? " Updates Weekly" : " Updates Daily");
	head(o, tb.p, tb.len, "");
	RAW(o, "<header>\n<nav><a href=\"");
	aw_feedout_esc_html_text(o, root, strlen(root));
	RAW(o, "index.html\">All lists</a>");
	raws(o, weekly ? "<b>Weekly</b><a href=\"../index.html\">Daily</a>"
		      : "<a href=\"week/index.html\">Weekly</a><b>Daily</b>");
	RAW(o, "<a href=\"atom.xml\">Atom</a><a href=\"rss.xml\">RSS</a>"
	       "<a href=\"feed.json\">JSON Feed</a>");
	put_repo_link(o, hi);
	RAW(o, "</nav>\n<h1>");
	aw_feedout_esc_html_text(o, hi->name, strlen(hi->name));
	RAW(o, "</h1>\n");
	if (hi->description && hi->description[0]) {
		RAW(o, "<p>");
		aw_feedout_esc_html_text(o, hi->description, strlen(hi->description));
		RAW(o, "</p>\n");
	}
	RAW(o, "</header>\n<main>\n");
	if (o->out->err)
		return o->out->err;
	if ((rc = p_walk(&g, w, s)))
		return rc;
	RAW(o, "</main>\n</body>\n</html>\n");
	return o->out->err;
}

int aw_html_index_begin(const char *title, aw_sink *out)
{
	aw_feedout_esc o;

	if (!title || !out || !out->fn)
		return AW_ERR_ARG;
	aw_feedout_esc_init(&o, out, AW_FEEDOUT_ESC_NONE);
	head(&o, title, strlen(title), NULL);
	RAW(&o, "<header>\n<h1>");
	aw_feedout_esc_html_text(&o, title, strlen(title));
	RAW(&o, "</h1>\n</header>\n<main>\n");
	return o.out->err;
}

int aw_html_index_list(aw_digest_ctx *w, const aw_store_ctx *s, const aw_html_info *hi,
		       aw_sink *out)
{
	page g;
	aw_feedout_esc *o = &g.o;
	const char *root;
	int rc;

	if (!w || !s || !out || !out->fn || bad_info(hi))
		return AW_ERR_ARG;
	root = hi->root ? hi->root : "";
	aw_feedout_esc_init(o, out, AW_FEEDOUT_ESC_NONE);
	g.hi = hi;
	g.more = "";
	RAW(o, "<section class=\"list\">\n<h2><a href=\"");
	aw_feedout_esc_html_text(o, root, strlen(root));
	aw_feedout_esc_html_text(o, hi->list_path, strlen(hi->list_path));
	raws(o, hi->kind == AW_PAGE_WEEKLY ? "week/index.html\">" : "index.html\">");
	aw_feedout_esc_html_text(o, hi->name, strlen(hi->name));
	RAW(o, "</a></h2>\n");
	if (hi->description && hi->description[0]) {
		RAW(o, "<p>");
		aw_feedout_esc_html_text(o, hi->description, strlen(hi->description));
		RAW(o, "</p>\n");
	}
	if (o->out->err)
		return o->out->err;
	if ((rc = p_walk(&g, w, s)))
		return rc;
	RAW(o, "<p class=\"more\"><a href=\"");
	aw_feedout_esc_html_text(o, root, strlen(root));
	aw_feedout_esc_html_text(o, hi->list_path, strlen(hi->list_path));
	raws(o, hi->kind == AW_PAGE_WEEKLY ? "week/index.html\">All weeks</a></p>\n</section>\n"
					  : "index.html\">All days</a></p>\n</section>\n");
	return o->out->err;
}

int aw_html_index_end(aw_sink *out)
{
	aw_feedout_esc o;

	if (!out || !out->fn)
		return AW_ERR_ARG;
	aw_feedout_esc_init(&o, out, AW_FEEDOUT_ESC_NONE);
	RAW(&o, "</main>\n</body>\n</html>\n");
	return o.out->err;
}
