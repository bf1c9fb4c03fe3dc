# cli-history.sh - sourced by tests/cli.sh (uses its $aw, $t, ok, no,
# expect): the CLI on small git histories made here, one temp directory
# each, with fixed commit times.

# commit DIR EPOCH MESSAGE: commit everything in DIR at EPOCH (UTC)
commit() {
	_d=$1 _ts=$2; shift 2
	git -C "$_d" add -A &&
	GIT_AUTHOR_DATE="@$_ts +0000" GIT_COMMITTER_DATE="@$_ts +0000" \
		git -C "$_d" -c user.name=t -c user.email=t@example.com commit -q --allow-empty -m "$*"
}
# newrepo DIR: an empty repository on branch main
newrepo() { rm -rf "$1"; git init -q "$1" && git -C "$1" symbolic-ref HEAD refs/heads/main; }
# list FILE ENTRY...: a list file with one "## Tools" category
list() {
	_f=$1; shift
	{ printf '# Awesome Test\n\n## Tools\n\n'; for e in "$@"; do printf -- '- %s\n' "$e"; done; } >"$_f"
}
T1=1600000000 # 2020-09-13
T2=1610000000 # 2021-01-07
T3=1620000000 # 2021-05-03
T4=1630000000 # 2021-08-26

h=$t/h
newrepo "$h"
list "$h/README.md" "[a](https://e.com/a) - A." "[b](https://e.com/b) - B."
commit "$h" $T1 first
list "$h/README.md" "[a](https://e.com/a) - A." "[b](https://e.com/b) - B." "[c](https://e.com/c) - C."
commit "$h" $T2 add c
git -C "$h" remote add origin https://github.com/example/awesome-test.git

# --- --git defaults to the clone of the current directory (also from a
# subdirectory, and in a bare repository)
mkdir -p "$h/sub"
(cd "$h/sub" && "$aw" items --quiet) >"$t/o1" 2>"$t/e1"
"$aw" items --quiet --git "$h" >"$t/o2"
[ -s "$t/o2" ] && cmp -s "$t/o1" "$t/o2" && ok "--git defaults to the current clone" ||
	no "--git default ($(head -c 200 "$t/e1"))"
git clone -q --bare "$h" "$t/h.git"
(cd "$t/h.git" && "$aw" items --quiet) >"$t/o1" 2>"$t/e1"
cmp -s "$t/o1" "$t/o2" && ok "--git defaults to the current bare repository" ||
	no "--git default, bare ($(head -c 200 "$t/e1"))"
expect 1 "subdirectory" "--git given a subdirectory of a clone" -- "$aw" items --git "$h/sub"

# --- --git DIR/ names the list like DIR
"$aw" weekly --quiet --git "$t/h.git/" 2>/dev/null | head -1 >"$t/o1"
"$aw" weekly --quiet --git "$t/h.git" 2>/dev/null | head -1 >"$t/o2"
grep -q "Awesome Test\|H\b" "$t/o2" 2>/dev/null
[ -s "$t/o1" ] && cmp -s "$t/o1" "$t/o2" && ! grep -q "  \|Track  Updates" "$t/o1" &&
	ok "--git DIR/ names the list as DIR" || no "--git DIR/: '$(cat "$t/o1")' vs '$(cat "$t/o2")'"

# --- an inherited GIT_DIR / GIT_WORK_TREE / GIT_INDEX_FILE does not win over --git
o=$t/other
newrepo "$o"
list "$o/README.md" "[zzz](https://e.com/zzz) - Other."
commit "$o" $T1 other
GIT_DIR=$o/.git GIT_WORK_TREE=$o GIT_INDEX_FILE=$o/.git/index "$aw" items --quiet --git "$h" >"$t/o1" 2>"$t/e1"
grep -q "e.com/c" "$t/o1" && ! grep -q zzz "$t/o1" && ok "GIT_DIR in the environment is ignored" ||
	no "GIT_DIR: $(cat "$t/o1" "$t/e1" | head -c 300)"
(cd "$h/sub" && GIT_DIR=$o/.git "$aw" items --quiet) >"$t/o1" 2>"$t/e1"
grep -q "e.com/c" "$t/o1" && ok "GIT_DIR ignored for the default --git" || no "GIT_DIR, default --git"

