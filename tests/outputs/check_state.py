#!/usr/bin/python3
# check_state.py - the outputs rendered from the state of `awtrack update`
# (-c CONF ... SOURCE|--all), read back by the real clients of
# check_outputs.py: feeds by python3-feedparser, sfeed, xmllint, newsboat
# (from `serve`) and the JSON Feed 1.1 rules, the dashboard of `html --out`
# in headless Chromium, `serve` answering 200 / 304 and rendering again
# when a record is replaced (ab running meanwhile).
#
# Expectations come from the git path, not from the state: each list's
# weekly / daily page of `awtrack weekly --git CLONE --import BASELINE`
# (tests/update.sh checks the state's pages equal to these, and the git
# replay is checked against trackawesomelist's real pages elsewhere).
# [feed NAME] sources of the same configuration: their entries per day as
# tests/update.sh derives them from the fake's feed rule (FILE: lines
# "## Dec 15, 2025: 13 14", entry i links https://example.org/posts/i).
# A source update has not reached (--absent NAME) is left out of --all
# with a note, and has its (empty) page on the dashboard. serve reads the
# configuration again when it changes: a source removed, then added back.
#
#   check_state.py --awtrack BIN --conf CONF --state DIR --work DIR
#                  --list CASEDIR=CLONE=OLDRECORD ... [--feed NAME=FILE ...]
#                  [--absent NAME ...]
#
# Prints "FAIL" lines and "state outputs: N passed, M failed".
import argparse, datetime, json, os, re, shutil, subprocess, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_outputs as co  # noqa: E402
from check_outputs import check  # noqa: E402

SITE = 'https://awtrack.example/'


def git_opts(d):
    c = json.load(open(os.path.join(d, 'case.json')))
    o = c.get('options') or {}
    a = []
    if o.get('type'):
        a += ['--type', o['type']]
    for k in ('max_heading_level', 'min_heading_level', 'heading_level'):
        if o.get(k):
            a += ['--' + k.replace('_', '-'), str(o[k])]
    if o.get('is_parse_category') is False:
        a.append('--no-category')
    a += ['--file', c['file'], '--repo-url', 'https://github.com/%s/%s' % (c['owner'], c['repo']),
          '--branch', c['branch'], '--import', c['import_commit']]
    return c, a


def parse_page(text):
    """default-format page -> [(label, [(category, [lines])])], newest first"""
    out = []
    for sec in ('\n' + text).split('\n## ')[1:]:
        lines = sec.rstrip('\n').split('\n')
        cats = [['', []]]
        for ln in lines[1:]:
            if ln.startswith('### '):
                cats.append([ln[4:], []])
            elif ln:
                cats[-1][1].append(ln)
        out.append((lines[0], [(c, l) for c, l in cats if c or l]))
    return out


def period(kind, lab):
    """(key, start, end) of a page label, as check_outputs keys periods"""
    # "Dec 26 - Jan 01, 2022": the year is the Monday's
    first, year = lab.split(' - ')[0].split(', ')[0], lab.rsplit(', ', 1)[1]
    end = datetime.datetime.strptime(first + ', ' + year, '%b %d, %Y').replace(
        tzinfo=datetime.timezone.utc)
    if kind == 'week':
        start = end
        y, w, _ = start.date().isocalendar()
        return (y, w, None), start, start + datetime.timedelta(days=7)
    return (end.year, end.month, end.day), end, end + datetime.timedelta(days=1)


def secs_of(kind, page):
    s = []
    for lab, cats in page:
        key, start, end = period(kind, lab)
        s.append((key, start, end, [u for _, ls in cats for ln in ls for u in co.md_links(ln)]))
    return s


def feed_secs(kind, path):
    """a feed's expected periods from update.sh's model, newest first"""
    m = {}
    for line in open(path):
        day, nums = line[3:].rstrip('\n').split(': ', 1)
        d = datetime.datetime.strptime(day, '%b %d, %Y').replace(tzinfo=datetime.timezone.utc)
        if kind == 'week':
            y, w, _ = d.date().isocalendar()
            key = (y, w, None)
            start = datetime.datetime.combine(datetime.date.fromisocalendar(y, w, 1),
                                              datetime.time(), datetime.timezone.utc)
            end = start + datetime.timedelta(days=7)
        else:
            key, start, end = (d.year, d.month, d.day), d, d + datetime.timedelta(days=1)
        m.setdefault(key, (key, start, end, []))[3].extend(
            'https://example.org/posts/' + n for n in nums.split())
    return sorted(m.values(), key=lambda x: x[1], reverse=True)


