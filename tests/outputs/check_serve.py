#!/usr/bin/python3
# check_serve.py - `awtrack serve` on 127.0.0.1 under load: ApacheBench
# (ab, Debian's apache2-utils) sends 10,000 keep-alive requests for the
# dashboard while this script sends malformed, oversized and slow requests
# on other connections; every load request must succeed, every bad request
# must get its status (400, 405, 408, 413, 414, 431, 501, 505), a slow
# client must not hold up a well-formed request, and the resident memory
# must not grow (VmRSS before and after the load; printed, with ab's
# requests per second, for the record: no timing is asserted).
#
#   check_serve.py --awtrack BIN --git CLONE [awtrack options...]
import os, re, signal, socket, subprocess, sys, threading, time

PASS = FAIL = 0
lock = threading.Lock()


def check(cond, what, detail=''):
    global PASS, FAIL
    with lock:
        if cond:
            PASS += 1
        else:
            FAIL += 1
            print('FAIL %s%s' % (what, (': ' + str(detail)[:400]) if detail else ''))
    return cond


def rss_kb(pid):
    for line in open('/proc/%d/status' % pid):
        if line.startswith('VmRSS:'):
            return int(line.split()[1])
    return -1


def exchange(port, data, chunks=None, pause=0.0, read_timeout=30):
    """send data (in chunks with pauses), return the status of the answer"""
    s = socket.create_connection(('127.0.0.1', port), timeout=read_timeout)
    try:
        for part in (chunks or [data]):
            s.sendall(part)
            if pause:
                time.sleep(pause)
        buf = b''
        while b'\r\n' not in buf:
            d = s.recv(4096)
            if not d:
                break
            buf += d
        m = re.match(rb'HTTP/1\.1 (\d{3}) ', buf)
        return int(m.group(1)) if m else None, buf
    except (ConnectionResetError, BrokenPipeError, socket.timeout) as e:
        return None, repr(e).encode()
    finally:
        s.close()


def full_get(port, path, extra=b''):
    s = socket.create_connection(('127.0.0.1', port), timeout=30)
    s.sendall(b'GET ' + path + b' HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n' + extra + b'\r\n')
    buf = b''
    while True:
        d = s.recv(65536)
        if not d:
            break
        buf += d
    s.close()
    head, _, body = buf.partition(b'\r\n\r\n')
    m = re.match(rb'HTTP/1\.1 (\d{3}) ', head)
    return (int(m.group(1)) if m else None), head.decode('latin-1'), body