# --- shallow clones are refused with the fix
git clone -q --depth 1 "file://$h" "$t/shallow" 2>/dev/null
expect 1 "fetch --unshallow" "shallow clone refused" -- "$aw" weekly --git "$t/shallow"

# --- file-name guessing: readme.md when there is no README.md
r=$t/lower
newrepo "$r"
list "$r/readme.md" "[a](https://e.com/a) - A."
commit "$r" $T1 first
"$aw" items --git "$r" >"$t/o1" 2>"$t/e1" && grep -q "e.com/a" "$t/o1" && grep -q "reading readme.md" "$t/e1" &&
	ok "readme.md used when README.md is missing (and said)" || no "readme guess: $(head -c 200 "$t/e1")"
expect 1 "give --file readme.md" "--file README.md names readme.md" -- "$aw" items --git "$r" --file README.md
expect 2 "newline" "--file with a newline" -- "$aw" items --git "$r" --file "$(printf 'a\nb')"

# --- a file without entries: a warning with the count
r=$t/empty
newrepo "$r"
printf '# Nothing\n\nJust text.\n' >"$r/README.md"
commit "$r" $T1 first
expect 0 "has no entries (0 found" "a list without entries warns" -- "$aw" weekly --git "$r"

# --- remotes: ssh form of a GitHub URL; a remote elsewhere leaves relative links
r=$t/rel
newrepo "$r"
list "$r/README.md" "[doc](docs/x.md) - Relative."
commit "$r" $T1 first
git -C "$r" remote add origin git@github.com:someone/awesome-rel.git
"$aw" weekly --quiet --git "$r" >"$t/o1" 2>&1
grep -q "(https://github.com/someone/awesome-rel/blob/main/docs/x.md)" "$t/o1" &&
	ok "ssh remote: links resolve on GitHub" || no "ssh remote: $(grep doc "$t/o1")"
git -C "$r" remote set-url origin https://gitlab.com/someone/awesome-rel.git
"$aw" weekly --git "$r" >"$t/o1" 2>"$t/e1"
grep -q "\[doc\](docs/x.md)" "$t/o1" &&
	grep -q "not on GitHub: relative links are left" "$t/e1" &&
	ok "non-GitHub remote: relative links kept, and said" || no "non-GitHub remote: $(grep doc "$t/o1") $(cat "$t/e1")"
expect 2 "expected https://github.com/OWNER/REPO" "--repo-url not on GitHub" -- "$aw" weekly --git "$r" --repo-url https://gitlab.com/a/b

# --- a write error on the output is reported as one
if [ -w /dev/full ]; then
	expect 1 "write error" "write error on the output (/dev/full)" -- sh -c "'$aw' weekly --quiet --git '$h' >/dev/full"
fi

# --- bounded reads: /dev/zero and a long bad line fail at once, quoting a short prefix
expect 1 "not a Unix time" "--poll-times /dev/zero" -- "$aw" items --quiet --git "$h" --poll-times /dev/zero
expect 1 "line longer than" "--stars /dev/zero" -- "$aw" items --quiet --git "$h" --stars /dev/zero
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; print "" }' >"$t/long"
"$aw" items --quiet --git "$h" --poll-times "$t/long" >/dev/null 2>"$t/e1"; st=$?
[ $st = 1 ] && [ "$(wc -c <"$t/e1")" -lt 300 ] && ok "a 5 MB bad line is quoted short" ||
	no "long line: status $st, $(wc -c <"$t/e1") bytes of message"
expect 1 "is a directory" "--stars given a directory" -- "$aw" items --quiet --git "$h" --stars "$t"

