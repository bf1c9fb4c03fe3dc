#!/bin/sh
# update-bench.sh - numbers of `awtrack update` against the local fake
# GitHub (tests/fakegh, TLS on 127.0.0.1): wall time of update with 50
# sources (baseline, all unchanged, one new commit each), bytes on the
# wire of a no-change poll and of a one-commit update, and the peak heap
# of mbedTLS during one update, with the fake's CA alone and with the
# system bundle (its calloc/free counted: the static
# mbedTLS libraries with calloc/free renamed by objcopy, see
# bench/heapcount.c). Not a test: it prints numbers.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
make -s build/awtrack
T=$(mktemp -d /tmp/awtrack-ubench.XXXXXX)
fgpid=
trap '[ -n "$fgpid" ] && kill $fgpid 2>/dev/null; rm -rf "$T"' EXIT INT TERM
B=$top/tests/data/cases/Friz-zy/awesome-linux-containers/list.bundle
N=${N:-50}
repos=""
i=1; while [ $i -le $N ]; do repos="$repos --repo bench/list$i=$B"; i=$((i + 1)); done
/usr/bin/python3 tests/fakegh/fakegh.py --dir "$T/fg" $repos > "$T/fg.log" 2>&1 &
fgpid=$!
while [ ! -f "$T/fg/ports" ]; do sleep 0.1; done
. "$T/fg/ports"
clone=$T/clone; git clone -q "$B" "$clone"
c1=$(git -C "$clone" log --format=%H -- README.md | sed -n 2p)
c2=$(git -C "$clone" log --format=%H -- README.md | sed -n 1p)
{
	printf '[awtrack]\nstate = %s/state\ngithub_url = https://127.0.0.1:%s\n' "$T" $GITHUB_PORT
	printf 'raw_url = https://127.0.0.1:%s\napi_url = https://127.0.0.1:%s\nca_file = %s/fg/ca.crt\n' $RAW_PORT $API_PORT "$T"
	i=1; while [ $i -le $N ]; do printf '\n[source bench/list%s]\n' $i; i=$((i + 1)); done
} > "$T/c.conf"
ctl() { # sha -> every repo's head
	/usr/bin/python3 -c "import json,sys; print(json.dumps({'heads': {f'bench/list{i}': sys.argv[1] for i in range(1, int(sys.argv[2]) + 1)}}))" "$1" $N > "$T/fg/ctl.tmp"
	mv "$T/fg/ctl.tmp" "$T/fg/ctl.json"
}
now() { date +%s.%N; }
el() { /usr/bin/python3 -c "print(round($2 - $1, 3))"; }
ctl $c1
t0=$(now); build/awtrack -c "$T/c.conf" -q update; t1=$(now)
echo "update, $N sources, first run (baseline: feed + file each): $(el $t0 $t1) s"
t0=$(now); AWTRACK_NET_STATS=1 build/awtrack -c "$T/c.conf" -q update 2> "$T/s1"; t1=$(now)
echo "update, $N sources, nothing changed (one 304 each): $(el $t0 $t1) s; $(cat "$T/s1")"
ctl $c2
t0=$(now); AWTRACK_NET_STATS=1 build/awtrack -c "$T/c.conf" -q update 2> "$T/s2"; t1=$(now)
echo "update, $N sources, one new commit each: $(el $t0 $t1) s; $(cat "$T/s2")"

# one source: bytes on the wire
printf '[awtrack]\nstate = %s/st1\ngithub_url = https://127.0.0.1:%s\nraw_url = https://127.0.0.1:%s\nca_file = %s/fg/ca.crt\n\n[source bench/list1]\n' "$T" $GITHUB_PORT $RAW_PORT "$T" > "$T/one.conf"
ctl $c1
build/awtrack -c "$T/one.conf" -q update
AWTRACK_NET_STATS=1 build/awtrack -c "$T/one.conf" -q update 2> "$T/b0"
echo "one source, no change: $(cat "$T/b0")"
ctl $c2
AWTRACK_NET_STATS=1 build/awtrack -c "$T/one.conf" -q update 2> "$T/b1"
echo "one source, one new commit: $(cat "$T/b1")"

# mbedTLS heap: static libraries with calloc/free renamed to counting ones
H=$T/heap; mkdir -p "$H"
for l in mbedtls mbedx509 mbedcrypto; do
	objcopy --redefine-sym calloc=awh_calloc --redefine-sym free=awh_free \
		/usr/lib/x86_64-linux-gnu/lib$l.a "$H/lib$l.a"
done
cc -O2 -c bench/heapcount.c -o "$H/heapcount.o"
objs=$(ls build/port/*.o)
cc -O2 $objs "$H/heapcount.o" build/libawcore.a -L"$H" -Wl,-Bstatic -lmbedtls -lmbedx509 -lmbedcrypto \
	-Wl,-Bdynamic -lexpat -o "$H/awtrack-heap"
rm -rf "$T/st1"; ctl $c1
AWTRACK_HEAP_REPORT=1 "$H/awtrack-heap" -c "$T/one.conf" -q update 2> "$T/h0"
echo "mbedTLS heap, first update (2 TLS connections, sequential): $(grep heap "$T/h0")"
ctl $c2
AWTRACK_HEAP_REPORT=1 "$H/awtrack-heap" -c "$T/one.conf" -q update 2> "$T/h1"
echo "mbedTLS heap, one-commit update: $(grep heap "$T/h1")"
AWTRACK_HEAP_REPORT=1 "$H/awtrack-heap" -c "$T/one.conf" -q update 2> "$T/h2"
echo "mbedTLS heap, no-change update: $(grep heap "$T/h2")"
# the same with a desktop's trust store: the system bundle (what ca_file
# defaults to) with the fake's CA appended, so the handshake still verifies
SYS=/etc/ssl/certs/ca-certificates.crt
if [ -r "$SYS" ]; then
	cat "$SYS" "$T/fg/ca.crt" > "$T/bundle.crt"
	sed "s|^ca_file = .*|ca_file = $T/bundle.crt|" "$T/one.conf" > "$T/sys.conf"
	rm -rf "$T/st1"; ctl $c1
	AWTRACK_HEAP_REPORT=1 "$H/awtrack-heap" -c "$T/sys.conf" -q update 2> "$T/h3"
	echo "mbedTLS heap, first update with $SYS ($(grep -c 'BEGIN CERT' "$SYS") roots): $(grep heap "$T/h3")"
	ctl $c2
	AWTRACK_HEAP_REPORT=1 "$H/awtrack-heap" -c "$T/sys.conf" -q update 2> "$T/h4"
	echo "mbedTLS heap, one-commit update with $SYS: $(grep heap "$T/h4")"
fi
