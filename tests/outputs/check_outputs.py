#!/usr/bin/python3
# check_outputs.py - feeds and dashboard of `awtrack serve`, read back by
# real clients: python3-feedparser, sfeed and newsboat (Atom, RSS; JSON Feed
# by feedparser and a JSON Feed 1.1 rules checker), xmllint, and headless
# Chromium (DOM and screenshots). Expectations come from the pages
# trackawesomelist really published for the list (the case's weekly and
# daily bodies, the ones tests/golden.sh compares against), never from
# awtrack's own output: every period section of the page must be one feed
# entry with the ISO period's label, a link to the period's anchor, a date
# inside the period and every http(s) link of the section's items.
#
#   check_outputs.py --awtrack BIN --case DIR --work DIR [--shots DIR]
#   check_outputs.py --awtrack BIN --hostile --work DIR
#
# Prints "ok"/"FAIL" lines and returns the number of failures (capped).
import argparse, datetime, html.parser, json, os, re, shutil, signal, socket
import sqlite3, subprocess, sys, time, urllib.request, xml.etree.ElementTree as ET

import feedparser

PASS = FAIL = 0


def check(cond, what, detail=''):
    global PASS, FAIL
    if cond:
        PASS += 1
    else:
        FAIL += 1
        print('FAIL %s%s' % (what, (': ' + str(detail)[:600]) if detail else ''))
    return cond


# ------------------------------------------------------------ the real page

def md_links(text):
    """http(s) link destinations of markdown text, images left out."""
    out = []
    i = 0
    while True:
        i = text.find('](', i)
        if i < 0:
            break
        # the '[' that opens this link text
        depth, j = 0, i
        while j >= 0:
            c = text[j]
            if c == ']' and (j == 0 or text[j - 1] != '\\'):
                depth += 1
            elif c == '[' and (j == 0 or text[j - 1] != '\\'):
                depth -= 1
                if depth == 0:
                    break
            j -= 1
        image = j > 0 and text[j - 1] == '!'
        k = i + 2
        if k < len(text) and text[k] == '<':
            e = text.find('>', k)
            url = text[k + 1:e] if e > 0 else ''
        else:
            par, e = 0, k
            while e < len(text) and not text[e].isspace():
                if text[e] == '\\' and e + 1 < len(text):
                    e += 2
                    continue
                if text[e] == '(':
                    par += 1
                elif text[e] == ')':
                    if par == 0:
                        break
                    par -= 1
                e += 1
            url = re.sub(r'\\([!-/:-@\[-`{-~])', r'\1', text[k:e])
        if not image and re.match(r'(?i)https?://[^/]', url):
            out.append(url)
        i += 2
    for m in re.finditer(r'<(https?://[^\s<>]+)>', text):
        out.append(m.group(1))
    return out


def page_sections(path, kind):
    """[(key tuple, start, end, links)] of a real digest body, newest first."""
    secs = []
    cur = None
    for line in open(path, encoding='utf-8'):
        m = re.match(r'^## \[(.*)\]\(/content/(\d+)/(\d+)(?:/(\d+))?/README\.md\)$', line.rstrip('\n'))
        if m:
            y, a, b = int(m.group(2)), int(m.group(3)), m.group(4)
            if kind == 'week':
                start = datetime.datetime.combine(datetime.date.fromisocalendar(y, a, 1),
                                                  datetime.time(), datetime.timezone.utc)
                end = start + datetime.timedelta(days=7)
            else:
                start = datetime.datetime(y, a, int(b), tzinfo=datetime.timezone.utc)
                end = start + datetime.timedelta(days=1)
            cur = [(y, a, int(b) if b else None), start, end, []]
            secs.append(cur)
        elif cur is not None and not line.startswith('### '):
            cur[3].extend(md_links(line))
    return secs


def label(kind, key):
    y, a, b = key
    if kind == 'week':
        mon = datetime.date.fromisocalendar(y, a, 1)
        sun = mon + datetime.timedelta(days=6)
        return '%s - %s, %d' % (mon.strftime('%b %d'), sun.strftime('%b %d'), mon.year)
    d = datetime.date(y, a, b)
    return '%s, %d' % (d.strftime('%b %d'), y)