# --- cat-file replies are parsed exactly: a file name that looks like a reply
# (the file exists at the head, not at --import: cat-file answers
# "<commit>:<file> missing", longer than the old 512-byte reply buffer)
r=$t/catfile
newrepo "$r"
list "$r/README.md" "[a](https://e.com/a) - A."
commit "$r" $T1 first
a250=$(awk 'BEGIN { while (i++ < 250) printf "a" }')
long="x blob 100 /$a250/$a250"
mkdir -p "$r/x blob 100 /$a250"
list "$r/$long" "[a](https://e.com/a) - A."
list "$r/y missing" "[a](https://e.com/a) - A."
commit "$r" $T2 second
# (the file does not exist at --import: the replay starts from nothing)
expect 0 "does not exist at --import" "--file '.. blob 100 ..' does not hang" -- timeout 20 "$aw" items --git "$r" --file "$long" --import HEAD~1
expect 0 "does not exist at --import" "--file 'y missing'" -- timeout 20 "$aw" items --git "$r" --file "y missing" --import HEAD~1
[ "$("$aw" items --quiet --git "$r" --file "y missing" --import HEAD~1 | cut -f1)" = 2021-01-07T06:13:20Z ] &&
	ok "history starting after --import: dated by the commit that added the file" || no "history after --import"

# --- control bytes from a README never reach the output raw; a TAB in a
# category does not break the items columns
r=$t/ctl
newrepo "$r"
printf '# T\n\n## Bad\tcat \033]0;title\007\n\n- [x\033[2J](https://e.com/x) - \302\233 y\n' >"$r/README.md"
commit "$r" $T1 first
for c in weekly daily overview items "weekly --tal-compat" "daily --tal-compat" "overview --tal-compat"; do
	# (word splitting of $c intended)
	"$aw" $c --quiet --git "$r" --repo-url https://github.com/example/ctl >"$t/o1" 2>/dev/null
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$t/o1" || LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$t/o1"; then
		no "$c: control bytes in the output"
	else
		grep -q "$(printf '\357\277\275')" "$t/o1" && ok "$c: control bytes printed as U+FFFD" || no "$c: no U+FFFD"
	fi
done
"$aw" items --quiet --git "$r" >"$t/o1"
[ "$(awk -F '\t' '{ print NF }' "$t/o1")" = 4 ] && ok "items: a TAB in a category keeps 4 columns" || no "items columns: $(cat -A "$t/o1")"

# --- option checks
expect 2 "stars-total" "--stars-total -1" -- "$aw" weekly --git "$h" --stars-total -1
expect 2 "stars-total" "--stars-total junk" -- "$aw" weekly --git "$h" --stars-total 12abc
"$aw" weekly --git "$h" --quiet --stars-total 1.6K >/dev/null && ok "--stars-total 1.6K" || no "--stars-total 1.6K"
expect 2 "is above --max-heading-level" "--min-heading-level above the max" -- "$aw" weekly --git "$h" --min-heading-level 1
expect 2 "is above --max-heading-level" "--min-heading-level above an explicit max" -- "$aw" weekly --git "$h" --max-heading-level 3 --min-heading-level 2
expect 2 "needs --max-heading-level" "--type heading without --max-heading-level" -- "$aw" weekly --git "$h" --type heading
s65=$(awk 'BEGIN { for (i = 0; i < 65; i++) printf "%s%02d:%02d", i ? "," : "", i / 60, i % 60 }')
expect 2 "at most 64" "65 poll slots" -- "$aw" weekly --git "$h" --poll-slots "$s65"
expect 2 "do not apply" "overview with --import" -- "$aw" overview --git "$h" --import HEAD

# --- star numbers: raw counts formatted as the site does, no second star
printf 'example/one\t12345\nexample/two\t\342\255\220987\n' >"$t/stars.tsv"
r=$t/stars
newrepo "$r"
list "$r/README.md" "[one](https://github.com/example/one) - One." "[two](https://github.com/example/two) - Two."
commit "$r" $T1 first
git -C "$r" remote add origin https://github.com/example/awesome-stars
"$aw" weekly --quiet --git "$r" --stars "$t/stars.tsv" >"$t/o1" 2>&1
grep -q "\[one (⭐12k)\]" "$t/o1" && grep -q "\[two (⭐987)\]" "$t/o1" &&
	ok "star map: raw counts formatted, one star" || no "star numbers: $(grep -e one -e two "$t/o1")"

# --- the file at the head is a symbolic link or a directory
r=$t/link
newrepo "$r"
mkdir "$r/docs"
list "$r/docs/list.md" "[a](https://e.com/a) - A."
ln -s docs/list.md "$r/README.md"
commit "$r" $T1 first
expect 1 "symbolic link" "README.md is a symlink" -- "$aw" items --git "$r"
"$aw" items --quiet --git "$r" --file docs/list.md | grep -q e.com/a && ok "--file in a subdirectory" || no "--file docs/list.md"
expect 1 "is a directory" "--file names a directory" -- "$aw" items --git "$r" --file docs

