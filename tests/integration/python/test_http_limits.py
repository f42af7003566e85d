"""Limits on the HTTP path that Qt's HTTP server serves, attacked from raw sockets while another
client is timed: pipelined requests whose answers are never read, huge or undeclared request
bodies, huge request heads, slow heads, idle keep-alive connections. Each attack checks the
server's resident memory (VmRSS) and that the other client is still answered quickly."""
import json
import select
import socket
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from serverprocess import ServerProcess, binary  # noqa: E402

MB = 1024 * 1024
RSS_GROWTH_LIMIT = 100 * MB  # generous: the fixed server stays within a few MB
ANSWER_WITHIN = 2.0  # seconds for the other client while an attack runs


def rss(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


class Prober:
    """Another client that keeps asking for the client bundle and records its worst wait."""

    def __init__(self, port):
        self.port = port
        self.worst = 0.0
        self.failures = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        for _ in range(2000):  # bounded
            if self.stop.is_set():
                return
            start = time.time()
            try:
                status, _ = request(self.port, b"GET /socket.io/socket.io.js HTTP/1.1\r\nHost: x\r\n\r\n", timeout=10)
                if status != 200:
                    self.failures.append(status)
            except OSError as e:
                self.failures.append(repr(e))
            self.worst = max(self.worst, time.time() - start)
            time.sleep(0.05)

    def finish(self):
        self.stop.set()
        self.thread.join(15)
        return self.worst, self.failures


_leftover = {}  # bytes read past the last response, per socket (pipelined answers)


def read_response(s, timeout=10):
    """Reads one response (head and Content-Length body); returns (status, body)."""
    s.settimeout(timeout)
    data = _leftover.pop(s.fileno(), b"")
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed before a whole head: {data[:200]!r}")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = s.recv(65536)
        if not chunk:
            raise ConnectionError("closed in the middle of a body")
        body += chunk
    if len(body) > length:
        _leftover[s.fileno()] = body[length:]
    return status, body[:length]


def request(port, data, timeout=10):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        return read_response(s, timeout)


def send_until_answer(s, pieces, limit):
    """Sends pieces until the server answers (or closes, or limit bytes are sent); returns the
    bytes sent. Never blocks for long: the server may stop reading."""
    s.setblocking(False)
    sent = 0
    deadline = time.time() + 30
    for piece in pieces:
        view = memoryview(piece)
        while view and time.time() < deadline:
            readable, writable, _ = select.select([s], [s], [], 0.5)
            if readable:
                s.setblocking(True)
                return sent
            if writable:
                try:
                    n = s.send(view)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    s.setblocking(True)
                    return sent
                sent += n
                view = view[n:]
        if sent >= limit or time.time() >= deadline:
            break
    # Everything sent: wait for the answer.
    select.select([s], [], [], 10)
    s.setblocking(True)
    return sent


TCP_ESTABLISHED = 1


def tcp_state(s):
    """The socket's TCP state (first byte of struct tcp_info)."""
    return s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)[0]


def closed_within(s, seconds):
    """Whether the server closes s within seconds (reading and dropping what it sends)."""
    s.settimeout(0.5)
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if not s.recv(1 << 20):
                return True
        except socket.timeout:
            continue
        except OSError:
            return True
    return False


