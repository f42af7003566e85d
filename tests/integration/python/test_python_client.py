"""Debian's python3-socketio client against the conformance and API test servers, over polling
and WebSocket: auth, events, acks both ways, binary, a large message, heartbeats, namespaces,
middleware and rooms."""
import queue
import sys
import time
import unittest

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import socketio  # noqa: E402

from serverprocess import ServerProcess, binary  # noqa: E402

TRANSPORTS = {"polling": ["polling"], "websocket": ["websocket"], "upgrade": ["polling", "websocket"]}


def make_client():
    return socketio.Client(reconnection=False, request_timeout=5)


class Base(unittest.TestCase):
    server_env = "CONFORMANCE_SERVER"

    @classmethod
    def setUpClass(cls):
        cls.server = ServerProcess(binary(cls.server_env))

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()


class ConformanceTests(Base):
    def test_auth_events_acks_binary(self):
        for name, transports in TRANSPORTS.items():
            with self.subTest(transport=name):
                got = queue.Queue()
                client = make_client()
                client.on("auth", lambda data: got.put(("auth", data)))
                client.on("message-back", lambda *args: got.put(("back", list(args))))
                client.connect(self.server.url, transports=transports, auth={"token": "py", "n": 2},
                               wait_timeout=5)
                try:
                    self.assertEqual(got.get(timeout=5), ("auth", {"token": "py", "n": 2}))
                    client.emit("message", (1, "2", {"a": [3, None, True]}, "ünï 😀"))
                    self.assertEqual(got.get(timeout=5), ("back", [1, "2", {"a": [3, None, True]}, "ünï 😀"]))
                    reply = client.call("message-with-ack", ("x", 42), timeout=5)
                    # python-socketio returns a tuple for several ack arguments
                    self.assertEqual(list(reply), ["x", 42])
                    client.emit("message", (b"\x00\x01\xff", {"inner": b"xyz"}))
                    kind, args = got.get(timeout=5)
                    self.assertEqual(args, [b"\x00\x01\xff", {"inner": b"xyz"}])
                    big = "y" * (200 * 1024)
                    client.emit("message", big)
                    self.assertEqual(got.get(timeout=5), ("back", [big]))
                    if name == "upgrade":
                        self.assertEqual(client.transport(), "websocket")
                    else:
                        self.assertEqual(client.transport(), transports[0])
                finally:
                    client.disconnect()

    def test_heartbeats(self):
        for name, transports in TRANSPORTS.items():
            with self.subTest(transport=name):
                got = queue.Queue()
                disconnects = []
                client = make_client()
                client.on("message-back", lambda *args: got.put(list(args)))
                client.on("disconnect", lambda: disconnects.append(True))
                client.connect(self.server.url, transports=transports, wait_timeout=5)
                try:
                    time.sleep(1.6)  # pingInterval 300 ms: several heartbeats
                    self.assertTrue(client.connected)
                    self.assertEqual(disconnects, [])
                    client.emit("message", "alive")
                    self.assertEqual(got.get(timeout=5), ["alive"])
                finally:
                    client.disconnect()

    def test_namespaces(self):
        for name, transports in TRANSPORTS.items():
            with self.subTest(transport=name):
                got = queue.Queue()
                client = make_client()
                client.on("auth", lambda data: got.put(data), namespace="/custom")
                client.connect(self.server.url, transports=transports, namespaces=["/", "/custom"],
                               auth={"k": "v"}, wait_timeout=5)
                try:
                    self.assertEqual(got.get(timeout=5), {"k": "v"})
                    self.assertIn("/custom", client.namespaces)
                finally:
                    client.disconnect()
                with self.assertRaises(socketio.exceptions.ConnectionError):
                    bad = make_client()
                    bad.connect(self.server.url, transports=transports, namespaces=["/nope"],
                                wait_timeout=3)


class ApiTests(Base):
    server_env = "SOCKETIO_TEST_SERVER"

    def test_server_to_client_ack(self):
        for name, transports in TRANSPORTS.items():
            with self.subTest(transport=name):
                got = queue.Queue()
                client = make_client()
                client.on("question", lambda a, b: ({"got": [a, b]}, b"bin"))
                client.on("answer", lambda *args: got.put(list(args)))
                client.connect(self.server.url, transports=transports, wait_timeout=5)
                try:
                    client.emit("ask", (2000, "q", 7))
                    self.assertEqual(got.get(timeout=5), [False, {"got": ["q", 7]}, b"bin"])
                finally:
                    client.disconnect()

    def test_middleware(self):
        for name, transports in TRANSPORTS.items():
            with self.subTest(transport=name):
                refused = make_client()
                errors = queue.Queue()
                refused.on("connect_error", lambda data: errors.put(data), namespace="/private")
                with self.assertRaises(socketio.exceptions.ConnectionError):
                    refused.connect(self.server.url, transports=transports, namespaces=["/private"],
                                    auth={"token": "wrong"}, wait_timeout=3)
                self.assertEqual(errors.get(timeout=5),
                                 {"message": "not authorized", "data": {"code": 401}})
                got = queue.Queue()
                allowed = make_client()
                allowed.on("welcome", lambda: got.put("welcome"), namespace="/private")
                allowed.connect(self.server.url, transports=transports, namespaces=["/private"],
                                auth={"token": "secret"}, wait_timeout=5)
                try:
                    self.assertEqual(got.get(timeout=5), "welcome")
                finally:
                    allowed.disconnect()

    def test_rooms(self):
        for name, transports in TRANSPORTS.items():
            with self.subTest(transport=name):
                got_a, got_b = queue.Queue(), queue.Queue()
                a, b = make_client(), make_client()
                a.on("room-message", lambda *args: got_a.put(list(args)))
                b.on("room-message", lambda *args: got_b.put(list(args)))
                a.connect(self.server.url, transports=transports, wait_timeout=5)
                b.connect(self.server.url, transports=transports, wait_timeout=5)
                try:
                    a.call("join", "py-room", timeout=5)
                    b.call("join", "py-room", timeout=5)
                    a.call("to-room", ("py-room", "hi"), timeout=5)
                    self.assertEqual(got_b.get(timeout=5), ["hi"])
                    time.sleep(0.2)
                    self.assertTrue(got_a.empty())
                finally:
                    a.disconnect()
                    b.disconnect()