# --- overview never prints half a page: all of it, or nothing and status 1
r=$t/ovlong
newrepo "$r"
awk 'BEGIN { printf "# A\n\n"; for (i = 0; i < 90000; i++) printf "x"; printf "\n\n## T\n\n- [a](https://e.com/a)\n" }' >"$r/README.md"
commit "$r" $T1 first
# (a 90 KB paragraph is over AW_INL_TEXT_MAX: cut as an item is, and said;
# issue 7 item 4: text outside every item never fails a run)
"$aw" overview --quiet --git "$r" >"$t/o1" 2>"$t/e1"; st=$?
[ $st = 0 ] && grep -q "e.com/a" "$t/o1" && grep -q "^xxxxxxxxxx" "$t/o1" &&
	grep -q "warning: 1 block(s) over a compiled-in limit (AW_INL_TEXT_MAX" "$t/e1" &&
	ok "overview: a 90 KB line is cut, the page whole, the capacity named" ||
	no "overview 90 KB line: status $st, $(wc -c <"$t/o1") bytes: $(head -c 300 "$t/e1")"
# a page that fails at its end (a last list of 40,000 items: more than
# AW_MD_NODES_MAX block nodes, after 2,000 lines): nothing printed, status
# 1, the capacity named (nesting deeper than AW_MD_DEPTH_MAX no longer fails:
# cli-fidelity.sh)
r=$t/ovfail
newrepo "$r"
awk 'BEGIN { printf "# A\n\n## T\n\n"; for (i = 0; i < 2000; i++) printf "- [e%d](https://e.com/%d) - E.\n", i, i;
	printf "\nText.\n\n"; for (i = 0; i < 40000; i++) printf "* a\n" }' >"$r/README.md"
commit "$r" $T1 first
"$aw" overview --quiet --git "$r" >"$t/o1" 2>"$t/e1"; st=$?
[ $st = 1 ] && [ ! -s "$t/o1" ] && grep -q AW_MD_NODES_MAX "$t/e1" && ok "overview: a failure at the end prints no half page, names the capacity" ||
	no "overview failing at the end: status $st after $(wc -c <"$t/o1") bytes: $(head -c 300 "$t/e1")"

# --- default dates: replayed from the file's first commit, so a reformatting
# commit does not make old entries new; --tal-compat keeps blame at the head
r=$t/reformat
newrepo "$r"
list "$r/README.md" "[a](https://e.com/a) - A." "[b](https://e.com/b) - B."
commit "$r" $T1 first
list "$r/README.md" "[a](https://e.com/a) - A." "[b](https://e.com/b) - B." "[c](https://e.com/c) - C."
commit "$r" $T2 add c
list "$r/README.md" "[a](https://e.com/a) — A, reformatted." "[b](https://e.com/b) — B, reformatted." "[c](https://e.com/c) — C, reformatted."
commit "$r" $T3 reformat
git -C "$r" remote add origin https://github.com/example/reformat
"$aw" items --quiet --git "$r" | cut -f1,4 >"$t/o1"
printf '2020-09-13T12:26:40Z\t[a](https://e.com/a)\n2020-09-13T12:26:40Z\t[b](https://e.com/b)\n2021-01-07T06:13:20Z\t[c](https://e.com/c)\n' >"$t/want"
cmp -s "$t/o1" "$t/want" && ok "default: every entry dated by the commit that added it" || no "default replay: $(cat "$t/o1")"
"$aw" items --quiet --git "$r" --tal-compat | cut -f1 | sort -u >"$t/o1"
[ "$(cat "$t/o1")" = 2021-05-03T00:00:00Z ] && ok "--tal-compat: blame at the head (the reformat)" || no "--tal-compat blame: $(cat "$t/o1")"
"$aw" items --quiet --git "$r" --import HEAD~1 | cut -f1 >"$t/o1"
[ "$(sed -n 3p "$t/o1")" = 2021-01-07T06:13:20Z ] && ok "--import REV still chooses the start" || no "--import: $(cat "$t/o1")"