class HttpLimits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data = tempfile.mkdtemp(prefix="chathost-http-limits-")
        cls.server = ServerProcess(binary("CHATHOST_BIN"), "--headless", "--data-dir", cls.data,
                                   "--header-timeout", "3000", "--idle-timeout", "1500",
                                   "--send-timeout", "3000", "--ping-interval", "4000",
                                   "--ping-timeout", "5000", "--max-per-address", "300")
        cls.port = cls.server.port
        cls.pid = cls.server.proc.pid

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.rss_before = rss(self.pid)
        self.prober = Prober(self.port)

    def tearDown(self):
        worst, failures = self.prober.finish()
        self.assertEqual(failures, [], "the other client was not served")
        self.assertLess(worst, ANSWER_WITHIN, "the other client waited too long")
        growth = rss(self.pid) - self.rss_before
        self.assertLess(growth, RSS_GROWTH_LIMIT, f"RSS grew by {growth / MB:.0f} MB")
        self.assertIsNone(self.server.proc.poll(), "the server died")

    def connect(self):
        return socket.create_connection(("127.0.0.1", self.port), timeout=10)

    def test_pipelined_gets_never_read(self):
        s = self.connect()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        get = b"GET /socket.io/socket.io.js HTTP/1.1\r\nHost: x\r\n\r\n"
        s.setblocking(False)
        sent = 0
        deadline = time.time() + 10
        batch = get * 5000
        view = memoryview(batch)
        peak = 0
        while view and time.time() < deadline:
            _, writable, _ = select.select([], [s], [], 0.2)
            if writable:
                try:
                    n = s.send(view)
                    sent += n
                    view = view[n:]
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError:
                    break
            peak = max(peak, rss(self.pid) - self.rss_before)
        time.sleep(1)
        peak = max(peak, rss(self.pid) - self.rss_before)
        self.assertLess(peak, RSS_GROWTH_LIMIT, f"RSS grew by {peak / MB:.0f} MB")
        # The server stops reading (the client's sends block) and closes the connection once its
        # answer has waited unread for the send timeout (3 s). Seen without reading: the TCP state.
        deadline = time.time() + 20
        while tcp_state(s) == TCP_ESTABLISHED and time.time() < deadline:
            time.sleep(0.2)
        self.assertNotEqual(tcp_state(s), TCP_ESTABLISHED, "the connection that never reads was not closed")
        s.close()

    def test_pipelined_gets_read_are_all_answered(self):
        s = self.connect()
        s.sendall(b"GET /socket.io/socket.io.js HTTP/1.1\r\nHost: x\r\n\r\n" * 20)
        for _ in range(20):
            status, body = read_response(s)
            self.assertEqual(status, 200)
            self.assertGreater(len(body), 1000)
        s.close()

    def test_declared_huge_body_refused_before_it_is_sent(self):
        for target in [b"/", b"/socket.io/?EIO=4&transport=polling&sid=unknown"]:
            with self.subTest(target=target):
                s = self.connect()
                s.sendall(b"POST " + target + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 2147483648\r\n\r\n")
                status, body = read_response(s, timeout=5)
                self.assertEqual(status, 413)
                self.assertIn(b"too large", body)
                s.close()

    def test_chunked_huge_body_cut_off(self):
        s = self.connect()
        s.sendall(b"POST /socket.io/?EIO=4&transport=polling&sid=unknown HTTP/1.1\r\nHost: x\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"100000\r\n" + b"a" * 0x100000 + b"\r\n"
        sent = send_until_answer(s, (chunk for _ in range(1024)), 64 * MB)  # at most 1 GB
        self.assertLess(sent, 32 * MB, "the server kept reading a body far over the limit")
        status, _ = read_response(s, timeout=5)
        self.assertEqual(status, 413)
        s.close()

    def test_body_where_none_belongs_refused(self):
        # A few bytes are read and the page answers as before; more are refused unread.
        s = self.connect()
        s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        self.assertEqual(read_response(s)[0], 405)
        s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
        self.assertEqual(read_response(s)[0], 413)
        s.close()

    def test_big_body_to_unknown_session_refused_early(self):
        s = self.connect()
        head = (b"POST /socket.io/?EIO=4&transport=polling&sid=unknown HTTP/1.1\r\nHost: x\r\n"
                b"Content-Length: 300000000\r\n\r\n")
        sent = send_until_answer(s, [head] + [b"a" * MB] * 300, 300 * MB)
        self.assertLess(sent, 32 * MB)
        status, _ = read_response(s, timeout=5)
        self.assertEqual(status, 413)
        s.close()

    def test_huge_heads_answered_431(self):
        cases = {
            "1.9 MB query": [b"GET /?q=" + b"a" * (19 * MB // 10) + b" HTTP/1.1\r\nHost: x\r\n\r\n"],
            "1 MB path": [b"GET /" + b"a" * MB + b" HTTP/1.1\r\nHost: x\r\n\r\n"],
            "100k headers": [b"GET / HTTP/1.1\r\n"] + [b"X-H: v\r\n" * 10000] * 10 + [b"\r\n"],
            "30 MB header value": [b"GET / HTTP/1.1\r\nX-Big: "] + [b"a" * MB] * 30 + [b"\r\n\r\n"],
        }
        for name, pieces in cases.items():
            with self.subTest(case=name):
                s = self.connect()
                sent = send_until_answer(s, pieces, 64 * MB)
                status, body = read_response(s, timeout=5)
                self.assertEqual(status, 431, body)
                self.assertLess(sent, 16 * MB)
                s.close()

    def test_slow_head_counted_from_accept(self):
        # The head starts with an empty line: it is handed to Qt's side at once, late, after
        # 2.7 s of the 3 s header timeout; the rest trickles in.
        start = time.time()
        s = self.connect()
        time.sleep(2.7)
        s.sendall(b"\r\nGET / HTTP/1.1\r\n")
        closed = False
        for i in range(40):  # bounded: 40 x 0.25 s
            try:
                s.sendall(b"X-%d: y\r\n" % i)
            except OSError:
                closed = True
                break
            readable, _, _ = select.select([s], [], [], 0.25)
            if readable:
                try:
                    closed = not s.recv(4096)
                except OSError:
                    closed = True
                if closed:
                    break
        elapsed = time.time() - start
        self.assertTrue(closed, "a head that never ends was not cut off")
        self.assertLess(elapsed, 4.8, "the header timeout did not count from accept")
        s.close()

    def test_idle_keep_alive_closed(self):
        s = self.connect()
        for _ in range(2):  # keep-alive works: two requests on one connection
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            status, _ = read_response(s)
            self.assertEqual(status, 200)
        idle_since = time.time()
        self.assertTrue(closed_within(s, 10), "an idle keep-alive connection was kept")
        self.assertGreater(time.time() - idle_since, 1.0, "closed before the idle timeout")
        s.close()

    def test_parked_poll_is_not_idle(self):
        s = self.connect()
        s.sendall(b"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n")
        status, body = read_response(s)
        self.assertEqual(status, 200)
        sid = json.loads(body[body.index(b"{"):])["sid"].encode()
        s.sendall(b"POST /socket.io/?EIO=4&transport=polling&sid=" + sid
                  + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n40")
        self.assertEqual(read_response(s)[0], 200)
        s.sendall(b"GET /socket.io/?EIO=4&transport=polling&sid=" + sid + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        status, body = read_response(s)  # the namespace's connect answer
        self.assertEqual(status, 200)
        # Polls until one is parked longer than the idle timeout (1.5 s): the ping comes after
        # 4 s at the latest. A parked poll is answered, not closed as idle.
        parked = 0.0
        for _ in range(5):  # bounded
            s.sendall(b"GET /socket.io/?EIO=4&transport=polling&sid=" + sid + b" HTTP/1.1\r\nHost: x\r\n\r\n")
            start = time.time()
            status, body = read_response(s, timeout=10)
            self.assertEqual(status, 200)
            parked = time.time() - start
            if parked > 2.0:
                break
        self.assertGreater(parked, 2.0, "no poll was parked longer than the idle timeout")
        s.close()


class SlotsComeBack(unittest.TestCase):
    """Every connection handed to Qt gives its slot back when it ends, whatever Qt did with it (a
    request its own parser rejects makes Qt disconnect every signal of the socket, so the slot is
    freed by the socket's destructor, not by a signal): else a few of them would lock their address
    out for good."""

    def test_rejected_requests_free_their_slots(self):
        data = tempfile.mkdtemp(prefix="chathost-slots-")
        server = ServerProcess(binary("CHATHOST_BIN"), "--headless", "--data-dir", data,
                               "--max-per-address", "5", "--connect-rate-per-address", "0/1")
        try:
            requests = [b"FOO / HTTP/1.1\r\nHost: x\r\n\r\n",
                        b"GET /x HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
                        b"Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                        b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"]
            for i in range(20):
                with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
                    s.sendall(requests[i % 2])
                    s.settimeout(5)
                    self.assertTrue(s.recv(65536).startswith(b"HTTP/1.1 4"))
            time.sleep(0.5)
            status, _ = request(server.port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertEqual(status, 200, "the address was locked out by leaked slots")
        finally:
            server.stop()


class HeadTimeouts(unittest.TestCase):
    """Head deadlines run on the host's one timer wheel and still fire on time. A server of its
    own: the long waits would use up HttpLimits' new-connections budget for its prober."""

    @classmethod
    def setUpClass(cls):
        cls.data = tempfile.mkdtemp(prefix="chathost-head-timeouts-")
        cls.server = ServerProcess(binary("CHATHOST_BIN"), "--headless", "--data-dir", cls.data,
                                   "--header-timeout", "3000", "--idle-timeout", "1500")
        cls.port = cls.server.port

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_head_timeouts_fire_on_time(self):
        # Both kinds of head deadline run on the host's one timer wheel: a connection that
        # says nothing (waiting in the listener) and a second head that never ends (in the
        # gate). Each is cut off at the 3 s header timeout, neither early nor seconds late.
        silent = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        start = time.time()
        self.assertTrue(closed_within(silent, 10), "a silent connection was kept")
        self.assertGreater(time.time() - start, 2.5, "closed before the header timeout")
        self.assertLess(time.time() - start, 5.0, "closed long after the header timeout")
        silent.close()
        s = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        status, _ = read_response(s)
        self.assertEqual(status, 200)
        s.sendall(b"GET / HTTP/1.1\r\n")
        start = time.time()
        self.assertTrue(closed_within(s, 10), "an unfinished second head was kept")
        self.assertGreater(time.time() - start, 2.5, "closed before the header timeout")
        self.assertLess(time.time() - start, 5.0, "closed long after the header timeout")
        s.close()


def rest_until_closed(s, timeout=10):
    """What the server still sends on s (after the responses read so far) until it closes s;
    raises socket.timeout if it keeps the connection open."""
    s.settimeout(timeout)
    data = _leftover.pop(s.fileno(), b"")
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            chunk = s.recv(65536)
        except ConnectionResetError:
            return data
        if not chunk:
            return data
        data += chunk
    raise socket.timeout("the connection was kept open")


class ConnectionClose(unittest.TestCase):
    """A request that ends its connection ("Connection: close", HTTP/1.0 without keep-alive) gets
    its answer and then the server closes the connection, reading nothing after it. A server of
    its own with the default 60 s idle timeout, so that no idle close is mistaken for it."""

    @classmethod
    def setUpClass(cls):
        cls.data = tempfile.mkdtemp(prefix="chathost-connection-close-")
        cls.server = ServerProcess(binary("CHATHOST_BIN"), "--headless", "--data-dir", cls.data)
        cls.port = cls.server.port

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def connect(self):
        return socket.create_connection(("127.0.0.1", self.port), timeout=10)

    def assert_answered_then_closed(self, data, path=b"/"):
        with self.connect() as s:
            # A second request pipelined behind it must not be answered.
            s.sendall(data + b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n")
            status, body = read_response(s)
            self.assertEqual(status, 200)
            self.assertGreater(len(body), 0)
            self.assertEqual(rest_until_closed(s, 10), b"", "more than one answer")
            return body

    def test_http11_connection_close(self):
        self.assert_answered_then_closed(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        # Among other options, in any case.
        self.assert_answered_then_closed(
            b"GET / HTTP/1.1\r\nHost: x\r\nConnection: TE, Close\r\nTE: trailers\r\n\r\n")

    def test_http10_without_keep_alive(self):
        self.assert_answered_then_closed(b"GET / HTTP/1.0\r\n\r\n")

    def test_engineio_handshake_with_connection_close(self):
        body = self.assert_answered_then_closed(
            b"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            path=b"/socket.io/?EIO=4&transport=polling")
        self.assertIn(b'"sid"', body)

    def test_pipelined_requests_before_it_are_answered(self):
        with self.connect() as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * 3
                      + b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                      + b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            for _ in range(4):
                self.assertEqual(read_response(s)[0], 200)
            self.assertEqual(rest_until_closed(s, 10), b"")

    def test_keep_alive_stays_open(self):
        # HTTP/1.0 that asks for keep-alive, and HTTP/1.1 by default: the next request is answered.
        for first in (b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
                      b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"):
            with self.connect() as s:
                s.sendall(first)
                self.assertEqual(read_response(s)[0], 200)
                s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                self.assertEqual(read_response(s)[0], 200)


class SessionCaps(unittest.TestCase):
    """Engine.IO handshakes are cheap requests and a session lives until its ping timeout: one
    keep-alive connection sending them pipelined must not make the server hold unbounded
    sessions."""

    def test_pipelined_handshakes_are_capped_per_address(self):
        data = tempfile.mkdtemp(prefix="chathost-sessions-")
        server = ServerProcess(binary("CHATHOST_BIN"), "--headless", "--data-dir", data,
                               "--max-per-address", "20")
        try:
            before = rss(server.proc.pid)
            handshake = b"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n"
            opened = refused = 0
            with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
                for _ in range(20):  # 2,000 handshakes, 100 at a time
                    s.sendall(handshake * 100)
                    for _ in range(100):
                        status, _ = read_response(s)
                        opened += status == 200
                        refused += status == 503
            growth = rss(server.proc.pid) - before
            print(f"\n2,000 pipelined handshakes from one address, cap 40: {opened} sessions, "
                  f"{refused} refused with 503; VmRSS +{growth / MB:.1f} MB", file=sys.stderr)
            self.assertEqual(opened, 40)  # twice --max-per-address
            self.assertEqual(refused, 1960)
            # The same address again: refused while the sessions live; another address: served.
            self.assertEqual(request(server.port, handshake)[0], 503)
            with socket.create_connection(("127.0.0.1", server.port), timeout=10,
                                          source_address=("127.0.0.2", 0)) as other:
                other.sendall(handshake)
                self.assertEqual(read_response(other)[0], 200)
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
