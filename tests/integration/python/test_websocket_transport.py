"""ChatHost's own WebSocket transport, spoken to byte by byte over plain sockets (conformance
server: pingInterval 300, pingTimeout 200, maxPayload 1000000): the opening handshake and its
refusals, frames sent right after the head, control frames, fragmentation, every protocol error
with its close code, the closing handshake, a slow head, a peer that stops reading, and an
upgrade on a reused HTTP connection (served by Qt's WebSocket instead)."""
import base64
import hashlib
import json
import os
import socket
import struct
import sys
import time
import unittest

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from serverprocess import ConformanceServerCase, ServerProcess, binary  # noqa: E402

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

# The portable build (CHATHOST_TRANSPORT=qt) serves every WebSocket with QtWebSockets behind Qt
# 6.4's HTTP server. Where that path still behaves differently, the test says so and skips (known
# gaps, listed in docs/reliability.md); everything else runs against both builds.
QT_PATH = os.environ.get("CHATHOST_TRANSPORT") == "qt"
QT_LOSES_PIPELINED_FRAMES = ("portable build: Qt 6.4's HTTP server does not pass a frame sent in "
                             "the same packet as the upgrade head on to the QWebSocket (a readyRead "
                             "announced on the child socket after the upgrade did not bring it)")


def frame(opcode, payload=b"", fin=True, mask=True, rsv=0, length=None):
    if isinstance(payload, str):
        payload = payload.encode()
    n = len(payload) if length is None else length
    head = bytes([(0x80 if fin else 0) | rsv | opcode])
    m = 0x80 if mask else 0
    if n < 126:
        head += bytes([m | n])
    elif n <= 0xFFFF:
        head += bytes([m | 126]) + struct.pack("!H", n)
    else:
        head += bytes([m | 127]) + struct.pack("!Q", n)
    if not mask:
        return head + payload
    key = os.urandom(4)
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