# --- history edge cases: the file deleted and re-added, a symbolic link or a
# directory for a while, committer time 0
r=$t/edges
newrepo "$r"
list "$r/README.md" "[a](https://e.com/a) - A." "[b](https://e.com/b) - B."
commit "$r" $T1 first
git -C "$r" rm -q README.md; commit "$r" $T2 deleted
list "$r/docs.md" "[z](https://e.com/z) - Z."
ln -s docs.md "$r/README.md"; commit "$r" $((T2 + 100)) symlink
rm "$r/README.md"; mkdir "$r/README.md"; echo x >"$r/README.md/x"; commit "$r" $((T2 + 200)) directory
rm -r "$r/README.md"
list "$r/README.md" "[a](https://e.com/a) - A." "[b](https://e.com/b) - B." "[c](https://e.com/c) - C."
commit "$r" $T3 re-added
"$aw" items --git "$r" >"$t/o1" 2>"$t/e1"; st=$?
printf '2020-09-13T12:26:40Z\n2020-09-13T12:26:40Z\n2021-05-03T00:00:00Z\n' >"$t/want"
[ $st = 0 ] && cut -f1 "$t/o1" | cmp -s - "$t/want" && grep -q "3 version(s) without README.md" "$t/e1" &&
	ok "deleted, symlink, directory versions are skipped (dates kept)" || no "history edges: status $st $(cat "$t/o1" "$t/e1")"
r=$t/epoch
newrepo "$r"
list "$r/README.md" "[a](https://e.com/a) - A."
commit "$r" 0 "at time 0"
list "$r/README.md" "[a](https://e.com/a) - A." "[b](https://e.com/b) - B."
commit "$r" $T1 second
git -C "$r" remote add origin https://github.com/example/epoch
"$aw" items --quiet --git "$r" --tal-compat >"$t/o1" 2>"$t/e1" && [ "$(head -1 "$t/o1" | cut -f1)" = 1970-01-01T00:00:00Z ] &&
	ok "committer time 0 is a time (blame)" || no "time 0, blame: $(cat "$t/o1" "$t/e1")"
"$aw" items --quiet --git "$r" >"$t/o1" 2>"$t/e1" && [ "$(head -1 "$t/o1" | cut -f1)" = 1970-01-01T00:00:00Z ] &&
	ok "committer time 0 is a time (replay)" || no "time 0, replay: $(cat "$t/o1" "$t/e1")"

# --- the default page: a header with the list and its source only, no links
# to trackawesomelist, headings without /content/ links, a final newline
r=$t/page
newrepo "$r"
list "$r/README.md" "[a](https://e.com/a) - A *em* and \`code\`." "[b](https://e.com/b) - B."
commit "$r" $T1 first
list "$r/README.md" "[a](https://e.com/a) - A *em* and \`code\`." "[b](https://e.com/b) - B." "[c_d](https://e.com/c) - C [x](https://e.com/x)."
commit "$r" $T3 add c
git -C "$r" remote add origin https://github.com/example/awesome-page.git
"$aw" weekly --quiet --git "$r" >"$t/o1"
head -3 "$t/o1" >"$t/h1"
printf '# Awesome Page: new entries by week\n\nSource: https://github.com/example/awesome-page (README.md)\n' >"$t/want"
cmp -s "$t/h1" "$t/want" && ok "default header: the list and its source" || no "default header: $(cat "$t/h1")"
! grep -q -e trackawesomelist -e /content/ -e '^## \[' "$t/o1" && ok "default page: no trackawesomelist links" || no "default page links"
[ "$(tail -c 1 "$t/o1" | od -An -c | tr -d ' ')" = '\n' ] && ok "default page ends with a newline" || no "final newline"
grep -qx '## May 03 - May 09, 2021' "$t/o1" && grep -qx '## Sep 07 - Sep 13, 2020' "$t/o1" && ok "default page: week headings" || no "week headings: $(grep '^##' "$t/o1")"
"$aw" weekly --quiet --git "$r" --format text >"$t/o1"
printf 'Awesome Page: new entries by week\nSource: https://github.com/example/awesome-page (README.md)\n\nMay 03 - May 09, 2021\n\nTools\n  - c_d <https://e.com/c> - C x <https://e.com/x>.\n\nSep 07 - Sep 13, 2020\n\nTools\n  - a <https://e.com/a> - A em and code.\n  - b <https://e.com/b> - B.\n' >"$t/want"
cmp -s "$t/o1" "$t/want" && ok "--format text: no Markdown escapes or marks" || no "--format text: $(diff "$t/want" "$t/o1")"
if command -v script >/dev/null 2>&1; then
	list "$r/README.md" "[a](https://e.com/a) - A *em* and \`code\`." "[b](https://e.com/b) - B." "[c_d](https://e.com/c) - C [x](https://e.com/x)." "[long](https://e.com/long) - one two three four five six seven eight nine ten eleven twelve thirteen fourteen."
	commit "$r" $T4 add long
	script -qec "stty cols 40; '$aw' weekly --quiet --git '$r' --format text --last 1 --body" /dev/null | tr -d '\r' >"$t/o1"
	w=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$t/o1")
	[ "$w" -le 40 ] && [ "$(grep -c '^    [a-z]' "$t/o1")" -ge 2 ] && ok "--format text on a 40-column terminal: wrapped ($w)" ||
		no "--format text wrap: $(cat "$t/o1")"