BAD = [
    ('bad request line', b'GET /\r\n\r\n', 400),
    ('no Host', b'GET / HTTP/1.1\r\n\r\n', 400),
    ('obs-fold', b'GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n 2\r\n\r\n', 400),
    ('binary junk', bytes(range(256)) + b'\r\n\r\n', 400),
    ('POST', b'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc', 405),
    ('chunked body', b'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 501),
    ('HTTP/2.0', b'GET / HTTP/2.0\r\nHost: a\r\n\r\n', 505),
    ('huge body', b'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100000000\r\n\r\n', 413),
    ('long URI', b'GET /' + b'a' * 10000 + b' HTTP/1.1\r\nHost: a\r\n\r\n', 414),
    ('huge header', b'GET / HTTP/1.1\r\nHost: a\r\nX: ' + b'v' * 20000 + b'\r\n\r\n', 431),
    ('many headers', b'GET / HTTP/1.1\r\nHost: a\r\n' +
     b''.join(b'X-%d: 1\r\n' % i for i in range(200)) + b'\r\n', 431),
    ('unknown path', b'GET /nope/../etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n', 404),
]


def main():
    args = sys.argv[1:]
    aw = args[args.index('--awtrack') + 1]
    rest = [a for i, a in enumerate(args) if a != '--awtrack' and (i == 0 or args[i - 1] != '--awtrack')]
    env = dict(os.environ, AWTRACK_SERVE_TIMEOUT_MS='2000')
    p = subprocess.Popen([aw, 'serve', '--listen', '127.0.0.1:0', '--quiet'] + rest,
                         stderr=subprocess.PIPE, text=True, env=env)
    port = None
    line = ''
    while True:
        line = p.stderr.readline()
        if not line:
            break
        m = re.search(r'serving (\S+) on 127\.0\.0\.1:(\d+)', line)
        if m:
            port = int(m.group(2))
            site_path = m.group(1).split('/', 3)[3]
            break
    if not check(port is not None, 'serve starts', line):
        print('serve: %d passed, %d failed' % (PASS, FAIL))
        return 1
    page = ('/' + site_path + 'week/index.html').encode()
    try:
        # correctness first
        st, head, body = full_get(port, page)
        check(st == 200 and b'</html>' in body, 'GET the weekly page', head)
        etag = re.search(r'ETag: ("[^"]+")', head)
        check(etag is not None, 'ETag present', head)
        st, head, body = full_get(port, page, b'If-None-Match: ' + etag.group(1).encode() + b'\r\n')
        check(st == 304 and body == b'', 'If-None-Match -> 304 without a body', head)
        st, head, body = full_get(port, page, b'If-None-Match: "other"\r\n')
        check(st == 200 and body, 'another ETag -> 200', head)
        s = socket.create_connection(('127.0.0.1', port), timeout=10)
        s.sendall(b'HEAD ' + page + b' HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')
        buf = b''
        while True:
            d = s.recv(65536)
            if not d:
                break
            buf += d
        s.close()
        check(buf.startswith(b'HTTP/1.1 200') and buf.endswith(b'\r\n\r\n'), 'HEAD: no body', buf[-40:])
        # two pipelined requests on one connection
        s = socket.create_connection(('127.0.0.1', port), timeout=10)
        s.sendall(b'GET /nope HTTP/1.1\r\nHost: a\r\n\r\nGET /nope2 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')
        buf = b''
        while True:
            d = s.recv(65536)
            if not d:
                break
            buf += d
        s.close()
        check(buf.count(b'HTTP/1.1 404') == 2, 'pipelined requests both answered', buf[:200])

        # warm up, then the memory baseline
        subprocess.run(['ab', '-q', '-n', '2000', '-c', '32', '-k', 'http://127.0.0.1:%d%s' % (port, page.decode())],
                       capture_output=True)
        before = rss_kb(p.pid)

        results = {}

        def bad_requests():
            # a slow client: half a request head, then nothing
            slow = socket.create_connection(('127.0.0.1', port), timeout=30)
            slow.sendall(b'GET / HTTP/1.1\r\nHost: a\r\n')
            # meanwhile, well-formed requests are answered
            st, _, _ = full_get(port, page)
            results['during slow'] = st
            for name, data, want in BAD:
                st, buf = exchange(port, data)
                results[name] = (st, want, buf[:120])
            # a request trickled byte by byte still works
            st, buf = exchange(port, None, chunks=[bytes([b]) for b in
                                                   b'GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'],
                               pause=0.005)
            results['trickled'] = (st, 200, buf[:120])
            buf = b''
            while True:
                try:
                    d = slow.recv(4096)
                except socket.timeout:
                    break
                if not d:
                    break
                buf += d
            slow.close()
            results['slow'] = (int(buf[9:12]) if buf.startswith(b'HTTP/1.1 ') else None, 408, buf[:120])

        t = threading.Thread(target=bad_requests)
        t.start()
        ab = subprocess.run(['ab', '-n', '10000', '-c', '32', '-k',
                             'http://127.0.0.1:%d%s' % (port, page.decode())], capture_output=True, text=True)
        t.join()
        after = rss_kb(p.pid)
        out = ab.stdout
        done = re.search(r'Complete requests:\s+(\d+)', out)
        failed = re.search(r'Failed requests:\s+(\d+)', out)
        rps = re.search(r'Requests per second:\s+([\d.]+)', out)
        non2xx = re.search(r'Non-2xx responses:\s+(\d+)', out)
        check(ab.returncode == 0 and done and int(done.group(1)) == 10000, 'ab: 10,000 requests complete',
              ab.stderr[-300:])
        check(failed and int(failed.group(1)) == 0, 'ab: no failed request', out[-600:])
        check(not non2xx, 'ab: every answer 2xx', non2xx.group(0) if non2xx else '')
        check(results.get('during slow') == 200, 'a slow client does not block others', results.get('during slow'))
        for name, _, want in BAD + [('trickled', None, 200), ('slow', None, 408)]:
            st, w, buf = results.get(name, (None, want, b'(not run)'))
            check(st == w, 'during load: %s -> %d' % (name, w), '%s %r' % (st, buf))
        check(before > 0 and after > 0 and after - before < 1024, 'no memory growth (VmRSS)',
              '%d kB -> %d kB' % (before, after))
        print('serve: ab 10,000 requests, %s requests/s (concurrency 32, keep-alive), '
              'VmRSS %d kB before, %d kB after' % (rps.group(1) if rps else '?', before, after))
        # still serving
        st, head, body = full_get(port, page)
        check(st == 200, 'still serving after the load', head)
    finally:
        p.send_signal(signal.SIGTERM)
        try:
            rc = p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            rc = p.wait()
        check(rc == 0, 'serve exits 0 on SIGTERM', rc)
    print('serve: %d passed, %d failed' % (PASS, FAIL))
    return 1 if FAIL else 0


if __name__ == '__main__':
    sys.exit(main())