def finished(secs):
    """the periods a feed has by default: the unfinished current one left out"""
    now = datetime.datetime.now(datetime.timezone.utc)
    return [x for x in secs if x[2] <= now]


def run(argv, stdout=subprocess.PIPE):
    return subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, timeout=600)


def read_back(tag, path, fmt, kind, secs, name, home):
    """a feed file from the state, read by every reader of its format"""
    raw = open(path, 'rb').read()
    if fmt == 'json':
        co.check_jsonfeed(tag, raw)
        co.compare(tag + ' jsonfeed-1.1', fmt, kind, co.read_jsonfeed(raw), secs, name, home)
        return
    d, ents = co.read_feedparser(path)
    check(not d.bozo, tag + ' feedparser: well-formed', d.get('bozo_exception'))
    co.compare(tag + ' feedparser', fmt, kind, ents, secs, name, home)
    co.xmllint(tag, path)
    rc, ents = co.read_sfeed(path)
    check(rc == 0, tag + ': sfeed exit status', rc)
    co.compare(tag + ' sfeed', fmt, kind, ents, secs, name, home)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--awtrack', required=True)
    ap.add_argument('--conf', required=True)
    ap.add_argument('--state', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--list', action='append', default=[])
    ap.add_argument('--feed', action='append', default=[])
    ap.add_argument('--absent', action='append', default=[])
    a = ap.parse_args()
    aw, conf, work = a.awtrack, a.conf, a.work
    os.makedirs(work, exist_ok=True)
    lists = []
    for spec in a.list:
        d, clone, old = spec.split('=')
        c, opts = git_opts(d)
        key = '%s/%s' % (c['owner'], c['repo'])
        pages = {}
        for kind, cmd in (('week', 'weekly'), ('day', 'daily')):
            r = run([aw, cmd, '--git', clone, '--body', '-q'] + opts)
            check(r.returncode == 0, key + ': git page', r.stderr.decode()[:300])
            pages[kind] = parse_page(r.stdout.decode('utf-8'))
        L = {'key': key, 'name': co.list_name(d, c), 'pages': pages, 'old': old,
             'path': key + '/', 'secs': {}, 'labeled': {}}
        for kind in ('week', 'day'):
            L['secs'][kind] = secs_of(kind, pages[kind])
            L['labeled'][kind] = [(lab, [u for cat, ls in cats for ln in ['### ' + cat] + ls
                                         for u in co.md_links(ln)]) for lab, cats in pages[kind]]
        lists.append(L)
    # a feed: named by its NAME, its pages under NAME/
    feeds = []
    for spec in a.feed:
        name, path = spec.split('=', 1)
        F = {'key': name, 'name': name, 'path': name + '/', 'secs': {}, 'labeled': {}}
        for kind in ('week', 'day'):
            F['secs'][kind] = feed_secs(kind, path)
            F['labeled'][kind] = [(co.label(kind, k), ln) for k, _, _, ln in F['secs'][kind]]
        check(F['secs']['week'], 'feed %s: the model has entries' % name)
        feeds.append(F)
    srcs = lists + feeds
    absent = [{'key': n, 'name': n, 'path': n + '/'} for n in a.absent]

    # ---- a feed's pages among the lists: `weekly NAME`, `daily NAME` ----
    for F in feeds:
        for kind, cmd in (('week', 'weekly'), ('day', 'daily')):
            r = run([aw, '-c', conf, cmd, F['key'], '--body'])
            got = [(lab, sorted(u for _, ls in cats for ln in ls for u in co.md_links(ln)))
                   for lab, cats in parse_page(r.stdout.decode('utf-8'))]
            want = [(lab, sorted(ln)) for lab, ln in F['labeled'][kind]]
            check(r.returncode == 0 and got == want, 'state %s %s: each entry in its period '
                  '(the fake\'s dates), newest period first' % (cmd, F['key']),
                  (r.returncode, r.stderr.decode()[:200], got[:3], want[:3]))

    # ---- one source's feeds from the state ----
    for L in srcs:
        for kind in ('week', 'day'):
            secs = finished(L['secs'][kind])
            home = SITE + L['path'] + ('week/' if kind == 'week' else '')
            for fmt in ('atom', 'rss', 'json'):
                path = os.path.join(work, '%s-%s-%s' % (L['key'].replace('/', '_'), kind, fmt))
                r = run([aw, '-c', conf, 'feed', '--format', fmt, '--site', SITE, L['key']] +
                        (['--daily'] if kind == 'day' else []), stdout=open(path, 'wb'))
                tag = 'state %s %s %s' % (L['key'], fmt, kind)
                if check(r.returncode == 0, tag + ': feed SOURCE exit 0', r.stderr.decode()[:300]):
                    read_back('state ' + L['key'], path, fmt, kind, secs, L['name'], home)

    # ---- the aggregate: --all pages and feeds ----
    for kind, cmd in (('week', 'weekly'), ('day', 'daily')):
        r = run([aw, '-c', conf, cmd, '--all', '--body'])
        if not check(r.returncode == 0, 'state %s --all: exit 0' % cmd, r.stderr.decode()[:300]):
            continue
        err = r.stderr.decode()
        lost = [x['key'] for x in absent
                if '%s: no state yet (run awtrack update), left out' % x['key'] not in err]
        check(not lost, 'state %s --all: a source without record is left out with a note' % cmd,
              (lost, err[:300]))
        allp = parse_page(r.stdout.decode('utf-8'))
        names = [L['name'] for L in srcs]
        # each link of the aggregate's period, attributed to the list whose
        # "### LIST" or "### LIST: CATEGORY" heading it follows
        got = {}
        for lab, cats in allp:
            owner = None
            for cat, lines in cats:
                for ln in ['### ' + cat] + lines:
                    for nm in names:
                        if ln == '### ' + nm or ln.startswith('### ' + nm + ': '):
                            owner = nm
                    for u in co.md_links(ln):
                        got.setdefault((lab, owner), []).append(u)
        want = {}
        for L in srcs:
            for lab, links in L['labeled'][kind]:
                want[(lab, L['name'])] = links
        bad = [k for k in set(want) | set(got) if sorted(got.get(k, [])) != sorted(want.get(k, []))]
        labels = []
        for L in srcs:
            labels += [lab for lab, _ in L['labeled'][kind] if lab not in labels]
        order = sorted(labels, key=lambda x: period(kind, x)[1], reverse=True)
        check([lab for lab, _ in allp] == order,
              'state %s --all: the periods of every list, newest first' % cmd,
              [(x, y) for x, y in zip([lab for lab, _ in allp], order) if x != y][:3])
        check(not bad, 'state %s --all: every link of each list in its period, under its '
              'list\'s heading, and no other' % cmd,
              [(k, sorted(got.get(k, []))[:3], sorted(want.get(k, []))[:3]) for k in bad[:2]])
    merged = {}
    for kind in ('week', 'day'):
        m = {}
        for L in srcs:
            for key, start, end, links in L['secs'][kind]:
                m.setdefault(key, (key, start, end, []))[3].extend(links)
        merged[kind] = finished(sorted(m.values(), key=lambda s: s[1], reverse=True))
    for fmt in ('atom', 'json'):
        path = os.path.join(work, 'all-week-' + fmt)
        r = run([aw, '-c', conf, 'feed', '--all', '--format', fmt, '--site', SITE],
                stdout=open(path, 'wb'))
        if check(r.returncode == 0, 'state feed --all %s: exit 0' % fmt, r.stderr.decode()[:300]):
            read_back('state --all', path, fmt, 'week', merged['week'], 'All lists',
                      SITE + 'all/week/')

    # ---- html --out from the configuration ----
    out = os.path.join(work, 'site')
    shutil.rmtree(out, ignore_errors=True)
    r = run([aw, '-c', conf, 'html', '--out', out, '--site', SITE, '-q'])
    check(r.returncode == 0, 'state html --out: exit 0', r.stderr.decode()[:300])
    files = ['index.html'] + ['%s%s%s' % (p, w, f) for p in [L['path'] for L in srcs + absent] +
                              ['all/']
                              for w in ('week/', '') for f in
                              ('index.html', 'atom.xml', 'rss.xml', 'feed.json')]
    missing = [f for f in files if not os.path.isfile(os.path.join(out, f))]
    check(not missing, 'state html --out: the index, each source\'s (feeds and sources '
          'without record too) and the aggregate\'s pages and feeds', missing[:5])
    made = sorted(os.path.relpath(os.path.join(dp, f), out) for dp, _, fs in os.walk(out)
                  for f in fs)
    check(made == sorted(files), 'state html --out: those files and no other',
          sorted(set(made) ^ set(files))[:5])
    if not missing:
        read_back('state html all/day', os.path.join(out, 'all/rss.xml'), 'rss', 'day',
                  merged['day'], 'All lists', SITE + 'all/')
        r = co.chromium(work, ['--dump-dom'], 'file://' + os.path.join(out, 'index.html'))
        p = co.inert('state html index', r.stdout.decode('utf-8', 'replace'), page=True)
        lost = [L['key'] for L in srcs + absent if L['path'] + 'week/index.html' not in p.hrefs]
        check(not lost, 'state html index (chromium): links every source\'s page (relative)',
              lost)
        text = ''.join(p.text)
        check(all(L['name'] in text for L in srcs + absent), 'state html index: every source named')
        fl = [u for F in feeds for s in F['secs']['week'][:2] for u in s[3] if u not in p.hrefs]
        check(not fl, 'state html index: the feeds\' newest entries', fl[:5])
        for L in absent:
            r = co.chromium(work, ['--dump-dom'],
                            'file://' + os.path.join(out, L['path'], 'week', 'index.html'))
            p = co.inert('state html ' + L['key'], r.stdout.decode('utf-8', 'replace'), page=True)
            check(L['name'] in ''.join(p.text) and
                  not [i for i in p.ids if re.match(r'\d{4}-W\d\d$', i)],
                  'state html %s (no record yet): its page, named, without weeks' % L['key'],
                  p.ids[:5])
        for L in srcs:
            r = co.chromium(work, ['--dump-dom'],
                            'file://' + os.path.join(out, L['path'], 'week', 'index.html'))
            p = co.inert('state html ' + L['key'], r.stdout.decode('utf-8', 'replace'), page=True)
            secs = L['secs']['week'][:12]
            want = [co.anchor('week', s[0]) for s in secs]
            check([i for i in p.ids if re.match(r'\d{4}-W\d\d$', i)] == want,
                  'state html %s (chromium): the newest 12 weeks, in order' % L['key'],
                  (p.ids[:14], want))
            got = set(p.hrefs)
            lost = [u for s in secs for u in s[3] if u not in got]
            check(not lost, 'state html %s: every item link of those weeks' % L['key'], lost[:5])

    # ---- serve from the state: 200, 304, newsboat, a record replaced under load ----
    srv = co.Server([aw, '-c', conf, 'serve'])
    restore = []
    try:
        st, hd, body = srv.get('/')
        et = hd.get('ETag')
        check(st == 200 and et and all(L['name'].encode() in body for L in srcs + absent),
              'state serve /: 200, an ETag, every source (feeds, one without record)', st)
        st2, _, b2 = srv.get('/', {'If-None-Match': et or '"x"'})
        check(st2 == 304 and b2 == b'', 'state serve /: 304 for its ETag', st2)
        urls = []
        for L in srcs:
            for fmt in ('atom', 'rss'):
                u = '/' + L['path'] + 'week/' + fmt + '.xml'
                st, _, _ = srv.get(u)
                check(st == 200, 'state serve %s: 200' % u, st)
                urls.append(srv.site + u)
        for fmt in ('atom', 'rss'):
            fu = [u for u in urls if u.endswith(fmt + '.xml')]
            rc, unread, by_feed = co.read_newsboat(fu, os.path.join(work, 'nb-' + fmt))
            total = sum(len(finished(L['secs']['week'])) for L in srcs)
            check(rc == 0 and unread == total, 'state serve newsboat %s: every entry of every '
                  'source' % fmt, (rc, unread, total))
            for L in srcs:
                home = srv.site + '/' + L['path'] + 'week/'
                co.compare('state serve newsboat ' + L['key'], fmt, 'week',
                           by_feed.get(home + fmt + '.xml', []), finished(L['secs']['week']),
                           L['name'], home)
        # replace the first list's record by its older one while ab runs
        A, B = lists[0], lists[-1]
        ua, ub = '/' + A['path'] + 'week/atom.xml', '/' + B['path'] + 'week/atom.xml'
        _, ha, body_a = srv.get(ua)
        _, hb, _ = srv.get(ub)
        rec = [f for f in os.listdir(a.state) if f.startswith('list.' + A['key'].split('/')[0])][0]
        cur = os.path.join(a.state, rec)
        keep = os.path.join(work, 'record.keep')
        shutil.copyfile(cur, keep)
        restore.append((keep, cur))
        abr = {}

        def load():
            # an unchanged list's feed: same length before and after (ab
            # counts a different length as a failure)
            abr['r'] = run(['ab', '-q', '-n', '3000', '-c', '8', srv.site + ub])
        th = threading.Thread(target=load)
        th.start()
        time.sleep(0.3)
        shutil.copyfile(A['old'], cur + '.tmp')
        os.rename(cur + '.tmp', cur)
        etag = ha.get('ETag')
        deadline = time.time() + 10
        while time.time() < deadline:
            st, h2, b2 = srv.get(ua)
            if h2.get('ETag') != etag:
                break
            time.sleep(0.2)
        th.join()
        check(h2.get('ETag') != etag and b2 != body_a,
              'state serve: a replaced record is served again with a new ETag', etag)
        r = run([aw, '-c', conf, 'feed', '--format', 'atom', '--site', srv.site + '/', A['key']])
        check(r.stdout == b2, 'state serve: the new feed is the one `feed SOURCE` prints now')
        st, _, _ = srv.get(ua, {'If-None-Match': etag})
        check(st == 200, 'state serve: the old ETag gets 200 after the change', st)
        st, _, _ = srv.get(ub, {'If-None-Match': hb.get('ETag')})
        check(st == 304, 'state serve: an unchanged list keeps its ETag (304)', st)
        out = abr['r'].stdout.decode()
        m1 = re.search(r'Complete requests:\s+(\d+)', out)
        m2 = re.search(r'Failed requests:\s+(\d+)', out)
        m3 = re.search(r'Non-2xx responses:\s+(\d+)', out)
        check(m1 and int(m1.group(1)) == 3000 and m2 and int(m2.group(1)) == 0 and not m3,
              'state serve under ab -n 3000 -c 8 while the state changes: no failure',
              [m.group(0) for m in (m1, m2, m3) if m] + [abr['r'].stderr.decode()[-200:]])

        # the configuration changes under serve: a source removed (the file
        # replaced by a rename), an invalid file (ignored), the source back
        # (written in place)
        V, K = srcs[-1], srcs[0]
        head = '[%s %s]' % ('feed' if V in feeds else 'source', V['key'])
        text = open(conf).read()
        conf_keep = os.path.join(work, 'conf.keep')
        shutil.copyfile(conf, conf_keep)
        restore.append((conf_keep, conf))
        kept, skip = [], False
        for ln in text.split('\n'):
            if ln.startswith('['):
                skip = ln.strip() == head
            if not skip:
                kept.append(ln)
        check(len(kept) < len(text.split('\n')), 'serve reload: %s is in the configuration' % head)
        uv, uk = '/' + V['path'] + 'week/atom.xml', '/' + K['path'] + 'week/atom.xml'

        def wait_for(path, status):
            deadline = time.time() + 10
            while time.time() < deadline:
                st, h, b = srv.get(path)
                if st == status:
                    return st, h, b
                time.sleep(0.2)
            return st, h, b
        with open(conf + '.tmp', 'w') as f:
            f.write('\n'.join(kept))
        os.rename(conf + '.tmp', conf)
        st, _, _ = wait_for(uv, 404)
        check(st == 404, 'serve reload: a source removed from the configuration: its feed 404', st)
        st, hi, bi = srv.get('/')
        check(st == 200 and (V['path'] + 'week/index.html').encode() not in bi and
              (K['path'] + 'week/index.html').encode() in bi,
              'serve reload: the index without the removed source, with the others', st)
        st, _, _ = srv.get(uk)
        check(st == 200, 'serve reload: the other sources still served', st)
        with open(conf, 'a') as f:
            f.write('\nthis is not a line of awtrack.conf\n')
        time.sleep(2.5)
        st, h2, _ = srv.get('/')
        check(st == 200 and h2.get('ETag') == hi.get('ETag'),
              'serve reload: an invalid configuration keeps the sources served before', st)
        with open(conf, 'w') as f:
            f.write(text)
        st, _, bv = wait_for(uv, 200)
        r = run([aw, '-c', conf, 'feed', '--format', 'atom', '--site', srv.site + '/', V['key']])
        check(st == 200 and bv == r.stdout and r.returncode == 0,
              'serve reload: the source added back: its feed as `feed SOURCE` prints it', st)
        st, _, bi = srv.get('/')
        check((V['path'] + 'week/index.html').encode() in bi,
              'serve reload: the index links it again')
    finally:
        for k, c in restore:
            os.rename(k, c)
        check(srv.stop() == 0, 'state serve: stops cleanly on SIGTERM')
    print('state outputs: %d passed, %d failed' % (co.PASS, co.FAIL))
    return 1 if co.FAIL else 0


if __name__ == '__main__':
    sys.exit(main())