class Peer:
    """One TCP connection with a small WebSocket reader."""

    def __init__(self, port, source="127.0.0.1", host="127.0.0.1"):
        # source: the local address to connect from (another 127.x address is another machine).
        self.sock = socket.create_connection((host, port), timeout=5, source_address=(source, 0))
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data)

    def fill(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("connection closed")
            self.buf += chunk

    def read_head(self):
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("closed before the response head")
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode().split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
        return status, headers

    def read_body(self, headers):
        self.fill(int(headers.get("content-length", "0")))
        n = int(headers.get("content-length", "0"))
        body, self.buf = self.buf[:n], self.buf[n:]
        return body

    def read_frame(self):
        self.fill(2)
        b0, b1 = self.buf[0], self.buf[1]
        assert not (b1 & 0x80), "server frames must not be masked"
        n, pos = b1 & 0x7F, 2
        if n == 126:
            self.fill(4)
            n, pos = struct.unpack("!H", self.buf[2:4])[0], 4
        elif n == 127:
            self.fill(10)
            n, pos = struct.unpack("!Q", self.buf[2:10])[0], 10
        self.fill(pos + n)
        payload, self.buf = self.buf[pos:pos + n], self.buf[pos + n:]
        return b0 & 0x0F, bool(b0 & 0x80), payload

    def read_until(self, predicate, limit=50):
        """Frames until one matches; Engine.IO pings (the server's "2") are answered."""
        for _ in range(limit):
            op, fin, payload = self.read_frame()
            if op == 1 and payload == b"2":
                self.send(frame(1, "3"))
                continue
            if predicate(op, payload):
                return op, payload
        raise AssertionError("expected frame not seen")

    def at_eof(self, timeout=3):
        self.sock.settimeout(timeout)
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return True
        except (ConnectionResetError, socket.timeout):
            return False

    def close(self):
        self.sock.close()


def upgrade_head(query="EIO=4&transport=websocket", key=None, version="13", extra="",
                 path="/socket.io/"):
    key = key or base64.b64encode(os.urandom(16)).decode()
    return key, (f"GET {path}?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                 f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                 f"Sec-WebSocket-Version: {version}\r\n{extra}\r\n").encode()


class Transport(ConformanceServerCase):

    def open(self, pipelined=b""):
        peer = Peer(self.port)
        key, head = upgrade_head()
        peer.send(head + pipelined)
        status, headers = peer.read_head()
        self.assertEqual(status, 101)
        self.assertEqual(headers["upgrade"].lower(), "websocket")
        self.assertEqual(headers["connection"].lower(), "upgrade")
        accept = base64.b64encode(hashlib.sha1(key.encode() + GUID).digest()).decode()
        self.assertEqual(headers["sec-websocket-accept"], accept)
        op, fin, payload = peer.read_frame()
        self.assertEqual((op, fin), (1, True))
        self.assertTrue(payload.startswith(b"0{"), payload)
        self.assertEqual(json.loads(payload[1:])["upgrades"], [])
        self.addCleanup(peer.close)
        return peer

    def expect_close(self, peer, code):
        op, payload = peer.read_until(lambda op, p: op == 8)
        self.assertEqual(struct.unpack("!H", payload[:2])[0], code, payload)
        self.assertTrue(peer.at_eof(), "the server must end the connection after its close frame")

    def test_handshake_and_chat(self):
        peer = self.open()
        peer.send(frame(1, "40"))
        _, payload = peer.read_until(lambda op, p: p.startswith(b"40"))
        self.assertIn(b'"sid"', payload)
        peer.send(frame(1, '42["message","h\u00e9llo"]'))
        _, payload = peer.read_until(lambda op, p: p.startswith(b'42["message-back"'))
        self.assertEqual(json.loads(payload[2:]), ["message-back", "h\u00e9llo"])

    @unittest.skipIf(QT_PATH, QT_LOSES_PIPELINED_FRAMES)
    def test_frames_sent_with_the_head_are_kept(self):
        peer = self.open(pipelined=frame(1, "40"))
        _, payload = peer.read_until(lambda op, p: p.startswith(b"40"))
        self.assertIn(b'"sid"', payload)

    def test_ping_is_answered_with_pong(self):
        peer = self.open()
        peer.send(frame(9, b"are you there"))
        op, payload = peer.read_until(lambda op, p: op == 10)
        self.assertEqual(payload, b"are you there")

    def test_fragmented_message_with_control_frame_between(self):
        peer = self.open()
        peer.send(frame(1, "4", fin=False) + frame(9, b"x") + frame(0, "0", fin=True))
        seen = []
        peer.read_until(lambda op, p: seen.append((op, p)) or p.startswith(b"40"))
        self.assertIn((10, b"x"), seen)

    def test_binary_round_trip(self):
        peer = self.open()
        peer.send(frame(1, "40"))
        peer.read_until(lambda op, p: p.startswith(b"40"))
        blob = bytes(range(256)) * 300  # 76,800 bytes: the 64-bit length form both ways
        peer.send(frame(1, '451-["message",{"_placeholder":true,"num":0}]') + frame(2, blob))
        peer.read_until(lambda op, p: p.startswith(b"451-"))
        op, payload = peer.read_until(lambda op, p: op == 2)
        self.assertEqual(payload, blob)

    def test_protocol_errors_close_with_their_code(self):
        cases = [
            ("unmasked frame", frame(1, "3", mask=False), 1002),
            ("reserved bit", frame(1, "3", rsv=0x40), 1002),
            ("unknown opcode", frame(3, "x"), 1002),
            ("fragmented ping", frame(9, "x", fin=False), 1002),
            ("continuation first", frame(0, "x"), 1002),
            ("invalid UTF-8", frame(1, b"4\xff"), 1007),
            ("bad close code", frame(8, struct.pack("!H", 1005)), 1002),
            # Refused from the header alone: 2 MB is never sent.
            ("over maxPayload", frame(2, b"", length=2_000_000), 1009),
        ]
        for name, data, code in cases:
            with self.subTest(name):
                if QT_PATH and name == "unmasked frame":
                    self.skipTest("portable build: QWebSocket accepts unmasked client frames "
                                  "(no 1002); the session ends later at its ping timeout")
                peer = self.open()
                peer.send(data)
                self.expect_close(peer, code)

    def test_client_close_is_answered(self):
        peer = self.open()
        peer.send(frame(8, struct.pack("!H", 1000) + b"bye"))
        self.expect_close(peer, 1000)

    def test_engineio_parse_error_closes(self):
        peer = self.open()
        peer.send(frame(1, "9nonsense"))
        op, payload = peer.read_until(lambda op, p: op == 8)
        self.assertTrue(peer.at_eof())

    def test_handshake_refusals(self):
        cases = [
            (dict(version="8"), 426, "sec-websocket-version"),
            (dict(key="c2hvcnQ="), 400, None),
            (dict(query="EIO=3&transport=websocket"), 400, None),
            (dict(query="EIO=4&transport=websocket&sid=nope"), 400, None),
        ]
        for kwargs, status, header in cases:
            with self.subTest(kwargs=kwargs):
                peer = Peer(self.port)
                _, head = upgrade_head(**kwargs)
                peer.send(head)
                got, headers = peer.read_head()
                self.assertEqual(got, status)
                self.assertEqual(headers.get("connection", "").lower(), "close")
                if header:
                    self.assertEqual(headers[header], "13")
                body = peer.read_body(headers)
                self.assertTrue(body)
                self.assertTrue(peer.at_eof())
                peer.close()
        # Engine.IO's own errors keep their JSON body.
        peer = Peer(self.port)
        peer.send(upgrade_head(query="EIO=3&transport=websocket")[1])
        _, headers = peer.read_head()
        self.assertEqual(json.loads(peer.read_body(headers))["code"], 5)
        peer.close()

    def test_head_in_slow_pieces(self):
        peer = Peer(self.port)
        key, head = upgrade_head()
        for i in range(0, len(head), 40):
            peer.send(head[i:i + 40])
            time.sleep(0.05)
        status, headers = peer.read_head()
        self.assertEqual(status, 101)
        peer.close()

    def test_plain_http_still_served(self):
        peer = Peer(self.port)
        peer.send(b"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        status, headers = peer.read_head()
        self.assertEqual(status, 200)
        self.assertTrue(peer.read_body(headers).startswith(b"0{"))
        peer.close()

    def test_upgrade_on_a_reused_connection(self):
        # A GET first, then an upgrade on the same connection: Qt's server takes that one.
        peer = Peer(self.port)
        peer.send(b"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        status, headers = peer.read_head()
        self.assertEqual(status, 200)
        peer.read_body(headers)
        key, head = upgrade_head()
        peer.send(head)
        status, headers = peer.read_head()
        self.assertEqual(status, 101)
        op, fin, payload = peer.read_frame()
        self.assertTrue(payload.startswith(b"0{"))
        peer.send(frame(1, "40"))
        _, payload = peer.read_until(lambda op, p: p.startswith(b"40"))
        self.assertIn(b'"sid"', payload)
        peer.close()

    def test_peer_that_does_not_read_is_dropped(self):
        # Every message is echoed to its sender, who never reads: once 16 MB wait in the server
        # for this peer (past what the kernel buffers), the server lets it go.
        peer = self.open()
        peer.send(frame(1, "40"))
        peer.read_until(lambda op, p: p.startswith(b"40"))
        peer.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        # A binary attachment: echoed without JSON work, so this stays quick under sanitizers.
        message = frame(1, '451-["message",{"_placeholder":true,"num":0}]') + frame(2, b"x" * 900_000)
        sent = 0
        try:
            for _ in range(60):
                peer.send(message)
                sent += 1
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            pass
        # QtLink (portable build) drops at 4 MB: each of its peers holds its own copy.
        self.assertGreater(sent, 4 if QT_PATH else 16)
        # Reading now: what the kernel held arrives, then the end (no close frame: the queue
        # it would wait behind is what was dropped).
        peer.sock.settimeout(5)
        total = 0
        try:
            while True:
                chunk = peer.sock.recv(1 << 20)
                if not chunk:
                    break
                total += len(chunk)
        except ConnectionResetError:
            pass
        self.assertLess(total, sent * len(message))
        # The server is fine: a new connection chats.
        other = self.open()
        other.send(frame(1, "40"))
        other.read_until(lambda op, p: p.startswith(b"40"))

    def test_peer_that_never_answers_pings_is_dropped(self):
        peer = self.open()
        # pingInterval 300 + pingTimeout 200: gone well within two seconds.
        started = time.time()
        peer.sock.settimeout(3)
        data = b""
        while True:
            chunk = peer.sock.recv(65536)
            if not chunk:
                break
            data += chunk
        self.assertLess(time.time() - started, 2.0)
        self.assertIn(b"\x81\x012", data)  # the ping it did not answer
        self.assertIn(b"\x88", data)  # then a close frame


@unittest.skipUnless(socket.has_ipv6, "no IPv6 on this machine")
class OverIPv6(unittest.TestCase):
    """The same transport over ::1: the listener, the reactor and the upgrade take IPv6 peers
    (a server bound to all interfaces is dual-stack). The debug line of a protocol error is
    written by the own transport only, so it proves which path served the connection."""

    def setUp(self):
        env = dict(os.environ, QT_LOGGING_RULES="chathost.http.debug=true")
        self.server = ServerProcess(binary("CONFORMANCE_SERVER"), env=env)
        self.addCleanup(self.server.stop)
        try:
            probe = socket.create_connection(("::1", self.server.port), timeout=5)
            probe.close()
        except OSError as e:
            self.skipTest(f"::1 not reachable here: {e}")

    def open(self, pipelined=b""):
        peer = Peer(self.server.port, source="::1", host="::1")
        self.addCleanup(peer.close)
        _, head = upgrade_head()
        peer.send(head + pipelined)
        status, _ = peer.read_head()
        self.assertEqual(status, 101)
        op, _, payload = peer.read_frame()
        self.assertEqual(op, 1)
        self.assertTrue(payload.startswith(b"0{"), payload)
        return peer

    @unittest.skipIf(QT_PATH, QT_LOSES_PIPELINED_FRAMES)
    def test_chat_over_ipv6(self):
        peer = self.open(pipelined=frame(1, "40"))
        _, payload = peer.read_until(lambda op, p: p.startswith(b"40"))
        self.assertIn(b'"sid"', payload)
        peer.send(frame(1, '42["message","over ::1 \u00e9"]'))
        _, payload = peer.read_until(lambda op, p: p.startswith(b'42["message-back"'))
        self.assertEqual(json.loads(payload[2:]), ["message-back", "over ::1 \u00e9"])
        # Pings keep coming and are answered: the session lives on past a ping interval.
        pings, until = 0, time.monotonic() + 0.8
        while time.monotonic() < until:
            op, _, payload = peer.read_frame()
            if (op, payload) == (1, b"2"):
                pings += 1
                peer.send(frame(1, "3"))
        self.assertGreaterEqual(pings, 1)
        peer.send(frame(1, '42["message","still here"]'))
        _, payload = peer.read_until(lambda op, p: p.startswith(b'42["message-back"'))
        self.assertEqual(json.loads(payload[2:]), ["message-back", "still here"])

    @unittest.skipIf(os.environ.get("CHATHOST_TRANSPORT") == "qt",
                     "about the own epoll transport, which the portable build does not have")
    def test_protocol_error_is_handled_by_the_own_transport(self):
        peer = self.open()
        peer.send(frame(1, "40", mask=False))  # clients must mask: 1002
        op, payload = peer.read_until(lambda op, p: op == 8)
        self.assertEqual(struct.unpack("!H", payload[:2])[0], 1002, payload)
        self.assertTrue(peer.at_eof())
        self.server.stop()
        log = self.server.proc.stderr.read()
        self.assertIn("WebSocket protocol error, closing with", log)


@unittest.skipUnless(os.environ.get("CHATHOST_BIN"), "needs the chathost binary")
class Shutdown(unittest.TestCase):
    def test_shutdown_closes_websockets_cleanly(self):
        import signal
        import tempfile
        with tempfile.TemporaryDirectory() as data:
            server = ServerProcess(binary("CHATHOST_BIN"), "--headless", "--data-dir", data)
            try:
                peer = Peer(server.port)
                _, head = upgrade_head()
                peer.send(head)  # then the first frame after the 101 (see QT_LOSES_PIPELINED_FRAMES)
                self.assertEqual(peer.read_head()[0], 101)
                peer.send(frame(1, "40"))
                peer.read_until(lambda op, p: p.startswith(b"40"))
                server.proc.send_signal(signal.SIGTERM)
                # The close frame reaches the client before the connection ends.
                op, payload = peer.read_until(lambda op, p: op == 8)
                self.assertEqual(struct.unpack("!H", payload[:2])[0], 1000)
                self.assertTrue(peer.at_eof())
                self.assertEqual(server.proc.wait(10), 0)
                peer.close()
            finally:
                server.stop()


if __name__ == "__main__":
    unittest.main()