def anchor(kind, key):
    y, a, b = key
    return '%d-W%02d' % (y, a) if kind == 'week' else '%d-%02d-%02d' % (y, a, b)


class Hrefs(html.parser.HTMLParser):
    """tags, attributes and text of an HTML fragment or page"""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs, self.tags, self.attrs, self.text = [], [], [], []
        self.ids = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            self.attrs.append((tag, k, v or ''))
            if k == 'href':
                self.hrefs.append(v or '')
            if k == 'id':
                self.ids.append(v or '')

    def handle_data(self, d):
        self.text.append(d)


def parse_html(s):
    p = Hrefs()
    p.feed(s)
    p.close()
    return p


def inert(what, s, page=False):
    """no active content in an HTML string (a feed's content, or a whole
    page: then its own head elements and relative links are allowed)"""
    p = parse_html(s)
    head = ('meta', 'link', 'style') if page else ()
    bad_tags = [t for t in p.tags if t in ('script', 'img', 'iframe', 'object', 'embed', 'svg',
                                           'math', 'form', 'input', 'base', 'meta', 'link', 'style')
                and t not in head]
    bad_attrs = [(t, k, v) for t, k, v in p.attrs if k.startswith('on') or k in ('src', 'srcdoc')]
    bad_hrefs = [h for h in p.hrefs if not re.match(r'(?i)https?://', h) and
                 not (page and re.match(r'^[^:]*$', h))]
    check(not bad_tags, what + ': no active tags', bad_tags)
    check(not bad_attrs, what + ': no event handler or src attributes', bad_attrs)
    check(not bad_hrefs, what + ': only http(s) links', bad_hrefs)
    return p


# ------------------------------------------------------------ server

class Server:
    def __init__(self, argv, env=None):
        e = dict(os.environ)
        e.update(env or {})
        self.p = subprocess.Popen(argv + ['--listen', '127.0.0.1:0', '--quiet'],
                                  stderr=subprocess.PIPE, text=True, env=e)
        self.port = None
        deadline = time.time() + 600
        while time.time() < deadline:
            line = self.p.stderr.readline()
            if not line:
                break
            m = re.search(r'serving (\S+) on 127\.0\.0\.1:(\d+)', line)
            if m:
                self.port = int(m.group(2))
                break
        if not self.port:
            raise RuntimeError('awtrack serve did not start: ' + (line or '(no output)'))
        self.site = 'http://127.0.0.1:%d' % self.port

    def get(self, path, headers=None):
        req = urllib.request.Request(self.site + path, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        try:
            self.p.wait(10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        return self.p.returncode


# ------------------------------------------------------------ readers

def read_feedparser(path):
    d = feedparser.parse(path)
    out = []
    for e in d.entries:
        content = ''
        if e.get('content'):
            content = e.content[0].value
        elif e.get('summary'):
            content = e.summary
        dates = [t for t in (e.get('published_parsed'), e.get('updated_parsed')) if t]
        out.append({'title': e.get('title'), 'link': e.get('link'), 'id': e.get('id'),
                    'dates': [datetime.datetime(*t[:6], tzinfo=datetime.timezone.utc) for t in dates],
                    'content': content})
    return d, out


def read_jsonfeed(raw):
    out = []
    for it in json.loads(raw).get('items', []):
        dates = [datetime.datetime.fromisoformat(it[k].replace('Z', '+00:00'))
                 for k in ('date_published', 'date_modified') if k in it]
        out.append({'title': it.get('title'), 'link': it.get('url'), 'id': it.get('id'),
                    'dates': dates, 'content': it.get('content_html', '')})
    return out


def read_sfeed(path):
    r = subprocess.run(['sfeed'], stdin=open(path, 'rb'), capture_output=True)
    out = []
    for line in r.stdout.decode('utf-8').split('\n'):
        if not line:
            continue
        f = line.split('\t')
        f += [''] * (9 - len(f))
        content = f[3].replace('\\n', '\n').replace('\\t', '\t').replace('\\\\', '\\')
        out.append({'title': f[1], 'link': f[2], 'id': f[5],
                    'dates': [datetime.datetime.fromtimestamp(int(f[0]), datetime.timezone.utc)]
                    if f[0] else [], 'content': content})
    return r.returncode, out


def read_newsboat(urls, work):
    home = os.path.join(work, 'newsboat')
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home, exist_ok=True)
    with open(os.path.join(home, 'urls'), 'w') as f:
        f.write(''.join(u + '\n' for u in urls))
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home)
    cache = os.path.join(home, 'cache.db')
    base = ['newsboat', '-u', os.path.join(home, 'urls'), '-c', cache, '-C', '/dev/null']
    r1 = subprocess.run(base + ['-x', 'reload'], capture_output=True, env=env, timeout=600)
    r2 = subprocess.run(base + ['-x', 'print-unread'], capture_output=True, env=env, timeout=600)
    m = re.match(r'(\d+) unread articles', r2.stdout.decode())
    unread = int(m.group(1)) if m else -1
    by_feed = {u: [] for u in urls}
    db = sqlite3.connect(cache)
    for title, url, pub, guid, content, feedurl in db.execute(
            'SELECT title, url, pubDate, guid, content, feedurl FROM rss_item ORDER BY id'):
        by_feed.setdefault(feedurl, []).append({
            'title': title, 'link': url, 'id': guid, 'content': content,
            'dates': [datetime.datetime.fromtimestamp(pub, datetime.timezone.utc)]})
    db.close()
    return r1.returncode, unread, by_feed


