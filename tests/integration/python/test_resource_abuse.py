"""Input that costs the sender little and the server much, against chathost --headless with the
default maxPayload (1 MB), measuring the server's memory (VmRSS) and how long another client
waits: wide JSON objects (parsed in linear time, refused past the member cap), binary packets
that never get their last attachment (dropped after the attachment timeout, capped in bytes), and
a polling session that never fetches what it is sent (closed past the queue cap)."""
import base64
import http.client
import json
import queue
import socket
import sys
import threading
import time
import unittest

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import socketio  # noqa: E402
import websocket  # noqa: E402

from serverprocess import AbuseServerCase, binary  # noqa: E402

ATTACHMENT_TIMEOUT = 10.0  # SocketIO::Options::attachmentTimeout
RS = "\x1e"


def wide_object(keys):
    """{"k00000":0,...}: 80,000 keys make the 869 KB object of issue 10.1."""
    return "{" + ",".join(f'"k{i:05d}":0' for i in range(keys)) + "}"


class Polling:
    """A raw Engine.IO polling session over one keep-alive connection per direction."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.conn.request("GET", "/socket.io/?EIO=4&transport=polling")
        self.sid = json.loads(self.conn.getresponse().read()[1:])["sid"]
        self.path = f"/socket.io/?EIO=4&transport=polling&sid={self.sid}"

    def post(self, body):
        self.conn.request("POST", self.path, body=body.encode() if isinstance(body, str) else body)
        response = self.conn.getresponse()
        return response.status, response.read()

    def get(self, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", self.path)
            response = conn.getresponse()
            return response.status, response.read().decode()
        finally:
            conn.close()

    def close(self):
        self.conn.close()

    def join(self):
        self.post("40")
        status, body = self.get()
        assert status == 200 and body.startswith("40{"), body

    def wait_closed(self, deadline):
        """GETs (answering pings) until the server ends the session; returns when it did."""
        while time.time() < deadline:
            status, body = self.get(timeout=max(1, deadline - time.time()))
            if status != 200 or "1" in body.split(RS):
                return time.time()
            if "2" in body.split(RS):
                self.post("3")
        return None


class LatencyProbe:
    """Another client: asks for the page every 20 ms and records the slowest answer."""

    def __init__(self, port):
        self.port = port
        self.worst = 0.0
        self.answers = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while not self.stop.is_set():
            started = time.time()
            conn.request("GET", "/")
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                self.answers += 1
            self.worst = max(self.worst, time.time() - started)
            time.sleep(0.02)
        conn.close()

    def finish(self):
        self.stop.set()
        self.thread.join(65)
        return self.worst


class ResourceAbuse(AbuseServerCase):
    data_prefix = "chathost-resources-"

    def ws(self):
        ws = websocket.create_connection(f"ws://127.0.0.1:{self.port}/socket.io/?EIO=4&transport=websocket",
                                         timeout=5)
        ws.recv()
        ws.send("40")
        while not ws.recv().startswith("40"):
            pass
        return ws

    def ws_closed_by(self, ws, deadline):
        """Reads (answering pings) until the server closes; returns when it did, or None."""
        while time.time() < deadline:
            ws.settimeout(max(0.1, deadline - time.time()))
            try:
                message = ws.recv()
            except (websocket.WebSocketConnectionClosedException, ConnectionError):
                return time.time()
            except websocket.WebSocketTimeoutException:
                return None
            if message in ("", None):
                return time.time()
            if message == "2":
                ws.send("3")
        return None

    def test_wide_json_object_neither_stalls_nor_passes(self):
        auth = wide_object(80000)
        self.assertGreater(len(auth), 860000)
        self.assertLess(len(auth) + 40, 1000000)  # under maxPayload: the parser must cope
        probe = LatencyProbe(self.port)
        try:
            for _ in range(3):
                # As the CONNECT auth, before any password or ban check...
                session = Polling(self.port)
                self.assertEqual(session.post("40" + auth)[0], 200)
                self.assertIsNotNone(session.wait_closed(time.time() + 5), "the session stayed open")
                session.close()
                # ...and as a chat message argument of a joined session.
                session = Polling(self.port)
                session.join()
                self.assertEqual(session.post('42["chat message",' + auth + "]")[0], 200)
                self.assertIsNotNone(session.wait_closed(time.time() + 5), "the session stayed open")
                session.close()
        finally:
            worst = probe.finish()
        print(f"\nwide JSON: another client's slowest answer {worst * 1000:.0f} ms "
              f"({probe.answers} answers)", file=sys.stderr)
        self.assertLess(worst, 1.0)

    def test_long_query_refused(self):
        # A handshake keeps its query for the session's life: 100 parameters or 8 KB are refused.
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            for extra, status in [("&a=1" * 10, 200), ("&a=1" * 100, 400), ("&a=" + "x" * 9000, 400)]:
                with self.subTest(extra=extra[:12], length=len(extra)):
                    conn.request("GET", "/socket.io/?EIO=4&transport=polling" + extra)
                    response = conn.getresponse()
                    response.read()
                    self.assertEqual(response.status, status)
        finally:
            conn.close()
        with self.assertRaises(websocket.WebSocketBadStatusException):
            websocket.create_connection(f"ws://127.0.0.1:{self.port}/socket.io/?EIO=4&transport=websocket"
                                        + "&a=1" * 100, timeout=5)

    def test_large_auth_is_not_kept(self):
        # The auth is kept for the socket's life: 200 connections with 990 KB each held 386 MB.
        before = self.rss_mb()
        auth = '{"nickname":"x","pad":"' + "a" * 990000 + '"}'
        for _ in range(50):
            ws = websocket.create_connection(f"ws://127.0.0.1:{self.port}/socket.io/?EIO=4&transport=websocket",
                                             timeout=5)
            ws.recv()
            ws.send("40" + auth)
            self.assertIsNotNone(self.ws_closed_by(ws, time.time() + 5), "a 990 KB auth was accepted")
            ws.close()
        print(f"\n50 CONNECTs with a 990 KB auth: VmRSS {before:.0f} -> {self.rss_mb():.0f} MB", file=sys.stderr)
        self.assertLess(self.rss_mb() - before, 50)
        # A real auth still gets in.
        client = socketio.Client(reconnection=False)
        client.connect(self.server.url, transports=["websocket"], auth={"nickname": "Real", "password": "p" * 200},
                       wait_timeout=5)
        self.assertTrue(client.connected)
        client.disconnect()

    def partial_binary_header(self, count):
        placeholders = ",".join(f'{{"_placeholder":true,"num":{i}}}' for i in range(count))
        return f'45{count}-["chat message",[{placeholders}]]'

    def test_partial_binary_packet_over_websocket_is_dropped(self):
        ws = self.ws()
        ws.send(self.partial_binary_header(10))
        for _ in range(9):  # 9 of 10 attachments, 900 KB together: under the byte cap
            ws.send_binary(b"\x00" * 100000)
        started = time.time()
        closed = self.ws_closed_by(ws, started + ATTACHMENT_TIMEOUT + 5)
        self.assertIsNotNone(closed, "a packet missing an attachment was held past the timeout")
        print(f"\nWebSocket partial binary packet dropped after {closed - started:.1f} s", file=sys.stderr)
        self.assertGreater(closed - started, ATTACHMENT_TIMEOUT - 1.5)

    def test_partial_binary_packet_over_polling_is_dropped(self):
        session = Polling(self.port)
        session.join()
        attachments = RS.join("b" + base64.b64encode(b"\x01" * 70000).decode() for _ in range(9))
        self.assertEqual(session.post(self.partial_binary_header(10) + RS + attachments)[0], 200)
        started = time.time()
        closed = session.wait_closed(started + ATTACHMENT_TIMEOUT + 5)
        self.assertIsNotNone(closed, "a packet missing an attachment was held past the timeout")
        print(f"\npolling partial binary packet dropped after {closed - started:.1f} s", file=sys.stderr)
        self.assertGreater(closed - started, ATTACHMENT_TIMEOUT - 1.5)

    def test_attachments_are_capped_at_max_payload_and_memory_stays_bounded(self):
        before = self.rss_mb()
        clients = []
        for _ in range(100):  # each announces 10 attachments of 990 KB (9.9 MB in all)
            ws = self.ws()
            ws.send(self.partial_binary_header(10))
            try:
                for _ in range(9):
                    ws.send_binary(b"\x02" * 990000)
            except (websocket.WebSocketConnectionClosedException, ConnectionError, BrokenPipeError):
                pass
            clients.append(ws)
        peak = self.rss_mb()
        for ws in clients:  # closed at the second attachment, long before the timeout
            self.assertIsNotNone(self.ws_closed_by(ws, time.time() + 2))
        print(f"\n100 clients sending 9 of 10 attachments of 990 KB: VmRSS {before:.0f} -> {peak:.0f} MB",
              file=sys.stderr)
        self.assertLess(peak - before, 150)
        # Honest binary still goes through.
        got = queue.Queue()
        client = socketio.Client(reconnection=False)
        client.on("chat error", lambda e: got.put(e))
        client.connect(self.server.url, transports=["websocket"], wait_timeout=5)
        try:
            client.emit("chat message", b"\x00" * 500000)
            self.assertEqual(got.get(timeout=5)["code"], "not-text")  # refused as not text, connection kept
            self.assertTrue(client.connected)
        finally:
            client.disconnect()

    def test_catch_up_for_a_reader_that_never_reads_is_bounded(self):
        # Messages whose JSON is six times their text (control characters are escaped), then
        # 60 WebSocket connections that each ask for everything since id 0 and never read.
        writer = socketio.Client(reconnection=False)
        writer.connect(self.server.url, transports=["websocket"], wait_timeout=5)
        try:
            # 240 of 8,000 characters: about 11.5 MB of JSON, under the 16 MB a WebSocket peer
            # may leave unread, so that nothing but the catch-up cap bounds it.
            for i in range(240):
                writer.call("chat message", f"{i:04d}" + "\x01" * 7996, timeout=5)
        finally:
            writer.disconnect()
        before = self.rss_mb()
        url = f"ws://127.0.0.1:{self.port}/socket.io/?EIO=4&transport=websocket"
        readers = []
        try:
            probe = LatencyProbe(self.port)
            for _ in range(60):
                ws = websocket.create_connection(
                    url, timeout=5, sockopt=[(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)])
                ws.send('40{"lastId":0}')
                readers.append(ws)
            time.sleep(2)
            peak = self.rss_mb()
            worst = probe.finish()
            print(f"\n60 catch-ups of 240 escaped 8,000-character messages never read: VmRSS {before:.0f} -> "
                  f"{peak:.0f} MB; another client's slowest answer {worst * 1000:.0f} ms",
                  file=sys.stderr)
            # Each catch-up is at most about 1 MB of JSON (11.5 MB before the cap).
            self.assertLess(peak - before, 120)
            self.assertLess(worst, 1.0)
        finally:
            for ws in readers:
                ws.close()

    def test_polling_session_that_never_fetches_is_closed(self):
        # Somebody fills the history with long messages; an honest polling client reads along.
        honest = socketio.Client(reconnection=False)
        seen = queue.Queue()
        honest.on("chat message", lambda text, meta: meta["kind"] == "user" and seen.put(text))
        honest.connect(self.server.url, transports=["polling"], wait_timeout=5)
        writer = socketio.Client(reconnection=False)
        writer.connect(self.server.url, transports=["websocket"], wait_timeout=5)
        try:
            for i in range(100):
                writer.call("chat message", f"{i:04d}" + "w" * 1496, timeout=5)
            for i in range(100):
                self.assertTrue(seen.get(timeout=10).startswith(f"{i:04d}w"))
            # A polling session that joins, then never GETs again, and asks for the history again
            # and again (now refused after 5 in 10 s: small answers), while the room's broadcasts
            # (90 KB each) keep coming and pile up for it.
            hoarder = Polling(self.port)
            hoarder.join()
            before = self.rss_mb()
            closed_after = None
            for request in range(400):
                status, _ = hoarder.post(RS.join(f'42{request * 10 + k}["history",{{}}]' for k in range(10)))
                # Paced by the honest reader, so that only the hoarder falls behind.
                writer.call("chat message", f"{request:04d}" + "b" * 90000, timeout=5)
                self.assertTrue(seen.get(timeout=10).startswith(f"{request:04d}b"))
                if status != 200:
                    closed_after = request
                    break
            peak = self.rss_mb()
            print(f"\npolling session that never GETs: closed after {closed_after} POSTs of 10 history "
                  f"requests; VmRSS {before:.0f} -> {peak:.0f} MB", file=sys.stderr)
            self.assertIsNotNone(closed_after, "the session was never closed")
            self.assertLess(peak - before, 100)
            # The honest polling client got everything and is still here.
            writer.call("chat message", "last one", timeout=5)
            deadline = time.time() + 10
            while seen.get(timeout=max(0.1, deadline - time.time())) != "last one":
                pass
            self.assertTrue(honest.connected)
        finally:
            writer.disconnect()
            honest.disconnect()


if __name__ == "__main__":
    unittest.main()
