#!/bin/sh
# cli.sh - the awtrack command line as a user meets it: help, version,
# errors with a message and the documented exit status (2: command line,
# 1: the run failed), --weeks, the items table, real ISO week labels by
# default and trackawesomelist's with --tal-compat; then small histories
# made here in temp directories: --git defaults, file-name guessing,
# shallow clones, remotes, git's environment, bounded reads, cat-file
# replies, control bytes, option checks, star numbers, history edge cases.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
aw=${AW_BIN:-$top/build/awtrack}
ex=$top/tests/data/cases/Friz-zy/awesome-linux-containers
g=$top/build/cli.git
t=$(mktemp -d) || exit 1
trap "rm -rf \"\$t\"" EXIT
[ -d "$g" ] || git clone -q --bare "$ex/list.bundle" "$g"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
no() { fail=$((fail + 1)); echo "FAIL $1"; }

# expect STATUS PATTERN NAME -- command...: exit status and a stderr pattern
expect() {
	want=$1 pat=$2 name=$3; shift 4
	"$@" >"$t/out" 2>"$t/err"; got=$?
	if [ "$got" = "$want" ] && grep -q -- "$pat" "$t/err"; then ok "$name"
	else no "$name (status $got, stderr: $(head -c 200 "$t/err"))"; fi
}

"$aw" --help >"$t/out" 2>&1 && grep -q "usage: awtrack" "$t/out" && ok "--help" || no "--help"
"$aw" --version | grep -q "^awtrack [0-9]" && ok "--version" || no "--version"
expect 2 "usage" "no command" -- "$aw"
expect 2 "unknown command" "unknown command" -- "$aw" frobnicate
# (run from $t, which is in no clone: --git has no default there)
expect 2 "not in a git clone" "missing --git outside a clone" -- sh -c "cd '$t' && '$aw' weekly"
expect 1 "No such file" "missing repository" -- "$aw" weekly --git "$t/nope"
expect 1 "not a git repository" "not a repository" -- "$aw" weekly --git "$t"
expect 1 "bad revision 'nope'" "bad revision" -- "$aw" weekly --git "$g" --head nope
expect 1 "no such file" "missing file in the repository" -- "$aw" weekly --git "$g" --file nope.md
expect 2 "unknown option" "bad option" -- "$aw" weekly --git "$g" --bogus
expect 2 "unexpected argument" "stray argument" -- "$aw" weekly --git "$g" extra
expect 2 "needs a value" "option without value" -- "$aw" weekly --git "$g" --file
expect 2 "invalid number" "bad number" -- "$aw" weekly --git "$g" --weeks x
expect 2 "invalid number" "bad number (=)" -- "$aw" weekly --git="$g" --weeks=0
expect 2 "takes no value" "flag with a value" -- "$aw" weekly --git "$g" --quiet=1
expect 2 "empty value" "empty value" -- "$aw" weekly --git "$g" --file=
expect 2 "expected list, table or heading" "bad type" -- "$aw" weekly --git "$g" --type tree
expect 2 "HH:MM" "bad poll slots" -- "$aw" weekly --git "$g" --poll-slots 25:99
expect 2 "needs --poll-slots or --poll-times" "snapshots alone" -- "$aw" weekly --git "$g" --poll-snapshots
expect 1 "No such file" "unreadable stars file" -- "$aw" weekly --git "$g" --stars "$t/nope.tsv"
expect 1 "not an ancestor" "import after head" -- "$aw" weekly --git "$g" --import HEAD --head HEAD~5
expect 2 "needs the list's GitHub repository" "--tal-compat without a GitHub remote" -- "$aw" weekly --git "$g" --tal-compat
expect 1 "not a directory" "--git given a file" -- "$aw" weekly --git "$ex/case.json"

# help, -V, --opt=value
"$aw" help >"$t/out" 2>&1 && grep -q "usage: awtrack" "$t/out" && ok "help" || no "help"
"$aw" help weekly >"$t/out" 2>&1 && grep -q "usage: awtrack" "$t/out" && ok "help weekly" || no "help weekly"
expect 2 "unknown command" "help of an unknown command" -- "$aw" help frob
"$aw" -V | grep -q "^awtrack [0-9]" && ok "-V" || no "-V"
"$aw" weekly --quiet --body --weeks 2 --git "$g" >"$t/a" 2>/dev/null
"$aw" weekly --quiet --body --weeks=2 --git="$g" >"$t/b" 2>/dev/null
[ -s "$t/a" ] && cmp -s "$t/a" "$t/b" && ok "--opt=value is --opt value" || no "--opt=value"

# --last N (alias --weeks N) keeps the newest N periods that have entries:
# weeks on a weekly page, days on a daily one
"$aw" weekly --git "$g" --quiet --body --last 2 >"$t/w2" &&
	[ "$(grep -c '^## ' "$t/w2")" = 2 ] && ok "--last 2" || no "--last 2"