def compare(reader, fmt, kind, entries, secs, name, home):
    tag = '%s %s %s' % (reader, fmt, kind)
    if not check(len(entries) == len(secs), tag + ': one entry per period of the page',
                 '%d entries, %d sections' % (len(entries), len(secs))):
        return
    # readers may reorder; match by link
    by_link = {e['link']: e for e in entries}
    bad_title = bad_date = bad_links = missing = 0
    detail = ''
    for key, start, end, links in secs:
        want_link = home + '#' + anchor(kind, key)
        e = by_link.get(want_link)
        if e is None:
            missing += 1
            detail = detail or 'no entry links to ' + want_link
            continue
        want_title = '%s Updates on %s' % (name, label(kind, key))
        if e['title'] != want_title:
            bad_title += 1
            detail = detail or 'title %r, want %r' % (e['title'], want_title)
        if not e['dates'] or not all(start <= d < end for d in e['dates']):
            bad_date += 1
            detail = detail or 'dates %s not in [%s, %s)' % (e['dates'], start, end)
        got = set(parse_html(e['content']).hrefs)
        lost = [u for u in links if u not in got]
        if lost:
            bad_links += 1
            detail = detail or '%s: links %s not in %s' % (want_link, lost[:3], sorted(got)[:5])
    check(missing == 0, tag + ': every period has its entry and link', detail)
    check(bad_title == 0, tag + ': titles name the list and the period', detail)
    check(bad_date == 0, tag + ': dates inside the period', detail)
    check(bad_links == 0, tag + ': every item link of the page is in the entry', detail)
    ids = [e['id'] for e in entries]
    check(len(set(ids)) == len(ids) and all(ids), tag + ': ids present and unique')


RFC3339 = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$')