fi
expect 2 "not a trackawesomelist format" "--format text --tal-compat" -- "$aw" weekly --git "$r" --format text --tal-compat
# a lone CR and a CRLF inside entries end lines in text, as LF does: no CR
# reaches the terminal (it would overwrite the line); display: the first line
cr=$t/crtext
newrepo "$cr"
printf '# Awesome CR\n\n## Tools\n\n- [a](https://e.com/a) - first\rsecond.\n- [b](https://e.com/b) - B\r\n  more.\n- Plain first\rplain second.\n' >"$cr/README.md"
commit "$cr" $T1 first
"$aw" weekly --quiet --git "$cr" --format text --body >"$t/o1"
printf '\nSep 07 - Sep 13, 2020\n\nTools\n  - a <https://e.com/a> - first\n      second.\n  - b <https://e.com/b> - B\n      more.\n  - Plain first\n      plain second.\n' >"$t/want"
cmp -s "$t/o1" "$t/want" && ok "--format text: lone CR and CRLF end lines" || no "--format text CR: $(od -c "$t/o1" | head -20)"
"$aw" display --quiet --git "$cr" --cols 30 --rows 6 >"$t/o1"
! grep -q "$(printf '\r')" "$t/o1" && grep -q '^- Plain first  *$' "$t/o1" && ok "display: an entry's first line ends at a lone CR" ||
	no "display CR: $(od -c "$t/o1" | head -20)"

# --- --since DATE; nothing new since a date is said
"$aw" items --quiet --git "$r" --since 2021-01-01 | cut -f4 >"$t/o1"
[ "$(cat "$t/o1" | tr '\n' ' ')" = "[c_d](https://e.com/c) [long](https://e.com/long) " ] && ok "--since 2021-01-01" || no "--since: $(cat "$t/o1")"
"$aw" weekly --quiet --git "$r" --since 2021-05-03T00:00:00Z --body | grep -c '^## ' >"$t/o1"
[ "$(cat "$t/o1")" = 2 ] && ok "--since with a time" || no "--since time: $(cat "$t/o1")"
expect 0 "nothing new since 2030-01-01" "nothing new since a date" -- "$aw" weekly --quiet --git "$r" --since 2030-01-01
expect 2 "expected YYYY-MM-DD" "--since junk" -- "$aw" weekly --git "$r" --since yesterday

