"""Hostile input against chathost --headless, each case while a well-behaved client (the canary,
Debian's python-socketio) keeps chatting: malformed and truncated packets, invalid UTF-8, too
many attachments, oversize bodies and messages, deeply nested JSON, huge nicknames, slowloris,
many idle connections against the caps, unknown methods, a client that vanishes."""
import http.client
import json
import queue
import socket
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import socketio  # noqa: E402
import websocket  # noqa: E402

from serverprocess import ServerProcess, binary  # noqa: E402


class Canary:
    """A client that sends a message every 50 ms and checks each comes back."""

    def __init__(self, url):
        self.client = socketio.Client(reconnection=False)
        self.echoes = queue.Queue()
        self.client.on("chat message", lambda text, meta: self.echoes.put(text) if text.startswith("canary") else None)
        self.client.connect(url, transports=["websocket"], auth={"nickname": "Canary"}, wait_timeout=5)
        self.sent = 0

    def check(self):
        """Sends one and waits for it: the server still serves well-behaved clients."""
        self.sent += 1
        text = f"canary {self.sent}"
        self.client.emit("chat message", text)
        deadline = time.time() + 5
        while time.time() < deadline:
            try:
                if self.echoes.get(timeout=0.5) == text:
                    return True
            except queue.Empty:
                pass
        return False