def check_jsonfeed(tag, raw):
    """the JSON Feed 1.1 rules (https://www.jsonfeed.org/version/1.1/)"""
    text = raw.decode('utf-8')
    check('\u2028' not in text and '\u2029' not in text, tag + ': U+2028/2029 escaped')
    check(not re.search(r'[\x00-\x1f]', text.replace('\n', '')), tag + ': no raw control bytes')
    try:
        f = json.loads(text)
    except ValueError as e:
        check(False, tag + ': valid JSON', e)
        return
    top = {'version', 'title', 'home_page_url', 'feed_url', 'description', 'user_comment',
           'next_url', 'icon', 'favicon', 'authors', 'language', 'expired', 'hubs', 'items'}
    itemk = {'id', 'url', 'external_url', 'title', 'content_html', 'content_text', 'summary',
             'image', 'banner_image', 'date_published', 'date_modified', 'authors', 'tags',
             'language', 'attachments'}
    check(f.get('version') == 'https://jsonfeed.org/version/1.1', tag + ': version 1.1')
    check(isinstance(f.get('title'), str) and f['title'], tag + ': title')
    check(isinstance(f.get('items'), list), tag + ': items array')
    unknown = [k for k in f if k not in top and not k.startswith('_')]
    check(not unknown, tag + ': only known top-level keys', unknown)
    for k in ('home_page_url', 'feed_url'):
        if k in f:
            check(re.match(r'https?://', f[k]), tag + ': ' + k + ' absolute')
    for a in f.get('authors', []):
        check(isinstance(a, dict) and any(k in a for k in ('name', 'url', 'avatar')),
              tag + ': author object')
    ids = set()
    bad = []
    for it in f.get('items', []):
        if not isinstance(it.get('id'), str) or not it['id'] or it['id'] in ids:
            bad.append('id %r' % it.get('id'))
        ids.add(it.get('id'))
        if not ('content_html' in it or 'content_text' in it):
            bad.append('no content')
        for k in it:
            if k not in itemk and not k.startswith('_'):
                bad.append('key ' + k)
        for k in ('date_published', 'date_modified'):
            if k in it and not RFC3339.match(it[k]):
                bad.append(k + ' ' + it[k])
        if 'url' in it and not re.match(r'https?://', it['url']):
            bad.append('url ' + it['url'])
        for k in ('title', 'summary', 'content_html', 'content_text'):
            if k in it and not isinstance(it[k], str):
                bad.append(k + ' not a string')
    check(not bad, tag + ': items follow the 1.1 rules', bad[:5])


def xmllint(tag, path):
    r = subprocess.run(['xmllint', '--noout', path], capture_output=True)
    check(r.returncode == 0, tag + ': xmllint', r.stderr.decode()[:300])


# ------------------------------------------------------------ chromium

CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                '--disable-background-networking', '--disable-component-update', '--disable-sync',
                '--hide-scrollbars']


def chromium(work, args, url):
    prof = os.path.join(work, 'chromium-profile-%d' % time.monotonic_ns())
    os.makedirs(prof)
    try:
        r = subprocess.run(['chromium'] + CHROME_FLAGS + ['--user-data-dir=' + prof] + args + [url],
                           capture_output=True, timeout=180)
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    return r


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n':
        return None
    return int.from_bytes(head[16:20], 'big'), int.from_bytes(head[20:24], 'big')


def screenshots(tag, work, url, shots, stem):
    for w, h, name, extra in ((800, 480, 'pi', []), (390, 844, 'phone', []),
                              (800, 480, 'pi-dark', ['--force-dark-mode'])):
        out = os.path.join(shots, '%s-%s.png' % (stem, name))
        if os.path.exists(out):
            os.remove(out)
        chromium(work, ['--window-size=%d,%d' % (w, h), '--screenshot=' + out] + extra, url)
        check(os.path.exists(out) and png_size(out) == (w, h),
              '%s: %dx%d screenshot (%s)' % (tag, w, h, out), png_size(out) if os.path.exists(out) else '')


# ------------------------------------------------------------ one list

def case_args(d):
    c = json.load(open(os.path.join(d, 'case.json')))
    a = []
    opt = c.get('options') or {}
    if opt.get('type'):
        a += ['--type', opt['type']]
    for k, f in (('max_heading_level', '--max-heading-level'), ('min_heading_level', '--min-heading-level'),
                 ('heading_level', '--heading-level')):
        if opt.get(k):
            a += [f, str(opt[k])]
    if opt.get('is_parse_category') is False:
        a.append('--no-category')
    a += ['--file', c['file'], '--repo-url', 'https://github.com/%s/%s' % (c['owner'], c['repo']),
          '--branch', c.get('url_branch') or c['branch'], '--head', c['head_commit'],
          '--import', c['import_commit'], '--stars', os.path.join(d, 'stars.tsv')]
    fl = c.get('replay_flags') or []
    i = 0
    while i < len(fl):
        a.append(fl[i])
        if fl[i] == '--poll-times':
            i += 1
            name = fl[i]
            for p in (os.path.join(d, name), os.path.join(d, '..', '..', '..', name),
                      os.path.join(d, '..', '..', name)):
                if os.path.exists(p):
                    name = p
                    break
            a.append(name)
        i += 1
    a.append('--tal-compat')
    week = 'expected-week-body.md' if c.get('oracle_matches') else 'oracle-week-body.md'
    day = 'expected-day-body.md' if c.get('oracle_day_matches') else 'oracle-day-body.md'
    return c, a, os.path.join(d, week), os.path.join(d, day)