# --- nested entries (the default without --tal-compat): a bullet of a
# nested list with its own link is an entry of its own; --no-nested and
# --tal-compat keep trackawesomelist's rule (nested lists are part of their entry)
r=$t/nested
newrepo "$r"
printf '# A\n\n## Clients\n\n- [requests](https://e.com/requests) - HTTP.\n  - [httpx](https://e.com/httpx) - Async.\n  - plain note\n' >"$r/README.md"
commit "$r" $T1 first
printf '# A\n\n## Clients\n\n- [requests](https://e.com/requests) - HTTP.\n  - [httpx](https://e.com/httpx) - Async.\n  - [httpx2](https://e.com/httpx2) - Newer.\n  - plain note\n' >"$r/README.md"
commit "$r" $T3 add httpx2
git -C "$r" remote add origin https://github.com/example/nested
"$aw" items --quiet --git "$r" | cut -f1,4 >"$t/o1"
printf '2020-09-13T12:26:40Z\t[requests](https://e.com/requests)\n2020-09-13T12:26:40Z\t[httpx](https://e.com/httpx)\n2021-05-03T00:00:00Z\t[httpx2](https://e.com/httpx2)\n' >"$t/want"
cmp -s "$t/o1" "$t/want" && ok "nested entries: httpx2 dated by the commit that added it" || no "nested: $(cat "$t/o1")"
"$aw" weekly --quiet --git "$r" --body --last 1 >"$t/o1"
grep -q 'httpx2' "$t/o1" && ! grep -q requests "$t/o1" && ok "nested entry shown in its week, not its parent" || no "nested weekly: $(cat "$t/o1")"
"$aw" weekly --quiet --git "$r" --body >"$t/o1"
[ "$(grep -c 'e.com/httpx)' "$t/o1")" = 1 ] && grep -q '^    \*   plain note' "$t/o1" &&
	ok "nested: a parent shows its other nested bullets, not the entries" || no "nested parent: $(cat "$t/o1")"
"$aw" items --quiet --git "$r" --no-nested | cut -f4 >"$t/o1"
[ "$(cat "$t/o1")" = "[requests](https://e.com/requests)" ] && ok "--no-nested: trackawesomelist's rule" || no "--no-nested: $(cat "$t/o1")"
"$aw" items --quiet --git "$r" --tal-compat | wc -l >"$t/o1"
[ "$(tr -d ' ' <"$t/o1")" = 1 ] && ok "--tal-compat: no nested entries" || no "--tal-compat nested"
expect 2 "drop --tal-compat" "--nested --tal-compat" -- "$aw" items --git "$r" --nested --tal-compat

# --- a capacity error names the capacity, how far it got and the limit:
# 300 entries through the CLI built with the Cortex-M4 board's capacities
# (256 entries), (re)built here so that it is never stale (the golden-cm4
# step uses it too)
cm4=${AW_CM4_BIN:-$top/build/cortex-m4-host/awtrack}
[ -n "${AW_CM4_BIN:-}" ] || (cd "$top" && make -s board-host OPTS=cortex-m4 >/dev/null 2>&1)
if [ -x "$cm4" ]; then
	r=$t/big
	newrepo "$r"
	awk 'BEGIN { printf "# A\n\n## T\n\n"; for (i = 0; i < 300; i++) printf "- [e%d](https://e.com/%d)\n", i, i }' >"$r/README.md"
	commit "$r" $T1 first
	expect 1 "256 entries; limit AW_STORE_DATEMAP_MAX = 256 entries (a compile-time option of the board" \
		"capacity error names the capacity, the value and the limit" -- "$cm4" items --quiet --git "$r"
else
	echo "note: no Cortex-M4 host build: capacity message not tested"
fi

# --- exit status: a wrong command line is 2 in every command, and every
# status the program returns is listed in the man page (docs/awtrack.1)
for c in weekly daily items overview feed html serve display; do
	expect 2 "unknown option '--bogus'" "$c: an unknown option is status 2" -- "$aw" $c --git "$h" --bogus
done
expect 2 "nope.conf" "update: a missing configuration file is status 2" -- "$aw" -c "$t/nope.conf" update
expect 2 "unknown option" "update: an unknown option is status 2" -- "$aw" -c "$t/nope.conf" --bogus update
used=$({ sed -n 's/^#define EXIT_[A-Z]* \([0-9]\).*/\1/p' "$top/port/posix/awtrack.c"
	sed -n 's/.*AW_EXIT_[A-Z]* = \([0-9]\).*/\1/p' "$top/port/posix/aw_update.h"; echo 0; } | sort -u | tr '\n' ' ')
listed=$(sed -n '/^\.Sh EXIT STATUS/,/^\.Sh [A-Z]/s/^\.It \([0-9]\)$/\1/p' "$top/docs/awtrack.1" | sort -u | tr '\n' ' ')
[ "$used" = "0 1 2 3 4 " ] && [ "$listed" = "$used" ] && ok "man page lists every exit status ($listed)" ||
	no "exit statuses: used '$used', man page '$listed'"