class Abuse(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data = tempfile.mkdtemp(prefix="chathost-abuse-")
        cls.server = ServerProcess(binary("CHATHOST_BIN"), "--headless", "--data-dir", cls.data, "--rate", "0/1",
                                   "--max-payload", "100000", "--ping-interval", "1000", "--ping-timeout", "1000",
                                   "--max-per-address", "300", "--header-timeout", "1000",
                                   # hundreds of connections a second from 127.0.0.1 (the pace is
                                   # tested in test_address_limits.py)
                                   "--connect-rate-per-address", "0/1")
        cls.port = cls.server.port
        cls.canary = Canary(cls.server.url)

    @classmethod
    def tearDownClass(cls):
        cls.canary.client.disconnect()
        cls.server.stop()

    def tearDown(self):
        self.assertTrue(self.canary.check(), "the well-behaved client stopped being served")
        self.assertIsNone(self.server.proc.poll(), "the server died")

    def ws(self):
        ws = websocket.create_connection(f"ws://127.0.0.1:{self.port}/socket.io/?EIO=4&transport=websocket", timeout=5)
        ws.recv()
        ws.send("40")
        while True:
            m = ws.recv()
            if m.startswith("40"):
                return ws

    def assertClosed(self, ws):
        with self.assertRaises((websocket.WebSocketConnectionClosedException, ConnectionError, websocket.WebSocketTimeoutException)):
            for _ in range(50):
                if ws.recv() in ("", None):
                    raise websocket.WebSocketConnectionClosedException()

    def raw(self, data, read=True):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        s.sendall(data)
        out = b""
        if read:
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    out += chunk
                    if b"\r\n\r\n" in out:
                        break
            except socket.timeout:
                pass
        s.close()
        return out

    def test_malformed_and_truncated_packets(self):
        for bad in ['42["chat message"', '42["chat message",', "4", "42", '42[', '4/', '42["a"]]', "9", "", "42" + "[" * 5]:
            with self.subTest(packet=bad):
                ws = self.ws()
                ws.send(bad)
                self.assertClosed(ws)

    def test_invalid_utf8_text_frame(self):
        ws = self.ws()
        ws.send(b"42[\"chat message\",\"\xff\xfe\"]", opcode=websocket.ABNF.OPCODE_TEXT)
        self.assertClosed(ws)

    def test_too_many_attachments(self):
        for header in ["4511-", "54999-", "51-"]:
            ws = self.ws()
            ws.send(header + '["chat message",{"_placeholder":true,"num":0}]')
            ws.send("42[\"chat message\",\"text while attachments pending\"]")
            self.assertClosed(ws)

    def test_oversize_message_and_body(self):
        ws = self.ws()
        ws.send('42["chat message","' + "x" * 200000 + '"]')
        self.assertClosed(ws)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        conn.request("GET", "/socket.io/?EIO=4&transport=polling")
        sid = json.loads(conn.getresponse().read()[1:])["sid"]
        conn.request("POST", f"/socket.io/?EIO=4&transport=polling&sid={sid}", body=b"4" + b"x" * 200000)
        self.assertEqual(conn.getresponse().status, 413)
        conn.close()

    def test_deeply_nested_json(self):
        for depth in [200, 100000]:
            ws = self.ws()
            ws.send('42["chat message",' + "[" * depth + "]" * depth + "]")
            self.assertClosed(ws)

    def test_huge_and_hostile_nicknames(self):
        for nickname in ["n" * 90000, "\u202eevil", "host", "a\x00b"]:
            with self.subTest(nickname=nickname[:10]):
                client = socketio.Client(reconnection=False)
                errors = queue.Queue()
                welcome = queue.Queue()
                client.on("chat error", lambda e: errors.put(e))
                client.on("welcome", lambda w: welcome.put(w))
                client.connect(self.server.url, transports=["websocket"], auth={"nickname": nickname}, wait_timeout=5)
                try:
                    self.assertTrue(welcome.get(timeout=5)["nickname"].startswith("Guest-"))
                    self.assertTrue(errors.get(timeout=5)["code"].startswith("nickname-"))
                finally:
                    client.disconnect()

    def test_unknown_methods_and_garbage_requests(self):
        for request in [b"FOO / HTTP/1.1\r\nHost: x\r\n\r\n", b"DELETE /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n",
                        b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", b"\x16\x03\x01\x02\x00garbage\r\n\r\n"]:
            with self.subTest(request=request[:20]):
                answer = self.raw(request)
                self.assertNotIn(b"root:", answer)
                if answer:
                    self.assertRegex(answer.split(b"\r\n")[0], rb"^HTTP/1\.1 (400|403|404|405)")

    def test_slowloris_is_cut_off(self):
        sockets = []
        for _ in range(20):
            s = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # never finishes the head
            sockets.append(s)
        time.sleep(1.6)  # past the 1 s header timeout
        closed = 0
        for s in sockets:
            try:
                s.sendall(b"X-Slow: 1\r\n")
                s.settimeout(1)
                if s.recv(1) == b"":
                    closed += 1
            except (ConnectionError, socket.timeout, OSError):
                closed += 1
            s.close()
        self.assertEqual(closed, len(sockets))

    def test_connection_caps_refuse_clearly_then_recover(self):
        idle = []
        refused = 0
        for _ in range(400):  # the cap is 300 per address (a separate test holds thousands)
            s = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            idle.append(s)
        time.sleep(0.3)
        for s in idle:
            s.settimeout(0.05)
            try:
                data = s.recv(200)
                if data.startswith(b"HTTP/1.1 503"):
                    refused += 1
            except (socket.timeout, OSError):
                pass
        self.assertGreaterEqual(refused, 95)
        for s in idle:
            s.close()
        time.sleep(1.5)  # the idle ones are gone (closed or timed out)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        conn.request("GET", "/")
        self.assertEqual(conn.getresponse().status, 200)
        conn.close()

    def test_websocket_connections_give_their_slot_back(self):
        # Twice the per-address cap of WebSocket clients, one after the other, each closing in a
        # different way: every one frees its slot, so the next one (and the last) still gets in.
        for i in range(600):
            ws = self.ws()
            if i % 3 == 0:
                ws.close()  # closing handshake
            elif i % 3 == 1:
                ws.sock.close()  # plain TCP close
            else:
                ws.send("1")  # Engine.IO close packet
                ws.close()
        last = self.ws()
        last.send('42["chat message","still in"]')
        last.close()

    def test_thousands_of_half_open_connections_and_the_total_cap(self):
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
        # A second server with a total cap: 3000 connections that never send a byte.
        other = ServerProcess(binary("CHATHOST_BIN"), "--headless", "--data-dir", tempfile.mkdtemp(),
                              "--max-connections", "2000", "--max-per-address", "100000", "--header-timeout", "2000",
                              "--connect-rate-per-address", "0/1")
        sockets = []
        try:
            for _ in range(3000):
                sockets.append(socket.create_connection(("127.0.0.1", other.port), timeout=5))
            time.sleep(0.5)
            refused = 0
            for s in sockets:
                s.settimeout(0.01)
                try:
                    if s.recv(200).startswith(b"HTTP/1.1 503"):
                        refused += 1
                except (socket.timeout, OSError):
                    pass
            self.assertGreaterEqual(refused, 950)
            # Meanwhile a real client of that server is refused too (it is full), then gets in once
            # the half-open connections time out.
            time.sleep(2.5)
            conn = http.client.HTTPConnection("127.0.0.1", other.port, timeout=5)
            conn.request("GET", "/socket.io/?EIO=4&transport=polling")
            self.assertEqual(conn.getresponse().status, 200)
            conn.close()
        finally:
            for s in sockets:
                s.close()
            other.stop()
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    def test_vanished_client_leaves_within_heartbeat(self):
        watcher = socketio.Client(reconnection=False)
        left = queue.Queue()
        watcher.on("presence", lambda p: [left.put(name) for name in p.get("left", [])])
        watcher.connect(self.server.url, transports=["websocket"], auth={"nickname": "Watcher"}, wait_timeout=5)
        try:
            # A client that completes the handshake, then goes silent (network cut: no FIN).
            ws = websocket.create_connection(f"ws://127.0.0.1:{self.port}/socket.io/?EIO=4&transport=websocket", timeout=5)
            ws.recv()
            ws.send('40{"nickname":"Ghost"}')
            while not ws.recv().startswith("40"):
                pass
            started = time.time()
            while True:  # pings are not answered from now on
                name = left.get(timeout=5)
                if name == "Ghost":
                    break
            elapsed = time.time() - started
            # pingInterval + pingTimeout = 2 s, plus one presence batch (0.25 s)
            self.assertLess(elapsed, 2.0 + 0.25 + 0.5)
            ws.close()
        finally:
            watcher.disconnect()


if __name__ == "__main__":
    unittest.main()