def list_name(d, c):
    tal = os.path.join(d, 'tal-week.md')
    if os.path.exists(tal):
        m = re.match(r'# Track (.*) Updates Weekly', open(tal, encoding='utf-8').readline())
        if m:
            return m.group(1)
    return ' '.join(w[:1].upper() + w[1:] for w in c['repo'].split('-'))


def run_case(args, d):
    c, flags, week_page, day_page = case_args(d)
    tag0 = '%s/%s' % (c['owner'], c['repo'])
    work = os.path.join(args.work, tag0.replace('/', '_'))
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    git_dir = os.path.join(work, 'list.git')
    subprocess.run(['git', 'clone', '-q', '--bare', os.path.join(d, 'list.bundle'), git_dir], check=True)
    name = list_name(d, c)
    list_path = '%s/%s/' % (c['owner'], c['repo'])
    srv = Server([args.awtrack, 'serve', '--git', git_dir] + flags)
    try:
        urls = []
        feeds = {}
        for kind, page in (('week', week_page), ('day', day_page)):
            if not os.path.exists(page):
                print('NOTE %s: no %s page, %s feeds not checked' % (tag0, kind, kind))
                continue
            secs = page_sections(page, kind)
            home = srv.site + '/' + list_path + ('week/' if kind == 'week' else '')
            for fmt, fname in (('atom', 'atom.xml'), ('rss', 'rss.xml'), ('json', 'feed.json')):
                url = home + fname
                st, hd, body = srv.get('/' + list_path + ('week/' if kind == 'week' else '') + fname)
                tag = '%s %s %s' % (tag0, fmt, kind)
                if not check(st == 200 and body, tag + ': served', st):
                    continue
                path = os.path.join(work, '%s-%s.%s' % (kind, fmt, 'json' if fmt == 'json' else 'xml'))
                open(path, 'wb').write(body)
                feeds[(kind, fmt)] = (path, secs, home)
                if fmt == 'json':
                    # no JSON Feed reader in Debian 12 (feedparser 6.0.10,
                    # newsboat 2.21 and sfeed read only XML): the 1.1 rules,
                    # then the entries as a reader would take them
                    check_jsonfeed(tag, body)
                    compare(tag0 + ' jsonfeed-1.1', fmt, kind, read_jsonfeed(body), secs, name, home)
                    continue
                d_, ents = read_feedparser(path)
                check(not d_.bozo, tag0 + ' feedparser ' + fmt + ' ' + kind + ': well-formed',
                      d_.get('bozo_exception'))
                compare(tag0 + ' feedparser', fmt, kind, ents, secs, name, home)
                xmllint(tag, path)
                rc, ents = read_sfeed(path)
                check(rc == 0, tag + ': sfeed exit status', rc)
                compare(tag0 + ' sfeed', fmt, kind, ents, secs, name, home)
                urls.append(url)
        # newsboat fetches from the server itself; Atom and RSS entries
        # share their ids, so each format gets its own cache
        for fmt in ('atom', 'rss'):
            fu = [u for u in urls if u.endswith(fmt + '.xml')]
            rc, unread, by_feed = read_newsboat(fu, os.path.join(work, fmt))
            total = sum(len(feeds[k][1]) for k in feeds if k[1] == fmt)
            check(rc == 0, tag0 + ' newsboat ' + fmt + ': reload', rc)
            check(unread == total, tag0 + ' newsboat ' + fmt + ': print-unread counts every entry',
                  '%d, want %d' % (unread, total))
            for (kind, f2), (path, secs, home) in feeds.items():
                if f2 == fmt:
                    compare(tag0 + ' newsboat', fmt, kind, by_feed.get(home + fmt + '.xml', []),
                            secs, name, home)
        # ids: the same in a separate `awtrack feed` run under another --site
        if ('week', 'atom') in feeds:
            r = subprocess.run([args.awtrack, 'feed', '--format', 'atom', '--git', git_dir,
                                '--site', 'https://elsewhere.example/'] + flags + ['--quiet'],
                               capture_output=True)
            other = re.findall(rb'<id>([^<]*)</id>', r.stdout)
            mine = re.findall(rb'<id>([^<]*)</id>', open(feeds[('week', 'atom')][0], 'rb').read())
            check(r.returncode == 0 and other and other == mine,
                  tag0 + ': entry ids stable across runs and sites', r.stderr.decode()[:200])
        # ETag / 304
        st, hd, body = srv.get('/' + list_path + 'week/atom.xml')
        et = hd.get('ETag')
        st2, hd2, body2 = srv.get('/' + list_path + 'week/atom.xml', {'If-None-Match': et or '"x"'})
        check(et and st2 == 304 and body2 == b'', tag0 + ': ETag then 304', (et, st2))
        # the dashboard in Chromium
        if shutil.which('chromium') and os.path.exists(week_page):
            secs = page_sections(week_page, 'week')[:12]
            url = srv.site + '/' + list_path + 'week/'
            r = chromium(work, ['--dump-dom'], url)
            dom = r.stdout.decode('utf-8', 'replace')
            p = inert(tag0 + ' dashboard', dom, page=True)
            want = [anchor('week', s[0]) for s in secs]
            check([i for i in p.ids if re.match(r'\d{4}-W\d\d$', i)] == want,
                  tag0 + ' dashboard: the newest 12 weeks of the page, in order', (p.ids[:14], want))
            got = set(p.hrefs)
            lost = [u for s in secs for u in s[3] if u not in got]
            check(not lost, tag0 + ' dashboard: every item link of those weeks', lost[:5])
            text = ''.join(p.text)
            check(all(label('week', s[0]) in text for s in secs), tag0 + ' dashboard: week labels')
            r = chromium(work, ['--dump-dom'], srv.site + '/')
            p = inert(tag0 + ' index', r.stdout.decode('utf-8', 'replace'), page=True)
            check(('/' + list_path + 'week/index.html') in ''.join(p.hrefs) or
                  (list_path + 'week/index.html') in p.hrefs, tag0 + ' index: links the list page')
            if args.shots and d == args.case[0]:
                screenshots(tag0 + ' dashboard', work, url, args.shots, c['repo'])
        elif not shutil.which('chromium'):
            print('NOTE: chromium not installed: dashboard not checked')
    finally:
        check(srv.stop() == 0, tag0 + ': serve stops cleanly on SIGTERM')