"$aw" weekly --git "$g" --quiet --body --weeks 2 >"$t/w2b" && cmp -s "$t/w2" "$t/w2b" &&
	ok "--weeks 2 is --last 2" || no "--weeks alias"
"$aw" daily --git "$g" --quiet --body --last 3 >"$t/d3" &&
	[ "$(grep -c '^## ' "$t/d3")" = 3 ] && ok "daily --last 3: three days" || no "daily --last 3"
"$aw" weekly --git "$g" --quiet --body --tal-compat --repo-url https://github.com/Friz-zy/awesome-linux-containers --weeks 2 >"$t/w2" &&
	[ "$(grep -c '^## \[' "$t/w2")" = 2 ] && ok "--tal-compat --weeks 2" || no "--tal-compat --weeks 2"

# items: one line per item, 4 tab-separated fields, identity = sha1(identifier)
"$aw" items --git "$g" --quiet >"$t/items"
n=$(wc -l <"$t/items")
tab=$(printf '\t')
bad=$(grep -Evc "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$tab[0-9a-f]{40}$tab[^$tab]*$tab[^$tab]+\$" "$t/items")
[ "$n" -gt 100 ] && [ "$bad" = 0 ] && ok "items: $n well-formed lines" || no "items format ($bad bad of $n)"
line=$(grep -m1 "Lxroot" "$t/items")
id=$(printf '%s' "$line" | cut -f4 | tr -d '\n' | sha1sum | cut -c1-40)
[ "$id" = "$(printf '%s' "$line" | cut -f2)" ] && ok "items: identity is the SHA-1 of the first link" ||
	no "items identity"

# poller models on the one post-import addition of the example, footloose,
# committed 2023-06-11T08:43:42Z (commit d58e09f, after the import commit)
imp=d45bd9e463310e84b4f98ded542503751ff2d5c1
when() { "$aw" items --git "$g" --import $imp --quiet "$@" | grep footloose | cut -f1; }
[ "$(when)" = 2023-06-11T08:43:42Z ] && ok "replay: dated by commit time" || no "replay commit time: $(when)"
printf '1686400000\n1686500000\n1686600000\n' >"$t/polls"
[ "$(when --poll-times "$t/polls")" = 2023-06-11T16:13:20Z ] && ok "--poll-times: first poll at or after the commit" ||
	no "--poll-times: $(when --poll-times "$t/polls")"
[ "$(when --poll-slots 00:09,12:09)" = 2023-06-11T12:09:00Z ] && ok "--poll-slots: next slot after the commit" ||
	no "--poll-slots: $(when --poll-slots 00:09,12:09)"
[ "$(when --poll-slots 00:09,12:09 --poll-snapshots --first-parent)" = 2023-06-11T12:09:00Z ] &&
	ok "--poll-snapshots --first-parent" || no "--poll-snapshots"
# pure blame at the head (--tal-compat's default) dates it by blame, the same commit
[ "$("$aw" items --git "$g" --quiet --tal-compat --repo-url https://github.com/Friz-zy/awesome-linux-containers | grep footloose | cut -f1)" = 2023-06-11T08:43:42Z ] &&
	ok "pure blame" || no "pure blame"

# week labels: real ISO weeks by default, TAL's shifted labels with --tal-compat.
# 2020-10-12 is in ISO week 42 (Oct 12 - Oct 18); TAL labels it Oct 19 - Oct 25.
"$aw" weekly --git "$g" --quiet --body --import HEAD >"$t/def"
"$aw" weekly --git "$g" --quiet --body --tal-compat --repo-url https://github.com/Friz-zy/awesome-linux-containers >"$t/tal"
grep -q '^## Oct 12 - Oct 18, 2020$' "$t/def" && ok "default: real ISO week label, no link" || no "default week label"
grep -q '^## \[Oct 19 - Oct 25, 2020\](/content/2020/42/README.md)' "$t/tal" && ok "--tal-compat: TAL's week label" || no "tal week label"

# the full page has the header; --body starts with two newlines then "## ["
"$aw" weekly --git "$g" --quiet --tal-compat --repo-url https://github.com/Friz-zy/awesome-linux-containers >"$t/full"
head -1 "$t/full" | grep -q "^# Track Awesome Linux Containers Updates Weekly$" && ok "page title" || no "page title"
printf '\n\n## [' >"$t/start"
head -c 6 "$t/tal" | cmp -s - "$t/start" && ok "--tal-compat --body layout" || no "--body layout"
printf '\n## ' >"$t/start"
head -c 4 "$t/def" | cmp -s - "$t/start" && ok "default --body layout" || no "default --body layout"

