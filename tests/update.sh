#!/bin/sh
# update.sh - `awtrack update` against the fake GitHub (tests/fakegh) on
# 127.0.0.1 over TLS: end to end on the three bundled lists (history
# served commit by commit, the digest after the baseline equals the git
# replay's), the one-request 304 poll, every fault mode (state unchanged
# byte for byte, a clear message, the documented exit code), the lock,
# crash safety (storage failing at each operation in turn, kill -9 at many
# points). Needs python3 and openssl (tools/setup-tests.sh); no network.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
AW=${AW_BIN:-$top/build/awtrack}
PY=/usr/bin/python3
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # description command...
	d=$1; shift
	if "$@"; then ok; else bad "$d"; fi
}
if [ ! -x $PY ] || ! command -v openssl >/dev/null 2>&1; then
	echo "update: SKIPPED (needs /usr/bin/python3 and openssl: tools/setup-tests.sh)"
	echo "update: 0 passed, 0 failed"
	exit 0
fi
T=$(mktemp -d /tmp/awtrack-update.XXXXXX)
FG=$T/fakegh
fgpid=
cleanup() { [ -n "$fgpid" ] && kill "$fgpid" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT INT TERM

CASES="Friz-zy/awesome-linux-containers ligurio/awesome-ci sindresorhus/quick-look-plugins"
repos=""
for c in $CASES; do repos="$repos --repo $c=$top/tests/data/cases/$c/list.bundle"; done
$PY tests/fakegh/fakegh.py --dir "$FG" $repos > "$T/fakegh.log" 2>&1 &
fgpid=$!
i=0
while [ ! -f "$FG/ports" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ -f "$FG/ports" ] || { echo "fakegh did not start:"; cat "$T/fakegh.log"; echo "update: 0 passed, 1 failed"; exit 1; }
. "$FG/ports"

case_field() { $PY -c "import json,sys; d=json.load(open(sys.argv[1])); v=d$2; print(v if v is not None else '')" "$top/tests/data/cases/$1/case.json"; }
set_ctl() { # JSON -> ctl.json, atomically
	printf '%s\n' "$1" > "$FG/ctl.tmp" && mv "$FG/ctl.tmp" "$FG/ctl.json"
}
heads="{}"
set_head() { # repo sha [extra json members]
	heads=$($PY -c "import json,sys; h=json.loads(sys.argv[1]); h[sys.argv[2]]=sys.argv[3]; print(json.dumps(h))" "$heads" "$1" "$2")
	set_ctl "{\"heads\": $heads${3:+, $3}}"
}
conf() { # file [github_url] [ca_file] [timeout] [max_file_size] -> writes the config of all cases
	cat > "$1" <<EOC
# awtrack.conf of tests/update.sh
[awtrack]
state = $T/state            # a directory
github_url = ${2:-https://127.0.0.1:$GITHUB_PORT}
raw_url = https://localhost:$RAW_PORT
api_url = https://127.0.0.1:$API_PORT
ca_file = ${3:-$FG/ca.crt}
timeout = ${4:-5}
max_file_size = ${5:-1048576}
EOC
	for cc in $CASES; do
		echo "" >> "$1"
		echo "[source $cc]" >> "$1"
		echo "file = $(case_field $cc "['file']")" >> "$1"
		echo "branch = $(case_field $cc "['branch']")" >> "$1"
		$PY - "$top/tests/data/cases/$cc/case.json" >> "$1" <<'EOP'
import json, sys
o = json.load(open(sys.argv[1]))["options"]
for k in ("type", "max_heading_level", "min_heading_level", "heading_level"):
    if k in o: print(f"{k} = {o[k]}")
if "is_parse_category" in o: print("is_parse_category = " + ("true" if o["is_parse_category"] else "false"))
EOP
	done
}
git_opts() { # case -> parse options of the git path
	$PY - "$top/tests/data/cases/$1/case.json" <<'EOP'
import json, sys
o = json.load(open(sys.argv[1]))["options"]
a = []
if "type" in o: a += ["--type", o["type"]]
for k in ("max_heading_level", "min_heading_level", "heading_level"):
    if k in o: a += ["--" + k.replace("_", "-"), str(o[k])]
if o.get("is_parse_category") is False: a.append("--no-category")
print(" ".join(a))
EOP
}
C=$T/awtrack.conf
conf "$C"
nreq() { [ -f "$FG/requests.log" ] && wc -l < "$FG/requests.log" || echo 0; }

# ---- end to end: each list's history, one commit per update ----------
for c in $CASES; do
	clone=$T/clone-$(echo $c | tr / _)
	git clone -q "$top/tests/data/cases/$c/list.bundle" "$clone"
	file=$(case_field $c "['file']")
	imp=$(case_field $c "['import_commit']")
	opts="$(git_opts $c) --repo-url https://github.com/$c --branch $(case_field $c "['branch']") --file $file"
	# two baselines: the case's import commit, and one 12 file commits earlier
	early=$(git -C "$clone" log --format=%H "$imp" -- "$file" | sed -n 13p)
	for base in $imp $early; do
		rm -rf "$T/state"
		set_head $c $base
		if ! "$AW" -c "$C" -q update $c 2> "$T/err"; then
			bad "$c: baseline update at $base"; cat "$T/err"; continue
		fi
		n=0 rc=0
		for sha in $(git -C "$clone" log --reverse --format=%H "$base..HEAD" -- "$file"); do
			set_head $c $sha
			"$AW" -c "$C" -q update $c 2> "$T/err" || { rc=1; cat "$T/err"; }
			n=$((n + 1))
		done
		check "$c from $base: $n updates succeed" [ $rc = 0 ]
		for kind in weekly daily; do
			# periods after the baseline's equal the git replay's
			"$AW" -c "$C" $kind $c --tal-compat --body > "$T/upd.md" 2> "$T/err" || cat "$T/err"
			"$AW" $kind --git "$clone" --import $base $opts --tal-compat --body --quiet > "$T/git.md"
			if $PY - "$T/upd.md" "$T/git.md" <<'EOP'
import sys
def sections(p):
    t = open(p).read()
    parts = t.split("\n## [")
    return [parts[0]] + ["## [" + s for s in parts[1:]]
import re
def key(s):
    m = re.search(r"\(/content/([0-9]+)/([0-9]+)(?:/([0-9]+))?/", s.split("\n", 1)[0])
    return tuple(int(x) for x in m.groups() if x is not None)
u, g = sections(sys.argv[1]), sections(sys.argv[2])
if len(u) < 2: sys.exit(1)
bk = key(u[-1])                      # the baseline's period: the oldest of the update
after_u = [s for s in u[1:] if key(s) > bk]
after_g = [s for s in g[1:] if key(s) > bk]
# the last section of a page has no trailing blank line; compare trimmed
after_u = [s.rstrip("\n") for s in after_u]
after_g = [s.rstrip("\n") for s in after_g]
if after_u != after_g:
    print("update:", [s.split("\n",1)[0] for s in after_u][:5], "git:", [s.split("\n",1)[0] for s in after_g][:5])
    for a, b in zip(after_u, after_g):
        if a != b: print("--- update\n" + a[:600] + "\n--- git\n" + b[:600]); break
    sys.exit(1)
EOP
			then ok; else bad "$c from $base ($n commits): $kind periods after the baseline differ from the git replay"; fi
			# the same in the default format (the git path's option parser
			# and page, from the state): the periods after the baseline's
			"$AW" -c "$C" $kind $c --body > "$T/upd.md" 2> "$T/err" || cat "$T/err"
			"$AW" $kind --git "$clone" --import $base $opts --body --quiet > "$T/git.md"
			if $PY - "$T/upd.md" "$T/git.md" <<'EOP'
import sys, datetime
def sections(p):
    t = "\n" + open(p).read()
    return [s.rstrip("\n") for s in t.split("\n## ")[1:]]
def key(s):  # "Dec 14 - Dec 20, 2020" (the week's Sunday) or "Dec 14, 2020"
    lab = s.split("\n", 1)[0]
    return datetime.datetime.strptime(lab.split(" - ")[-1], "%b %d, %Y")
u, g = sections(sys.argv[1]), sections(sys.argv[2])
if not u: sys.exit(1)
bk = key(u[-1])
au = [s for s in u if key(s) > bk]
ag = [s for s in g if key(s) > bk]
if au != ag:
    print("update:", [s.split("\n")[0] for s in au][:5], "git:", [s.split("\n")[0] for s in ag][:5])
    for a, b in zip(au, ag):
        if a != b: print("--- update\n" + a[:600] + "\n--- git\n" + b[:600]); break
    sys.exit(1)
EOP
			then ok; else bad "$c from $base ($n commits): $kind periods after the baseline (default format) differ from the git replay"; fi
		done
		# exact history: export-state at the baseline, then the same updates
		[ $base = $imp ] || continue
		rm -rf "$T/state"
		"$AW" export-state --git "$clone" --import $base --head $base $opts > "$T/rec" 2> "$T/err" || cat "$T/err"
		set_head $c $base
		check "$c: import-state" "$AW" -c "$C" -q import-state $c "$T/rec"
		for sha in $(git -C "$clone" log --reverse --format=%H "$base..HEAD" -- "$file"); do
			set_head $c $sha
			"$AW" -c "$C" -q update $c 2> "$T/err" || cat "$T/err"
		done
		for kind in weekly daily; do
			# every format, whole pages (header included but under
			# --tal-compat, whose header names trackawesomelist's site)
			for fmt in "--tal-compat --body" "" "--format text" "--last 3" "--since 2019-06-01" \
				"--format text --last 2 --name Name --body"; do
				"$AW" -c "$C" $kind $c $fmt > "$T/upd.md" 2> "$T/err"
				"$AW" $kind --git "$clone" --import $base $opts $fmt --quiet > "$T/git.md" 2>/dev/null
				check "$c from exported $base: whole $kind page (${fmt:-default format}) equals the git replay" cmp -s "$T/upd.md" "$T/git.md"
			done
		done
		# kept for the outputs from the state below: every list's record,
		# the clone, and the exported baseline's record (an older state)
		mkdir -p "$T/allstate"
		cp "$T/state/$(ls "$T/state" | grep "^list\.$(echo $c | cut -d/ -f1)")" "$T/allstate/"
		cp "$T/rec" "$T/rec-$(echo $c | tr / _)"
	done
done

# ---- the outputs from the state: every list's record from above ------
# (pages: compared above; feeds, --all, html --out and serve: at the end,
# with [feed NAME] sources beside the lists)
sed "s|^state = .*|state = $T/allstate|" "$C" > "$T/all.conf"
# usage: what the state path refuses
"$AW" -c "$T/all.conf" weekly 2> "$T/err"
check "weekly from the state without SOURCE or --all: exit 2 ($(cat "$T/err"))" sh -c "[ $? = 2 ] && grep -q 'which SOURCE' '$T/err'"
"$AW" -c "$T/all.conf" weekly --all --tal-compat 2> "$T/err"
check "--all --tal-compat: exit 2" [ $? = 2 ]
"$AW" -c "$T/all.conf" weekly Friz-zy/awesome-linux-containers --import HEAD 2> "$T/err"
check "a git-path option from the state: exit 2 naming it" sh -c "[ $? = 2 ] && grep -q -- '--import is an option of the git path' '$T/err'"
"$AW" -c "$T/all.conf" weekly no/such 2> "$T/err"
check "unknown SOURCE: exit 2" [ $? = 2 ]
"$AW" -c "$T/all.conf" weekly Friz-zy/awesome-linux-containers --git . 2> "$T/err"
check "SOURCE with --git: exit 2" sh -c "[ $? = 2 ] && grep -q 'unexpected argument' '$T/err'"
# $C's state holds the last list's record only: the others are left out
"$AW" -c "$C" weekly --all > "$T/out" 2> "$T/err"
rc=$?
check "--all with sources without state yet: exit 0 ($rc), each left out with a note" sh -c \
	"[ $rc = 0 ] && [ \$(grep -c 'no state yet (run awtrack update), left out' '$T/err') -ge 1 ] && grep -q '^## ' '$T/out'"
mkdir -p "$T/nostate"
sed "s|^state = .*|state = $T/nostate|" "$C" > "$T/nostate.conf"
"$AW" -c "$T/nostate.conf" weekly --all > /dev/null 2> "$T/err"
rc=$?
check "--all when no source has a state: exit 4 ($rc)" sh -c "[ $rc = 4 ] && grep -q 'no source has a state yet' '$T/err'"
# the dashboard too: its aggregate needs one record
for cmd in "feed --all" "html --out $T/nosite" "serve --listen 127.0.0.1:0"; do
	"$AW" -c "$T/nostate.conf" $cmd > /dev/null 2> "$T/err"
	rc=$?
	check "$cmd when no source has a state: exit 4 ($rc)" sh -c "[ $rc = 4 ] && grep -q 'no source has a state yet' '$T/err'"
done

# ---- no change: one request, 304, nothing written --------------------
c=Friz-zy/awesome-linux-containers
clone=$T/clone-Friz-zy_awesome-linux-containers
rm -rf "$T/state"
set_head $c $(git -C "$clone" rev-parse HEAD)
"$AW" -c "$C" -q update $c 2>/dev/null
rec=$(ls "$T/state" | grep '^list\.Friz-zy')
cp "$T/state/$rec" "$T/before"
n0=$(nreq)
"$AW" -c "$C" -q update $c 2> "$T/err"
check "unchanged source: exit 0" [ $? = 0 ]
n1=$(nreq)
check "unchanged source: exactly one request" [ $((n1 - n0)) = 1 ]
check "unchanged source: answered 304" sh -c "tail -1 '$FG/requests.log' | grep -q '\"status\": 304'"
check "unchanged source: state unchanged" cmp -s "$T/before" "$T/state/$rec"
check "token never sent outside api_url" sh -c "! grep -v '\"role\": \"api\"' '$FG/requests.log' | grep -q '\"auth\": true'"

# ---- faults: state unchanged byte for byte, message, exit code -------
# the head moves one commit back first, so that raw files are fetched too
all=$(git -C "$clone" log --format=%H -- README.md)
prev=$(echo "$all" | sed -n 3p)
last=$(echo "$all" | sed -n 2p)
rm -rf "$T/state"
set_head $c $prev
"$AW" -c "$C" -q update $c 2>/dev/null
set_head $c $last
cp "$T/state/$rec" "$T/before"
fault() { # name expect-exit message-regex ctl-extra [conf args...]
	name=$1 want=$2 re=$3 extra=$4; shift 4
	set_head $c $last "$extra"
	conf "$T/fault.conf" "$@"
	"$AW" -c "$T/fault.conf" -q update $c 2> "$T/err"
	got=$?
	if [ $got = $want ] && grep -Eq "$re" "$T/err" && cmp -s "$T/before" "$T/state/$rec"; then ok
	else bad "fault $name: exit $got (want $want), stderr: $(cat "$T/err")"; fi
}
closed=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
fault refused 3 "Connection refused" '"fault": "none"' "https://127.0.0.1:$closed"
fault reset-feed 3 "reset|cut short" '"fault": "reset", "fault_role": "github"'
fault reset-raw 3 "reset|cut short" '"fault": "reset", "fault_role": "raw"'
fault chunked-trunc 3 "cut short" '"fault": "chunked_trunc", "fault_role": "github"'
fault chunked-trunc-raw 3 "cut short" '"fault": "chunked_trunc", "fault_role": "raw"'
fault stall 3 "timed out" '"fault": "stall", "stall_seconds": 4' "" "" 1
fault 404 3 "HTTP 404" '"fault": "404", "fault_role": "github"'
fault 404-raw 3 "HTTP 404" '"fault": "404", "fault_role": "raw"'
fault 500 3 "HTTP 500" '"fault": "500"'
fault 429 3 "HTTP 429.*retry after 120" '"fault": "429"'
fault redirect-loop 3 "redirect" '"fault": "redirect_loop"'
fault wrong-host-cert 3 "does not name" '"fault": "none"' "https://127.0.0.1:$BADHOST_PORT"
fault wrong-host-cert-dns 3 "does not name" '"fault": "none"' "https://localhost:$BADHOST_PORT"
fault untrusted-ca 3 "not trusted" '"fault": "none"' "" "$FG/ca2.crt"
fault malformed-xml 3 "malformed feed" '"fault": "malformed", "fault_role": "github"'
fault billion-laughs 3 "malformed feed.*(DOCTYPE|entit)" '"fault": "billion", "fault_role": "github"'
fault json-answer 3 "not an Atom feed" '"fault": "json", "fault_role": "github"'
fault raw-too-big 3 "larger than the limit.*max_file_size" '"fault": "bigraw", "fault_role": "raw"' "" "" "" 65536
check "no fault left a temporary file" sh -c "! ls -a '$T/state' | grep -q tmp"

# ---- the lock: a second run waits for nobody and says why -------------
if command -v flock >/dev/null 2>&1; then
	set_head $c $last
	flock "$T/state/lock" sleep 3 &
	lp=$!
	sleep 0.5
	"$AW" -c "$C" -q update $c 2> "$T/err"
	got=$?
	wait $lp
	check "locked state: exit 4 and a message ($(cat "$T/err"))" sh -c "[ $got = 4 ] && grep -q 'holds the state lock' '$T/err'"
	check "locked state: unchanged" cmp -s "$T/before" "$T/state/$rec"
fi

# ---- corrupt record: reported with its path, never replaced -----------
cp "$T/before" "$T/state/$rec"
printf 'X' | dd of="$T/state/$rec" bs=1 seek=100 conv=notrunc 2>/dev/null
cp "$T/state/$rec" "$T/corrupt"
set_head $c $last
"$AW" -c "$C" -q update $c 2> "$T/err"
got=$?
check "corrupt record: exit 4, path named ($(cat "$T/err"))" sh -c "[ $got = 4 ] && grep -q '$rec' '$T/err' && grep -q corrupt '$T/err'"
check "corrupt record: left as it is" cmp -s "$T/corrupt" "$T/state/$rec"
head -c 50 "$T/before" > "$T/state/$rec"
"$AW" -c "$C" -q update $c 2> "$T/err"
check "truncated record: exit 4" [ $? = 4 ]
cp "$T/before" "$T/state/$rec"

# ---- crash safety: storage failing at each operation in turn ----------
digest() { "$AW" -c "$C" weekly $c --body 2>/dev/null; }
cp "$T/before" "$T/state/$rec"
digest > "$T/old.md"
rm -rf "$T/newstate"; cp -r "$T/state" "$T/newstate"
"$AW" -c "$C" -q update $c 2>/dev/null
digest > "$T/new.md"
check "the update changes the digest" sh -c "! cmp -s '$T/old.md' '$T/new.md'"
k=1 mixed=0 seen_old=0 seen_new=0
while [ $k -le 12 ]; do
	cp "$T/before" "$T/state/$rec"
	AWTRACK_TEST_FAIL_STORAGE_OP=$k "$AW" -c "$C" -q update $c 2>/dev/null
	digest > "$T/now.md" 2>/dev/null
	if cmp -s "$T/now.md" "$T/old.md"; then seen_old=$((seen_old + 1))
	elif cmp -s "$T/now.md" "$T/new.md"; then seen_new=$((seen_new + 1))
	else mixed=$((mixed + 1)); fi
	k=$((k + 1))
done
check "storage failing at each operation: always old or new ($seen_old old, $seen_new new, $mixed other)" [ $mixed = 0 ]
check "storage failures: some runs kept the old state" [ $seen_old -gt 0 ]

# kill -9 at many points of an update
k=0 mixed=0
for d in 0.005 0.01 0.02 0.03 0.04 0.05 0.06 0.08 0.1 0.12 0.15 0.2 0.25 0.3 0.4; do
	cp "$T/before" "$T/state/$rec"
	"$AW" -c "$C" -q update $c 2>/dev/null &
	p=$!
	sleep $d
	kill -9 $p 2>/dev/null
	wait $p 2>/dev/null
	digest > "$T/now.md" 2>/dev/null
	if ! cmp -s "$T/now.md" "$T/old.md" && ! cmp -s "$T/now.md" "$T/new.md"; then
		mixed=$((mixed + 1))
	fi
	k=$((k + 1))
done
check "kill -9 at $k points: state always old or new ($mixed other)" [ $mixed = 0 ]
"$AW" -c "$C" -q update $c 2> "$T/err"
check "after the kills the next update works" [ $? = 0 ]
"$AW" -c "$C" status > "$T/status" 2>&1
check "status names the source and its last commit" sh -c "grep -q 'Friz-zy/awesome-linux-containers' '$T/status' && grep -q 'last commit: ${last%????????????????????????????}' '$T/status'"

# ---- status: the last error as printed, cleared by a success ----------
set_head $c $last '"fault": "404", "fault_role": "github"'
"$AW" -c "$C" -q update $c 2> "$T/err"
"$AW" -c "$C" status > "$T/status" 2>&1
want=$(sed -n 's/^awtrack: //p' "$T/err" | tail -1)
check "status: the failed check's error as on stderr ($want)" sh -c "[ -n '$want' ] && grep -q 'HTTP 404' '$T/status' && grep -qF '  last error:  $want' '$T/status'"
check "status: the failed check is marked" grep -q 'last check:.*(error (exit 3))' "$T/status"
set_head $c $last
"$AW" -c "$C" -q update $c 2> "$T/err"
"$AW" -c "$C" status > "$T/status" 2>&1
check "status: a success clears the last error" sh -c "! grep -q 'last error' '$T/status' && grep -q 'last check:.*(ok)' '$T/status'"

# ---- stars: counts from the REST API, cached, within the rate limit ----
# the fake answers every owner/repo with a count derived from its name
# (sha1, see fakegh.py); the git path gets the same counts through
# --stars, for every github.com link of the list (the badge rule picks)
starconf() { # file state [api_url] -> the config with stars = true
	conf "$1"
	sed -i "s|^state = .*|state = $2|; s|^api_url = .*|api_url = ${3:-https://127.0.0.1:$API_PORT}|; /^\[awtrack\]/a stars = true" "$1"
}
starmap() { # case text -> stars.tsv of the fake's counts, total of the list
	$PY - "$2" "$1" <<'EOP'
import hashlib, re, sys
t = open(sys.argv[1], encoding="utf-8", errors="replace").read()
n = lambda k: int(hashlib.sha1(k.encode()).hexdigest()[:8], 16) % 200000
for k in sorted(set(m.group(1) + "/" + m.group(2) for m in
        re.finditer(r"github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)", t))):
    print(f"{k}\t{n(k)}")
print(n(sys.argv[2]), file=sys.stderr)
EOP
}
apireq() { grep -c '"role": "api"' "$FG/requests.log"; }
for sc in Friz-zy/awesome-linux-containers ligurio/awesome-ci; do
	sclone=$T/clone-$(echo $sc | tr / _)
	sfile=$(case_field $sc "['file']")
	simp=$(case_field $sc "['import_commit']")
	sopts="$(git_opts $sc) --repo-url https://github.com/$sc --branch $(case_field $sc "['branch']") --file $sfile"
	rm -rf "$T/sstate"
	starconf "$T/stars.conf" "$T/sstate"
	git -C "$sclone" show HEAD:"$sfile" > "$T/list.md"
	starmap $sc "$T/list.md" > "$T/stars.tsv" 2> "$T/total"
	set_ctl "{\"stars_default\": \"hash\", \"ratelimit\": 5000, \"rate_epoch\": \"$sc\"}"
	"$AW" export-state --git "$sclone" --import $simp --head $simp $sopts > "$T/rec" 2> "$T/err" || cat "$T/err"
	"$AW" -c "$T/stars.conf" -q import-state $sc "$T/rec"
	a0=$(apireq)
	"$AW" -c "$T/stars.conf" -q update $sc 2> "$T/err"
	check "$sc stars: update exit 0 ($(cat "$T/err"))" [ $? = 0 ]
	a1=$(apireq)
	check "$sc stars: counts fetched ($((a1 - a0)) API requests)" [ $((a1 - a0)) -gt 5 ]
	for kind in weekly daily; do
		"$AW" -c "$T/stars.conf" $kind $sc --tal-compat > "$T/upd.md" 2> "$T/err"
		"$AW" $kind --git "$sclone" --import $simp $sopts --tal-compat --quiet \
			--stars "$T/stars.tsv" --stars-total $(cat "$T/total") > "$T/git.md"
		check "$sc stars: $kind page with badges and total equals the git path's --stars" cmp -s "$T/upd.md" "$T/git.md"
		cp "$T/upd.md" "$T/stars-$kind.md"
	done
	check "$sc stars: the page has badges" grep -q '(⭐[0-9.]*[kM]*)' "$T/stars-weekly.md"
	"$AW" -c "$T/stars.conf" -q update $sc 2> "$T/err"
	a2=$(apireq)
	check "$sc stars: a second update within the interval asks nothing" [ $a2 = $a1 ]
done
# the budget: 8 requests per window; the rest on later runs
sc=ligurio/awesome-ci
rm -rf "$T/sstate"
starconf "$T/stars.conf" "$T/sstate"
"$AW" -c "$T/stars.conf" -q import-state $sc "$T/rec"
set_ctl '{"stars_default": "hash", "ratelimit": 8, "reset_in": 2, "rate_epoch": 1}'
a0=$(apireq)
"$AW" -c "$T/stars.conf" update $sc 2> "$T/err"
rc=$?
a1=$(apireq)
check "stars budget: exit 0, 8 requests, the rest announced ($(tail -1 "$T/err"))" sh -c "[ $rc = 0 ] && [ $((a1 - a0)) = 8 ] && grep -q 'left for a later run' '$T/err'"
"$AW" -c "$T/stars.conf" -q update $sc 2> "$T/err"
a2=$(apireq)
check "stars budget: spent until the reset: no request" [ $a2 = $a1 ]
"$AW" -c "$T/stars.conf" weekly $sc --tal-compat > "$T/part.md" 2> "$T/err"
check "stars budget: the page renders with the counts so far" sh -c "[ \$(grep -o '(⭐[0-9.]*[kM]*)' '$T/part.md' | wc -l) -gt 0 ] && ! cmp -s '$T/part.md' '$T/stars-weekly.md'"
sleep 2.2
set_ctl '{"stars_default": "hash", "ratelimit": 8, "reset_in": 2, "rate_epoch": 2}'
"$AW" -c "$T/stars.conf" -q update $sc 2> "$T/err"
a3=$(apireq)
check "stars budget: after the reset the next 8" [ $((a3 - a2)) = 8 ]
sleep 2.2
set_ctl '{"stars_default": "hash", "ratelimit": 8, "reset_in": 2, "rate_epoch": 3}'
"$AW" -c "$T/stars.conf" -q update $sc 2> "$T/err"
"$AW" -c "$T/stars.conf" weekly $sc --tal-compat > "$T/full.md" 2> "$T/err"
check "stars budget: after three runs the page is complete" cmp -s "$T/full.md" "$T/stars-weekly.md"
# the token: only to api_url, never to github_url / raw_url, nor after a
# redirect to another host or port
rm -rf "$T/sstate"
starconf "$T/stars.conf" "$T/sstate"
: > "$FG/requests.log"
set_ctl "{\"stars_default\": \"hash\", \"ratelimit\": 5000, \"rate_epoch\": 4, \"heads\": $heads}"
GITHUB_TOKEN=t0ken-sekret "$AW" -c "$T/stars.conf" -q update $sc 2> "$T/err"
check "token: sent to api_url" grep -q '"role": "api".*"auth": true' "$FG/requests.log"
check "token: never to github_url or raw_url" sh -c "! grep -v '\"role\": \"api\"' '$FG/requests.log' | grep -q '\"auth\": true'"
for target in "https://localhost:$RAW_PORT" "https://127.0.0.1:$GITHUB_PORT"; do
	rm -rf "$T/sstate"
	: > "$FG/requests.log"
	set_ctl "{\"stars_default\": \"hash\", \"ratelimit\": 5000, \"rate_epoch\": 5, \"api_redirect\": \"$target\", \"heads\": $heads}"
	"$AW" -c "$T/stars.conf" -q import-state $sc "$T/rec"
	GITHUB_TOKEN=t0ken-sekret "$AW" -c "$T/stars.conf" -q update $sc 2> "$T/err"
	check "token: redirected to $target ($(grep -c '/repos/' "$FG/requests.log") requests), exit 0, not sent there" sh -c "[ $? = 0 ] && grep -v '\"role\": \"api\"' '$FG/requests.log' | grep -q '/repos/' && ! grep -v '\"role\": \"api\"' '$FG/requests.log' | grep -q '\"auth\": true'"
done
# failures never fail the update, and the page goes without badges
rm -rf "$T/sstate"
starconf "$T/stars.conf" "$T/sstate" "https://127.0.0.1:$closed"
"$AW" -c "$T/stars.conf" -q import-state $sc "$T/rec"
set_ctl "{\"heads\": $heads}"
"$AW" -c "$T/stars.conf" -q update $sc 2> "$T/err"
check "stars, API unreachable: exit 0 and a message ($(cat "$T/err"))" sh -c "[ $? = 0 ] && grep -q 'stars: .*refused' '$T/err'"
"$AW" -c "$T/stars.conf" weekly $sc --tal-compat > "$T/upd.md" 2> "$T/err"
"$AW" weekly --git "$sclone" --import $simp $sopts --tal-compat --quiet > "$T/git.md"
check "stars, API unreachable: the page without badges equals the git path's without --stars" cmp -s "$T/upd.md" "$T/git.md"
starconf "$T/stars.conf" "$T/sstate"
set_ctl "{\"fault\": \"malformed\", \"fault_role\": \"api\", \"rate_epoch\": 6, \"heads\": $heads}"
"$AW" -c "$T/stars.conf" -q update $sc 2> "$T/err"
check "stars, cut JSON: exit 0, a message, no cache written ($(cat "$T/err"))" sh -c "[ $? = 0 ] && grep -q 'malformed JSON' '$T/err' && ! ls '$T/sstate' | grep -q '^stars\.'"
set_ctl "{\"stars_default\": \"hash\", \"rate_epoch\": 7, \"heads\": $heads}"
"$AW" -c "$T/stars.conf" -q update $sc 2> /dev/null
srec=$(ls "$T/sstate" | grep '^stars\.')
printf 'X' | dd of="$T/sstate/$srec" bs=1 seek=30 conv=notrunc 2>/dev/null
cp "$T/sstate/$srec" "$T/scorrupt"
"$AW" -c "$T/stars.conf" -q update $sc 2> "$T/err"
check "stars, corrupt cache: exit 0, named, left as it is" sh -c "[ $? = 0 ] && grep -q '$srec.*corrupt' '$T/err' && cmp -s '$T/scorrupt' '$T/sstate/$srec'"
"$AW" -c "$T/stars.conf" weekly $sc --tal-compat > "$T/upd.md" 2> "$T/err"
check "stars, corrupt cache: the page goes without badges" sh -c "cmp -s '$T/upd.md' '$T/git.md' && grep -q corrupt '$T/err'"

# ---- a commit feed in full TLS records --------------------------------
# 20 commits with long messages (a 38 KB feed, as squash merges give),
# each reply written at once: TLS records of 16 KB reach the feed reader
# whole. Before the feed path sliced them for expat this ran out of its
# 32 KB arena ("out of memory"); the baseline must equal the one read from
# the plain feed.
big=Friz-zy/awesome-linux-containers
for v in plain big; do
	sed "s|^state = .*|state = $T/bigstate-$v|" "$C" > "$T/big-$v.conf"
	rm -rf "$T/bigstate-$v"
done
set_ctl '{}'
"$AW" -c "$T/big-plain.conf" -q update $big 2> "$T/err"
got=$?
check "big commit feed: the plain feed's baseline ($(cat "$T/err"))" [ $got = 0 ]
set_ctl '{"message_pad": 1000, "one_write": true}'
AWTRACK_NET_STATS=1 "$AW" -c "$T/big-big.conf" update $big 2> "$T/err"
got=$?
fb=$(grep '/commits/' "$FG/requests.log" | tail -1 | sed 's/.*"resp_bytes": \([0-9]*\).*/\1/')
peak=$(sed -n 's/.*feed arena peak \([0-9]*\) of.*/\1/p' "$T/err")
check "big commit feed ($fb bytes in one write): update exit 0, arena peak $peak B ($(cat "$T/err"))" \
	sh -c "[ $got = 0 ] && [ '$fb' -gt 32768 ] && [ -n '$peak' ] && [ '$peak' -lt 32768 ]"
"$AW" -c "$T/big-plain.conf" weekly $big > "$T/big-plain.md" 2> /dev/null
"$AW" -c "$T/big-big.conf" weekly $big > "$T/big-big.md" 2> /dev/null
check "big commit feed: the same page as from the plain feed" sh -c \
	"[ -s '$T/big-plain.md' ] && cmp -s '$T/big-plain.md' '$T/big-big.md'"
set_ctl '{}'

# ---- [feed NAME] sources: any RSS 2.0 / Atom 1.0 feed -------------------
# The fake's generic feeds (tests/fakegh/fakegh.py gen_items): entry i of
# feed_n, newest first, published at GEN_BASE + i * 26 h, except every 5th
# (no date) and every 7th (no guid: the link is its id). Expected pages are
# computed here from that rule, not from awtrack's output.
FS=$T/fstate
fconf() { # file max_file_size
	cat > "$1" <<EOC
[awtrack]
state = $FS
github_url = https://127.0.0.1:$GITHUB_PORT
raw_url = https://localhost:$RAW_PORT
api_url = https://127.0.0.1:$API_PORT
ca_file = $FG/ca.crt
timeout = 5
max_file_size = ${2:-1048576}
keep = 50

[feed blog]
url = https://127.0.0.1:$GITHUB_PORT/feeds/rss.xml
keep = 8

[feed releases]
url = https://localhost:$GITHUB_PORT/feeds/atom.xml
EOC
}
FC=$T/feeds.conf
fconf "$FC"
# expect FEED KEEP N1 [N2 ...]: the daily page of FEED after polls that
# showed N1, N2, ... entries (the fake's items 1..Nk), each at its
# published day, an undated one at the day of its first poll (today); the
# newest KEEP by date (at equal dates: the earlier poll, then feed order)
expect_daily() {
	$PY - "$@" <<'EOP'
import sys, datetime, time
feed, keep, polls = sys.argv[1], int(sys.argv[2]), [int(x) for x in sys.argv[3:]]
GEN = 1764547200
now = int(time.time())
seen = {}        # i -> (date, order)
order = 0
gone = set()
for pi, n in enumerate(polls):
    for i in range(n, 0, -1):
        if i in seen or i in gone: continue
        t = now + pi if i % 5 == 0 else GEN + i * 26 * 3600
        seen[i] = (t, order); order += 1
        kept = sorted(seen, key=lambda k: (-seen[k][0], seen[k][1]))
        for k in kept[keep:]:
            gone.add(k); del seen[k]
kept = sorted(seen, key=lambda k: (-seen[k][0], seen[k][1]))
days = []
for k in kept:
    d = datetime.datetime.fromtimestamp(seen[k][0], datetime.timezone.utc).strftime("%b %d, %Y")
    if not days or days[-1][0] != d: days.append((d, []))
    days[-1][1].append(k)
for d, ks in days:   # in a day: by number (undated ones share today, their seconds vary)
    print("## " + d + ": " + " ".join(str(k) for k in sorted(ks)))
EOP
}
same() { # got want: equal, else the difference on stdout
	cmp -s "$1" "$2" && return 0
	diff "$2" "$1" | head -20
	return 1
}
page_days() { # the daily page -> "## DAY: i i ..." per section
	$PY -c '
import re, sys
out = []
for line in sys.stdin:
    if line.startswith("## "): out.append([line[3:].strip()])
    else:
        m = re.match(r"- \[Post (\d+) ", line)
        if m and out: out[-1].append(m.group(1))
for s in out: print("## " + s[0] + ": " + " ".join(sorted(s[1:], key=int)))'
}
set_ctl '{"feed_n": 10}'
rm -rf "$FS"
"$AW" -c "$FC" update blog releases 2> "$T/err"
got=$?
check "feeds: first poll exit 0 ($(cat "$T/err"))" [ $got = 0 ]
check "feeds: one record per feed" sh -c "[ -s '$FS/feed.blog' ] && [ -s '$FS/feed.releases' ]"
check "feeds: the baseline is reported" grep -q "feed:blog: baseline, 8 entries kept of 10 shown" "$T/err"
"$AW" -c "$FC" daily blog | page_days > "$T/got"
expect_daily blog 8 10 > "$T/want"
check "feeds: baseline RSS dated by pubDate, undated by the first poll, newest 8 kept" same "$T/got" "$T/want"
"$AW" -c "$FC" daily releases | page_days > "$T/got"
expect_daily releases 50 10 > "$T/want"
check "feeds: baseline Atom dated by published" same "$T/got" "$T/want"
# the weekly page: the same entries, each in its ISO week
"$AW" -c "$FC" weekly releases > "$T/wk" 2> "$T/err"
check "feeds: weekly page of a feed" $PY - "$T/wk" <<'EOP'
import sys, re, datetime, time
GEN = 1764547200
t = open(sys.argv[1]).read()
secs = t.split("\n## ")[1:]
got = {}
for s in secs:
    head = s.split("\n", 1)[0]
    for m in re.finditer(r"^- \[Post (\d+) ", s, re.M):
        got[int(m.group(1))] = head
def label(ts):
    d = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).date()
    mon = d - datetime.timedelta(days=d.weekday()); sun = mon + datetime.timedelta(days=6)
    return mon, sun
ok = len(got) == 10
for i, head in got.items():
    mon, sun = label(int(time.time()) if i % 5 == 0 else GEN + i * 26 * 3600)
    if mon.strftime("%b %d") not in head or sun.strftime("%b %d") not in head: ok = False
sys.exit(0 if ok else 1)
EOP
# Markdown of an entry: the title is text, escaped; the RSS description's HTML is text
check "feeds: titles and summaries escaped as Markdown text" grep -qF -- '- [Post 9 \<b\>\&amp; more\</b\>](https://example.org/posts/9) - Release 9' "$T/wk"

# unchanged: one request, 304, nothing written
cp "$FS/feed.blog" "$T/fbefore"
n0=$(nreq)
AWTRACK_NET_STATS=1 "$AW" -c "$FC" update blog 2> "$T/err"
check "feeds: unchanged feed exit 0" [ $? = 0 ]
n1=$(nreq)
check "feeds: unchanged feed costs one request" [ $((n1 - n0)) = 1 ]
check "feeds: answered 304 to the validators of the record" sh -c "tail -1 '$FG/requests.log' | grep -q '\"status\": 304' && tail -1 '$FG/requests.log' | grep -q '\"inm\": \"W/'"
check "feeds: net stats say 1 connection" grep -q "net: 1 connections" "$T/err"
check "feeds: record unchanged by a 304" cmp -s "$T/fbefore" "$FS/feed.blog"

# five more entries (one undated): new ones at their dates, known ones keep theirs
set_ctl '{"feed_n": 15}'
"$AW" -c "$FC" update 2> "$T/err"
got=$?
check "feeds: second poll exit 0 ($(cat "$T/err"))" [ $got = 0 ]
check "feeds: second poll reported" grep -q "feed:blog: 5 new, 0 changed, 5 dropped, 8 entries kept" "$T/err"
"$AW" -c "$FC" daily blog | page_days > "$T/got"
expect_daily blog 8 10 15 > "$T/want"
check "feeds: new entries in their days, the newest 8 kept" same "$T/got" "$T/want"
"$AW" -c "$FC" daily releases | page_days > "$T/got"
expect_daily releases 50 10 15 > "$T/want"
check "feeds: Atom after the second poll" same "$T/got" "$T/want"
tr ' ' '\n' < "$T/got" | grep '^[0-9][0-9]*$' > "$T/nums"
check "feeds: each entry once (entries without guid deduplicated by link)" sh -c \
	"[ \$(wc -l < '$T/nums') = 15 ] && [ \$(sort -u '$T/nums' | wc -l) = 15 ]"
# many more entries: still 8, the record bounded
set_ctl '{"feed_n": 120}'
"$AW" -c "$FC" -q update blog 2> "$T/err"
"$AW" -c "$FC" daily blog | grep -c '^- \[' > "$T/cnt"
check "feeds: keep = 8 bounds the entries" [ "$(cat "$T/cnt")" = 8 ]
check "feeds: the record stays small ($(wc -c < "$FS/feed.blog") bytes)" [ "$(wc -c < "$FS/feed.blog")" -lt 20000 ]
"$AW" -c "$FC" -q update blog 2> "$T/err"
cp "$FS/feed.blog" "$T/fbefore"
# faults: the record unchanged byte for byte, a message, exit 3
ffault() { # name want regex ctl [max_file_size]
	set_ctl "$4"
	fconf "$T/ffault.conf" ${5:-}
	"$AW" -c "$T/ffault.conf" -q update blog 2> "$T/err"
	got=$?
	if [ $got = $2 ] && grep -Eq "$3" "$T/err" && cmp -s "$T/fbefore" "$FS/feed.blog"; then ok
	else bad "feed fault $1: exit $got (want $2), stderr: $(cat "$T/err")"; fi
}
"$AW" -c "$FC" status > "$T/fstatus" 2>&1
okline=$(grep -A5 '^feed:blog$' "$T/fstatus" | grep '^  last success: ')
check "feeds status: before the faults, a success and the entries kept ($okline)" sh -c \
	"grep -A5 '^feed:blog$' '$T/fstatus' | grep -q '^  last check:  .* (ok)$' && grep -A5 '^feed:blog$' '$T/fstatus' | grep -q '^  last success: 20[0-9-]*T' && grep -A5 '^feed:blog$' '$T/fstatus' | grep -q '^  entries:     8 kept (keep = 8)$'"
# status after a failed poll: the error as printed, the last success and
# the entries of the record kept; a good poll clears the error
fstatus_fail() { # what
	"$AW" -c "$FC" status > "$T/fstatus" 2>&1
	want=$(sed -n 's/^awtrack: //p' "$T/err" | tail -1)
	grep -A6 '^feed:blog$' "$T/fstatus" > "$T/fst"
	if [ -n "$want" ] && grep -qF "  last error:  $want" "$T/fst" && grep -q '^  last check:  .* (error (exit 3))$' "$T/fst" &&
	    grep -qxF "$okline" "$T/fst" && grep -q '^  entries:     8 kept' "$T/fst"; then ok
	else bad "feeds status after $1: want error '$want', $okline, 8 kept; got: $(cat "$T/fst")"; fi
}
sleep 1   # the failed checks' second differs from the last success's
ffault malformed 3 "feed:blog: .*malformed feed" '{"feed_n": 121, "fault": "malformed", "fault_match": "/feeds/"}'
fstatus_fail "malformed XML"
ffault billion-laughs 3 "malformed feed.*(DOCTYPE|entit)" '{"feed_n": 121, "fault": "billion", "fault_match": "/feeds/"}'
ffault 404 3 "feed:blog: .*HTTP 404" '{"feed_n": 121, "fault": "404", "fault_match": "/feeds/"}'
fstatus_fail "a 404"
ffault 500 3 "feed:blog: .*HTTP 500" '{"feed_n": 121, "fault": "500", "fault_match": "/feeds/"}'
ffault 429 3 "HTTP 429.*retry after 120" '{"feed_n": 121, "fault": "429", "fault_match": "/feeds/"}'
ffault reset 3 "reset|cut short" '{"feed_n": 121, "fault": "reset", "fault_match": "/feeds/"}'
ffault chunked-trunc 3 "cut short" '{"feed_n": 121, "fault": "chunked_trunc", "fault_match": "/feeds/"}'
ffault too-big 3 "larger than the limit.*max_file_size" '{"feed_n": 121}' 4096
set_ctl '{"feed_n": 121}'
"$AW" -c "$FC" -q update blog 2> "$T/err"
got=$?
check "feeds: after the faults the next poll works ($(cat "$T/err"))" sh -c "[ $got = 0 ] && ! cmp -s '$T/fbefore' '$FS/feed.blog'"
"$AW" -c "$FC" status > "$T/fstatus" 2>&1
grep -A6 '^feed:blog$' "$T/fstatus" > "$T/fst"
check "feeds status: a good poll clears the error, a new last success ($(cat "$T/fst"))" sh -c \
	"! grep -q 'last error' '$T/fst' && grep -q '^  last check:  .* (ok)$' '$T/fst' && grep -q '^  last success: ' '$T/fst' && ! grep -qxF '$okline' '$T/fst' && grep -q '^  entries:     8 kept' '$T/fst'"
# relative links: RSS "/posts/i" against the feed's URL, Atom "../posts/i"
# under xml:base="https://example.org/base/": every entry of both pages
# links to its absolute URL, none to a relative one (a state of its own:
# entries without guid are keyed by their link, which changes here)
set_ctl '{"feed_n": 121, "rel_links": true}'
sed "s|^state = .*|state = $T/relstate|" "$FC" > "$T/rel.conf"
"$AW" -c "$T/rel.conf" -q update blog releases 2> "$T/err"
got=$?
"$AW" -c "$T/rel.conf" weekly blog > "$T/rb.md" 2> /dev/null
"$AW" -c "$T/rel.conf" weekly releases > "$T/rr.md" 2> /dev/null
rel_ok() { # page base count: every "- [Post N" entry links to BASE/posts/N, COUNT entries
	$PY - "$@" <<'EOP'
import re, sys
t, base, want = open(sys.argv[1]).read(), sys.argv[2], int(sys.argv[3])
items = [l for l in t.splitlines() if l.startswith("- ")]
good = [l for l in items if (m := re.match(r"- \[Post (\d+) .*\]\((\S+)\)", l)) and m.group(2) == f"{base}/posts/{m.group(1)}"]
if len(items) != want or len(good) != want or "](/" in t or "](.." in t:
    print(f"{sys.argv[1]}: {len(items)} entries, {len(good)} with {base}/posts/N, want {want}")
    for l in items[:3]: print("  " + l)
    sys.exit(1)
EOP
}
check "feeds: relative links update exit 0 ($(cat "$T/err"))" [ $got = 0 ]
check "feeds: RSS relative links resolved against the feed's URL" rel_ok "$T/rb.md" "https://127.0.0.1:$GITHUB_PORT" 8
check "feeds: Atom relative links resolved against xml:base" rel_ok "$T/rr.md" "https://example.org" \
	"$(grep -c '^- ' "$T/rr.md")"
check "feeds: the Atom page has its 50 entries" [ "$(grep -c '^- \[Post' "$T/rr.md")" = 50 ]
set_ctl '{"feed_n": 121}'
printf 'X' | dd of="$FS/feed.blog" bs=1 seek=40 conv=notrunc 2>/dev/null
cp "$FS/feed.blog" "$T/fcorrupt"
"$AW" -c "$FC" -q update blog 2> "$T/err"
got=$?
check "feeds: corrupt record: exit 4, named, left as it is ($(cat "$T/err"))" sh -c \
	"[ $got = 4 ] && grep -q 'feed.blog' '$T/err' && cmp -s '$T/fcorrupt' '$FS/feed.blog'"
"$AW" -c "$FC" update no-such-feed 2> /dev/null
check "feeds: unknown name: exit 2" [ $? = 2 ]
"$AW" -c "$FC" weekly releases --tal-compat 2> /dev/null
check "feeds: --tal-compat of a feed: exit 2" [ $? = 2 ]
printf '[awtrack]\nstate = %s\n[feed x]\nurl = http://example.org/rss\n' "$FS" > "$T/bad.conf"
"$AW" -c "$T/bad.conf" update 2> "$T/err"
got=$?
check "feeds: a plain-http feed url is a usage error naming file:line" sh -c "[ $got = 2 ] && grep -q 'bad.conf:3' '$T/err'"

# ---- the outputs from the state: lists and [feed NAME] sources --------
# The three lists' records (above), two of the fake's feeds polled twice
# into the same state, and a feed update has not reached yet; their pages,
# feeds, --all, html --out and serve, read back by the real clients of
# tests/outputs: python3-feedparser, sfeed, xmllint, newsboat, chromium,
# ab. The feeds' expectations come from the fake's rule (expect_daily).
cp "$T/all.conf" "$T/mix.conf"
cat >> "$T/mix.conf" <<EOC

[feed blog]
url = https://127.0.0.1:$GITHUB_PORT/feeds/rss.xml
keep = 8

[feed releases]
url = https://localhost:$GITHUB_PORT/feeds/atom.xml
keep = 50

[feed later]
url = https://127.0.0.1:$GITHUB_PORT/feeds/rss.xml
EOC
rm -f "$T/allstate/feed."*
set_ctl '{"feed_n": 10}'
"$AW" -c "$T/mix.conf" -q update blog releases 2> "$T/err"
rc=$?
set_ctl '{"feed_n": 15}'
"$AW" -c "$T/mix.conf" -q update blog releases 2>> "$T/err"
rc2=$?
check "feeds beside lists: two polls, exit 0 ($rc $rc2: $(cat "$T/err"))" sh -c "[ $rc = 0 ] && [ $rc2 = 0 ]"
expect_daily blog 8 10 15 > "$T/exp-blog"
expect_daily releases 50 10 15 > "$T/exp-releases"
if $PY -c 'import feedparser' 2>/dev/null && command -v sfeed >/dev/null && command -v newsboat >/dev/null &&
	command -v xmllint >/dev/null && command -v chromium >/dev/null && command -v ab >/dev/null; then
	set --
	for c in $CASES; do
		set -- "$@" --list "$top/tests/data/cases/$c=$T/clone-$(echo $c | tr / _)=$T/rec-$(echo $c | tr / _)"
	done
	$PY tests/outputs/check_state.py --awtrack "$AW" --conf "$T/mix.conf" --state "$T/allstate" \
		--work "$T/outputs" "$@" --feed blog="$T/exp-blog" --feed releases="$T/exp-releases" \
		--absent later > "$T/state-outputs.log" 2>&1
	grep FAIL "$T/state-outputs.log"
	np=$(sed -n 's/^state outputs: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$T/state-outputs.log")
	nf=$(sed -n 's/^state outputs: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$T/state-outputs.log")
	if [ -z "$np" ]; then bad "outputs from the state: check_state.py did not finish"; tail -5 "$T/state-outputs.log"
	else pass=$((pass + np)); fail=$((fail + nf)); fi
else
	echo "update: NOTE: readers not installed (tools/setup-tests.sh): outputs from the state not read back"
fi
# a feed named like the aggregate's directory: refused, not overwritten
sed 's/^\[feed later\]$/[feed all]/' "$T/mix.conf" > "$T/dup.conf"
"$AW" -c "$T/dup.conf" -q update all 2> "$T/err" || cat "$T/err"
"$AW" -c "$T/dup.conf" html --out "$T/dupsite" -q 2> "$T/err"
rc=$?
rm -f "$T/allstate/feed.all"
check "html: a feed named 'all' (the aggregate's path): exit 1 naming the path, nothing written ($(cat "$T/err"))" \
	sh -c "[ $rc = 1 ] && grep -q 'all/week/index.html is another source' '$T/err' && [ ! -e '$T/dupsite' ]"

# ---- usage and config errors ------------------------------------------
printf '[awtrack]\nstate = %s\nbogus = 1\n' "$T/state" > "$T/bad.conf"
"$AW" -c "$T/bad.conf" update 2> "$T/err"
check "unknown key: exit 2 naming file:line" sh -c "[ $? = 2 ] && grep -q 'bad.conf:3' '$T/err'"
"$AW" -c "$C" update no/such 2> /dev/null
check "unknown source: exit 2" [ $? = 2 ]

echo "update: $pass passed, $fail failed"
[ $fail = 0 ]