# ------------------------------------------------------------ hostile list

HOSTILE = r'''# Awesome Hostile

A list whose text tries to run code.

## Tools

- [x<script>document.title='PWNED'</script>](javascript:alert(1)) - "><img src=x onerror=alert(1)> first.
- [Safe](https://example.com/safe) - <script>document.body.setAttribute('data-pwned','1')</script> plain.
- [Click](JaVaScRiPt:alert(document.cookie)) - mixed case scheme.
- [Data](data:text/html,<script>alert(1)</script>) - data URL.
- <javascript:alert(2)> autolink and <https://example.com/auto> one.
- [Quote](https://example.com/"onmouseover="alert(1)) - quote in a URL.
- ![img](https://example.com/x.png" onerror="alert(1)) - image.

## Other <script>alert(3)</script>

- [Sub](https://example.com/sub) - `<img src=x onerror=alert(4)>` in code, <iframe src="javascript:alert(5)"></iframe>.
'''


def run_hostile(args):
    work = os.path.join(args.work, 'hostile')
    shutil.rmtree(work, ignore_errors=True)
    repo = os.path.join(work, 'awesome-hostile')
    os.makedirs(repo)
    env = dict(os.environ, GIT_AUTHOR_NAME='t', GIT_AUTHOR_EMAIL='t@example.com',
               GIT_COMMITTER_NAME='t', GIT_COMMITTER_EMAIL='t@example.com',
               GIT_AUTHOR_DATE='2024-03-05T10:00:00Z', GIT_COMMITTER_DATE='2024-03-05T10:00:00Z')
    subprocess.run(['git', 'init', '-q', '-b', 'main', repo], check=True, env=env)
    open(os.path.join(repo, 'README.md'), 'w').write(HOSTILE)
    subprocess.run(['git', '-C', repo, 'add', 'README.md'], check=True, env=env)
    subprocess.run(['git', '-C', repo, 'commit', '-q', '-m', 'hostile'], check=True, env=env)
    flags = ['--name', '"><img src=x onerror=alert(6)><script>alert(7)</script>',
             '--description', "<script>document.title='PWNED'</script> javascript:alert(8)"]
    srv = Server([args.awtrack, 'serve', '--git', repo] + flags)
    try:
        list_path = 'local/awesome-hostile/'
        for kind in ('week/', ''):
            for fname in ('atom.xml', 'rss.xml', 'feed.json'):
                tag = 'hostile %s%s' % (kind, fname)
                st, hd, body = srv.get('/' + list_path + kind + fname)
                check(st == 200, tag + ': served', st)
                path = os.path.join(work, (kind.strip('/') or 'day') + '-' + fname)
                open(path, 'wb').write(body)
                if fname.endswith('.xml'):
                    xmllint(tag, path)
                    root = ET.fromstring(body)
                    texts = [e.text or '' for e in root.iter()
                             if e.tag.split('}')[-1] in ('content', 'description')]
                    titles = [e.text or '' for e in root.iter() if e.tag.split('}')[-1] == 'title']
                    rc, sf = read_sfeed(path)
                    for i, e in enumerate(sf):
                        inert(tag + ' sfeed entry %d' % i, e['content'])
                else:
                    check_jsonfeed(tag, body)
                    f = json.loads(body)
                    texts = [it['content_html'] for it in f['items']]
                    titles = [f['title']] + [it['title'] for it in f['items']]
                check(len(texts) >= 1, tag + ': has entries')
                for i, t in enumerate(texts):
                    p = inert('%s content %d' % (tag, i), t)
                    check('<script>' in ''.join(p.text) or 'first' not in ''.join(p.text),
                          tag + ': the script text is shown as text')
                for t in titles:
                    check('<' not in t or '<script>' in t, tag + ': title is plain text', t)
                if fname.endswith('.xml'):
                    d_, ents = read_feedparser(path)
                    for i, e in enumerate(ents):
                        inert('%s feedparser entry %d' % (tag, i), e['content'])
        if shutil.which('chromium'):
            for page in ('week/', ''):
                url = srv.site + '/' + list_path + page
                r = chromium(work, ['--dump-dom'], url)
                dom = r.stdout.decode('utf-8', 'replace')
                p = inert('hostile page /' + list_path + page, dom, page=True)
                text = ''.join(p.text)
                check('PWNED' not in re.sub(r'&lt;script&gt;.*?&lt;/script&gt;', '', dom) or
                      "document.title='PWNED'" in text, 'hostile page: no script ran (title)')
                check('data-pwned' not in re.sub(r"setAttribute\('data-pwned'", '', dom),
                      'hostile page: no script ran (body attribute)')
                check("<script>document.body.setAttribute('data-pwned','1')</script>" in text,
                      'hostile page: the README\'s script is visible as text')
                check(any('https://example.com/safe' == h for h in p.hrefs),
                      'hostile page: the http(s) link survives')
            r = chromium(work, ['--dump-dom'], srv.site + '/')
            inert('hostile index', r.stdout.decode('utf-8', 'replace'), page=True)
    finally:
        check(srv.stop() == 0, 'hostile: serve stops cleanly')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--awtrack', required=True)
    ap.add_argument('--case', action='append', default=[])
    ap.add_argument('--hostile', action='store_true')
    ap.add_argument('--work', required=True)
    ap.add_argument('--shots')
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if args.shots:
        os.makedirs(args.shots, exist_ok=True)
    for d in args.case:
        try:
            run_case(args, d)
        except Exception as e:  # a broken case must not hide the others
            check(False, '%s: %s' % (d, type(e).__name__), e)
    if args.hostile:
        try:
            run_hostile(args)
        except Exception as e:
            check(False, 'hostile: %s' % type(e).__name__, e)
    print('readers: %d passed, %d failed' % (PASS, FAIL))
    return 1 if FAIL else 0


if __name__ == '__main__':
    sys.exit(main())
