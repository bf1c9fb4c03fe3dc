#!/bin/sh
# run.sh - `make fuzz`: build the libFuzzer harnesses with clang (ASan +
# UBSan) and run each for FUZZ_SECONDS (default 60) on seed corpora made
# from real-shaped inputs: the list parser (fuzz_md, real list snapshots
# in tests/data/md), the HTTP response parser (fuzz_http: GitHub-shaped
# responses, fixed length and chunked, 304, 429, redirects), the feed
# reader (fuzz_feed: the GitHub commit feed and the RSS 2.0 feed of
# tests/data/feeds), the config parser (fuzz_conf: the example of issue
# 10) and the state decoder (fuzz_state: a state file assembled by a
# separate Python writer of docs/awtrack-state.5), and the HTTP request
# parser of `awtrack serve` (fuzz_httpd: well-formed, pipelined and broken
# requests), and the stargazers_count scan of the REST API's repository
# object (fuzz_json: the fake GitHub's answer and a fork-shaped object),
# and the feed source's record loader (fuzz_fsrc: a feed record from the
# same Python writer, entries and a remembered dropped key), and the star
# cache record decoder (fuzz_starcache: records the fake GitHub's counts
# made in tests/update.sh, tests/data/stars, and a Python-written one).
# FUZZ_TARGETS="md http feed conf state httpd json fsrc starcache" picks the harnesses, FUZZ_NOBUILD=1
# reuses the harnesses built last time.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/fuzz
targets=${FUZZ_TARGETS:-md http feed conf state httpd json fsrc starcache}
rm -f "$out"/crash-*
for t in $targets; do
	mkdir -p "$out/corpus-$t"
	# FUZZ_NOBUILD=1: reuse the binaries of the last run
	[ -n "${FUZZ_NOBUILD:-}" ] && [ -x "$out/fuzz_$t" ] && continue
	clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I"$top/core" "$top"/core/*.c "$top/tests/fuzz/fuzz_$t.c" -lexpat -o "$out/fuzz_$t"
done
# seeds (all corpora, whichever harnesses run)
for t in md http feed conf state httpd json fsrc starcache; do mkdir -p "$out/corpus-$t"; done
c=$out/corpus-md
for f in "$top"/tests/data/md/*.md; do
	b=$(basename "$f")
	# three header bytes: mode / options, flags, chunk size
	head -c 6000 "$f" | (printf '\000\000\020'; cat) >"$c/$b.list"
	head -c 6000 "$f" | (printf '\001\001\007'; cat) >"$c/$b.table"
	head -c 6000 "$f" | (printf '\002\002\003'; cat) >"$c/$b.heading"
done
feeds=$top/tests/data/feeds
c=$out/corpus-http
n=$(wc -c <"$feeds/gh-commits.atom")
{ printf '\020HTTP/1.1 200 OK\r\nContent-Type: application/atom+xml; charset=utf-8\r\n'
  printf 'ETag: W/"5b1e0e4c2f1a8a7b9d3c"\r\nLast-Modified: Thu, 03 Dec 2026 09:15:00 GMT\r\n'
  printf 'Cache-Control: max-age=300\r\nContent-Length: %d\r\n\r\n' "$n"
  head -c 3000 "$feeds/gh-commits.atom"; } >"$c/length"
{ printf '\003HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'
  printf '1f4;ext=1\r\n'; head -c 500 "$feeds/rss2.xml"; printf '\r\n'
  printf '64\r\n'; tail -c +501 "$feeds/rss2.xml" | head -c 100; printf '\r\n0\r\nTrailer: x\r\n\r\n'; } >"$c/chunked"
printf '\001HTTP/1.1 304 Not Modified\r\nETag: "x"\r\n\r\n' >"$c/304"
printf '\177HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\nX-RateLimit-Remaining: 0\r\nX-RateLimit-Reset: 1796385600\r\nContent-Length: 0\r\n\r\n' >"$c/429"
printf '\200HTTP/1.1 503 x\r\nRetry-After: Fri, 04 Dec 2026 12:30:00 GMT\r\n\r\nbody until close' >"$c/503"
printf '\005HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 301 Moved\r\nLocation: ../x/./y?q#f\r\nContent-Length: 0\r\n\r\n\000https://github.com/o/r/commits/main/README.md.atom\000../../x' >"$c/redirect"
c=$out/corpus-feed
(printf '\377'; cat "$feeds/gh-commits.atom") >"$c/github.atom"
(printf '\377'; cat "$feeds/rss2.xml") >"$c/rss2.xml"
(printf '\037'; head -c 4000 "$feeds/gh-commits.atom") >"$c/github-cut.atom"
printf '\041<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/x/"><entry xml:base="y/"><id>1</id><link xml:base="../z/" href="./a/../b?c#d"/></entry><entry><link href="//h.test/p"/></entry></feed>' >"$c/xmlbase.atom"
printf '\041<rss version="2.0"><channel xml:base="https://c.test/q/"><item><link>/p/1</link></item><item><link>p/2#f</link></item></channel></rss>' >"$c/xmlbase.rss"
printf '\007<!DOCTYPE feed [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&b;</title></entry></feed>' >"$c/entities"
c=$out/corpus-conf
cat >"$c/issue-example.conf" <<'CONF'
[awtrack]
state = /var/lib/awtrack            # a directory
github_url = https://github.com
raw_url = https://raw.githubusercontent.com
api_url = https://api.github.com
ca_file = /etc/ssl/certs/ca-certificates.crt

[source Friz-zy/awesome-linux-containers]
file = README.md
branch = master
type = list                         # list | table | heading
max_heading_level = 2               # the parse options of the spec, by these names
min_heading_level = 2
heading_level = 3
is_parse_category = false

[source ligurio/awesome-ci/README.md]
type = table
is_parse_category = false

[feed tal-go]
url = https://www.trackawesomelist.com/avelino/awesome-go/rss.xml
keep = 50
CONF
c=$out/corpus-state
python3 - "$c/sample.state" <<'PY'
import struct, sys, zlib
def f(tag, v):
    if isinstance(v, int): v = struct.pack('<q', v)
    elif isinstance(v, str): v = v.encode()
    return struct.pack('<BI', tag, len(v)) + v
def rec(t, fields): p = b''.join(fields); return struct.pack('<BI', t, len(p)) + p
body = b'AWST' + struct.pack('<HH', 1, 0)
recs = [rec(1, [f(1, 'Friz-zy/awesome-linux-containers/README.md'), f(3, 'W/"abc"'),
                f(5, '8866775cb2468519bd701256c1ac667e4954fc7a'), f(16, 1689584282), f(20, 1796388600)]),
        rec(2, [f(1, bytes(range(20))), f(2, 'footloose'), f(3, 'https://github.com/weaveworks/footloose'),
                f(6, 'Containers'), f(7, '- [footloose](https://github.com/weaveworks/footloose)'), f(16, 1600000000)]),
        rec(1, [f(1, 'feed:tal-go'), f(6, 'HTTP 503')]),
        rec(3, [f(1, 'https://www.trackawesomelist.com/x/'), f(2, 'Awesome Go Updates'), f(16, 1723420800)])]
body += b''.join(recs) + struct.pack('<BII', 15, 8, len(recs))
body += struct.pack('<I', zlib.crc32(body))
open(sys.argv[1], 'wb').write(b'\x10' + body)
open(sys.argv[1] + '-fixcrc', 'wb').write(b'\x90' + body)
PY
c=$out/corpus-fsrc
python3 - "$c/sample.fsrc" <<'PY'
import struct, sys, zlib
def f(tag, v):
    if isinstance(v, int): v = struct.pack('<q', v)
    elif isinstance(v, str): v = v.encode()
    return struct.pack('<BI', tag, len(v)) + v
def rec(t, fields): p = b''.join(fields); return struct.pack('<BI', t, len(p)) + p
body = b'AWST' + struct.pack('<HH', 1, 0)
recs = [rec(1, [f(1, 'feed:fuzz'), f(2, 'https://fuzz.test/rss'), f(3, 'W/"abc"'),
                f(4, 'Thu, 03 Dec 2026 09:15:00 GMT'), f(17, 1796300000), f(18, 1796388600), f(19, 1796388600)]),
        rec(3, [f(1, 'urn:x:2'), f(2, 'Two [b] *c*'), f(3, 'https://fuzz.test/2 (x)'), f(4, 'Summary <p>'),
                f(16, 1796300000), f(17, 1796300000), f(18, 1)]),
        rec(3, [f(1, 'https://fuzz.test/1'), f(2, '# One'), f(16, 1723420800), f(17, 1796300000)]),
        rec(3, [f(1, '0123456789abcdef0123456789abcdef01234567'), f(18, 2)])]
body += b''.join(recs) + struct.pack('<BII', 15, 8, len(recs))
body += struct.pack('<I', zlib.crc32(body))
open(sys.argv[1], 'wb').write(b'\x10\x07' + body)
open(sys.argv[1] + '-fixcrc', 'wb').write(b'\x90\x01' + body)
PY
c=$out/corpus-httpd
printf '\007GET / HTTP/1.1\r\nHost: a\r\nIf-None-Match: W/"abc", "x"\r\n\r\n' >"$c/get"
printf '\001POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET /y HTTP/1.0\n\n' >"$c/pipe"
printf '\003GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\nTransfer-Encoding: chunked\r\n\r\n' >"$c/bad"
c=$out/corpus-json
# the answer of tests/fakegh (json.dumps(indent=2)) and a fork's shape
python3 - "$c" <<'PY'
import json, sys
d = sys.argv[1]
r = {"id": 1, "name": "awesome-ci", "full_name": "ligurio/awesome-ci",
     "owner": {"login": "ligurio"}, "stargazers_count": 4081, "watchers_count": 4081,
     "default_branch": "master"}
open(d + "/fakegh.json", "wb").write(b"\x05" + json.dumps(r, indent=2).encode())
f = dict(r, fork=True, description="CI \u2014 \"x\" \\ y", topics=["a", [], {}],
         score=-1.5e2, parent=dict(r), source=dict(r))
open(d + "/fork.json", "wb").write(b"\x11" + json.dumps(f).encode())
open(d + "/escaped-key.json", "wb").write(b'\x03{"stargazers\\u005fcount": 7, "x": null}')
PY
c=$out/corpus-starcache
for f in "$top"/tests/data/stars/*.rec; do
	(printf '\007'; cat "$f") >"$c/$(basename "$f")"
	(printf '\203'; head -n 4 "$f"; printf 'end 3 00000000\n') >"$c/$(basename "$f")-fixcrc"
done
python3 - "$c/python.rec" <<'PY'
import sys, zlib
b = b"awtrack-stars 1\nligurio/awesome-ci\t4081\t1796385600\no/r\t-\t1796385600\no/r\t7\t5\n"
open(sys.argv[1], "wb").write(b"\x03" + b + b"end 3 %08x\n" % zlib.crc32(b))
PY
cd "$out"
for t in $targets; do
	echo "== fuzz_$t (${FUZZ_SECONDS:-60} s)"
	./fuzz_$t -max_total_time="${FUZZ_SECONDS:-60}" -max_len=8192 -print_final_stats=1 \
		-artifact_prefix="$out/crash-$t-" corpus-$t 2>&1 | tail -20
	# a crash leaves an artifact: fail
	if ls "$out"/crash-$t-* >/dev/null 2>&1; then
		echo "fuzz_$t: FAILED, see $out/crash-$t-*"; exit 1
	fi
done