# overview (docs/spec.md 8.4): header, then the whole README re-serialized; the
# spec's example: the TOC becomes "*   [Foundations](#foundations)" with
# nested "    *   [Tools](#tools)"; the page ends with an empty line
"$aw" overview --git "$g" --quiet --tal-compat --repo-url https://github.com/Friz-zy/awesome-linux-containers >"$t/ov"
head -1 "$t/ov" | grep -q "^# Awesome Linux Containers Overview$" && ok "overview title" || no "overview title"
grep -qx '\*   \[Foundations\](#foundations)' "$t/ov" && grep -qx '    \*   \[Tools\](#tools)' "$t/ov" &&
	ok "overview: README re-serialized" || no "overview body"
[ "$(tail -c 2 "$t/ov" | od -An -c | tr -d ' ')" = '\n\n' ] && ok "overview ends with an empty line" || no "overview end"

. "$top/tests/cli-history.sh"

# --- references whose definitions come later in the file (issue 7 item 1):
# full [b][bdef], collapsed [c][] and shortcut [d] references as an item's
# first link, the definitions at the end. The reference's items
# (node tests/oracle/items.mjs) are [a](https://e.com/a) ... [d](https://e.com/d)
# at the second commit; at the first, [d] has no definition yet and stays
# text: that item's identifier is its markdown, "*   \[d] - D, shortcut.".
# Dates (tal-spec 6): blame at the head (--tal-compat) = the commit of the
# item's last line; a replay (--import, or the whole history by default) =
# the commit where the identity first appears. Each run also in the
# tracker's one-pass streaming mode (AWTRACK_STREAM: 7-byte pieces). With
# --tal-compat, 2020 (starting on a Wednesday) has trackawesomelist's week
# labels one week late (tal-spec 7.3).
r=$t/refs
newrepo "$r"
printf '# Awesome Test\n\n## Tools\n\n- [a](https://e.com/a) - A.\n- [b][bdef] - B, full reference.\n- [d] - D, shortcut.\n\n[bdef]: https://e.com/b\n' >"$r/README.md"
git -C "$r" remote add origin https://github.com/example/awesome-refs.git
commit "$r" $T1 refs one
c1=$(git -C "$r" rev-parse HEAD)
printf '# Awesome Test\n\n## Tools\n\n- [a](https://e.com/a) - A.\n- [b][bdef] - B, full reference.\n- [c][] - C, collapsed.\n- [d] - D, shortcut.\n\n[bdef]: https://e.com/b\n[c]: https://e.com/c\n[d]: https://e.com/d\n' >"$r/README.md"
commit "$r" $T2 refs two
# expected items: date, SHA-1 of the identifier, category, identifier
exp_items() { # ident=date...
	for e in "$@"; do
		id=${e%=*} when=${e##*=}
		printf '%s\t%s\tTools\t%s\n' "$when" "$(printf '%s' "$id" | sha1sum | cut -c1-40)" "$id"
	done
}
D1=2020-09-13T12:26:40Z D2=2021-01-07T06:13:20Z
exp_items "[a](https://e.com/a)=$D1" "[b](https://e.com/b)=$D1" "[c](https://e.com/c)=$D2" \
	"[d](https://e.com/d)=$D1" >"$t/refs.blame"
exp_items "[a](https://e.com/a)=$D1" "[b](https://e.com/b)=$D1" "[c](https://e.com/c)=$D2" \
	"[d](https://e.com/d)=$D2" >"$t/refs.replay"
exp_items "[a](https://e.com/a)=$D1" "[b](https://e.com/b)=$D1" '*   \[d] - D, shortcut.'"=$D1" \
	>"$t/refs.first"
printf '\n\n## [Jan 04 - Jan 10, 2021](/content/2021/1/README.md)\n\n### Tools\n\n*   [c](https://e.com/c) - C, collapsed.\n*   [d](https://e.com/d) - D, shortcut.\n\n## [Sep 14 - Sep 20, 2020](/content/2020/37/README.md)\n\n### Tools\n\n*   [a](https://e.com/a) - A.\n*   [b](https://e.com/b) - B, full reference.' >"$t/refs.week"
for mode in git stream; do
	se=; [ $mode = stream ] && se=7
	for run in "blame:--tal-compat:items" "replay:--import $c1:items" "replay:--no-nested:items" \
		"first:--head $c1:items" "week:--import $c1 --tal-compat:weekly --body"; do
		name=${run%%:*} rest=${run#*:} args=${rest%%:*} cmd=${rest#*:}
		# (word splitting of $args and $cmd intended)
		AWTRACK_STREAM=$se "$aw" $cmd --git "$r" --quiet $args >"$t/refs.out" 2>"$t/refs.err"
		rc=$?
		if [ $rc = 0 ] && cmp -s "$t/refs.out" "$t/refs.$name"; then
			ok "late definitions ($mode): $name $args"
		else
			no "late definitions ($mode): $name $args (status $rc: $(head -c 200 "$t/refs.err"))"
			diff "$t/refs.$name" "$t/refs.out" | head -10
		fi
	done
done

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