class ChatHostTests(Base):
    server_env = "CHATHOST_BIN"

    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.data = tempfile.mkdtemp(prefix="chathost-py-")
        cls.server = ServerProcess(binary(cls.server_env), "--headless", "--data-dir", cls.data,
                                   "--ping-interval", "300", "--ping-timeout", "200")

    def test_tutorial_chat(self):
        for name, transports in TRANSPORTS.items():
            with self.subTest(transport=name):
                got_a, got_b = queue.Queue(), queue.Queue()
                a, b = make_client(), make_client()
                # Notices ("X joined") come as chat messages too: keep the users' ones.
                a.on("chat message", lambda text, meta: meta["kind"] == "user" and got_a.put(text))
                b.on("chat message", lambda text, meta: meta["kind"] == "user" and got_b.put(text))
                a.connect(self.server.url, transports=transports, wait_timeout=5)
                b.connect(self.server.url, transports=transports, wait_timeout=5)
                try:
                    a.emit("chat message", f"hello {name}")
                    self.assertEqual(got_a.get(timeout=5), f"hello {name}")
                    self.assertEqual(got_b.get(timeout=5), f"hello {name}")
                    time.sleep(1.0)
                    self.assertTrue(a.connected and b.connected)
                finally:
                    a.disconnect()
                    b.disconnect()

    def test_leading_bom_relayed_byte_for_byte(self):
        # A leading U+FEFF is part of the message: relayed live, kept in the history (SQLite took
        # it for a byte-order mark and dropped it), and in the catch-up on connect.
        for name, transports in TRANSPORTS.items():
            with self.subTest(transport=name):
                text = f"\ufeffhello {name}"
                other = f"\ufeff\ufeff{name}"
                got = queue.Queue()
                a = make_client()
                a.on("chat message", lambda t, meta: meta["kind"] == "user" and got.put(t))
                a.connect(self.server.url, transports=transports, wait_timeout=5)
                try:
                    for sent in (text, other):
                        self.assertTrue(a.call("chat message", sent, timeout=5)["ok"])
                        self.assertEqual(got.get(timeout=5), sent)
                    stored = [m["text"] for m in a.call("history", {}, timeout=5)["messages"]]
                    self.assertEqual(stored[-2:], [text, other])
                finally:
                    a.disconnect()
                history = queue.Queue()
                b = make_client()
                b.on("history", lambda h: history.put(h))
                b.connect(self.server.url, transports=transports, wait_timeout=5)
                try:
                    texts = [m["text"] for m in history.get(timeout=5)["messages"]]
                    self.assertEqual(texts[-2:], [text, other])
                finally:
                    b.disconnect()

    def test_plain_client_beside_replies_reactions_edits(self):
        # A client that only knows `chat message` keeps chatting while others reply, react and
        # edit: it gets nothing but events it can ignore (by name), and the replies still arrive
        # as chat messages with their text.
        plain, other = make_client(), make_client()
        texts, events = queue.Queue(), []
        plain.on("chat message", lambda t, meta: meta["kind"] == "user" and texts.put(t))
        plain.on("*", lambda event, *args: events.append(event))
        plain.connect(self.server.url, transports=["websocket"], wait_timeout=5)
        other.connect(self.server.url, transports=["websocket"], wait_timeout=5)
        try:
            plain.emit("chat message", "plain hello")
            self.assertEqual(texts.get(timeout=5), "plain hello")
            sent = other.call("chat message", "an answer", timeout=5)
            self.assertTrue(sent["ok"])
            self.assertEqual(texts.get(timeout=5), "an answer")
            reply = other.call("chat message", ("a reply", {"replyTo": sent["id"]}), timeout=5)
            self.assertTrue(reply["ok"], reply)
            self.assertEqual(texts.get(timeout=5), "a reply")
            self.assertTrue(other.call("react", {"id": sent["id"], "emoji": "\U0001F44D",
                                                 "on": True}, timeout=5)["ok"])
            self.assertTrue(other.call("edit message", {"id": sent["id"], "text": "edited"},
                                       timeout=5)["ok"])
            plain.emit("chat message", "still here")
            self.assertEqual(texts.get(timeout=5), "still here")
            self.assertTrue(plain.connected)
            for _ in range(50):  # the catch-all handler saw the new events too
                if {"reaction", "message edited"} <= set(events):
                    break
                time.sleep(0.1)
            self.assertIn("welcome", events)
            self.assertIn("reaction", events)
            self.assertLessEqual(set(events), {"welcome", "history", "presence", "reaction",
                                               "message edited", "typing"})
        finally:
            plain.disconnect()
            other.disconnect()


if __name__ == "__main__":
    unittest.main()
