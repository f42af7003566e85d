"""Private messages from the headless host (/msg NAME TEXT, /private on|off) with python-socketio:
the host's message reaches that one person as a `private message` of kind host, nobody else; the
terminal shows every private message marked private; a client that only knows `chat message`
still chats."""
import os
import subprocess
import sys
import tempfile
import time
import unittest

import socketio

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from serverprocess import ServerProcess  # noqa: E402

BIN = os.environ.get("CHATHOST_BIN")


@unittest.skipUnless(BIN, "needs the chathost binary")
class HeadlessPrivate(unittest.TestCase):
    def setUp(self):
        self.data = tempfile.TemporaryDirectory()
        self.addCleanup(self.data.cleanup)
        self.server = ServerProcess(BIN, "--headless", "--data-dir", self.data.name,
                                    "--host-name", "Boss", stdin=True, stderr=subprocess.DEVNULL)
        self.addCleanup(self.server.stop)
        self.url = self.server.url

    def wait_line(self, pattern, timeout=5):
        # Any line written so far (the chat's lines and a command's answer come in either order).
        line = self.server.wait_line(pattern, timeout)
        if line is None:
            self.fail(f"no output line matching {pattern!r}")
        return line

    def command(self, line):
        self.server.command(line)

    def client(self, name):
        c = socketio.Client(reconnection=False, request_timeout=5)
        c.got = {"private": [], "chat": [], "welcome": []}
        c.on("private message", lambda text, meta: c.got["private"].append((text, meta)))
        c.on("chat message", lambda text, meta: c.got["chat"].append((text, meta)))
        c.on("welcome", lambda w: c.got["welcome"].append(w))
        c.connect(self.url, auth={"nickname": name}, transports=["websocket"], wait_timeout=5)
        self.addCleanup(c.disconnect)
        deadline = time.monotonic() + 5
        while not c.got["welcome"] and time.monotonic() < deadline:
            time.sleep(0.02)
        return c

    @staticmethod
    def wait(predicate, timeout=5):
        deadline = time.monotonic() + timeout
        while not predicate() and time.monotonic() < deadline:
            time.sleep(0.02)
        return predicate()

    def test_msg_reaches_one_person_and_the_terminal_marks_private_messages(self):
        ann = self.client("Ann")
        bob = self.client("Bob")
        plain = self.client("Plain")  # knows only `chat message`
        self.command("/msg Ann only for you")
        self.wait_line(r"Sent private message #\d+ to Ann\.")
        self.wait_line("\U0001F512 <Boss \u2192 Ann> only for you")
        self.assertTrue(self.wait(lambda: ann.got["private"]))
        text, meta = ann.got["private"][0]
        self.assertEqual(text, "only for you")
        self.assertEqual(meta["kind"], "host")
        self.assertEqual(meta["author"], "Boss")
        self.assertNotIn("authorId", meta)
        self.assertTrue(meta["private"])
        self.assertEqual(meta["to"]["nickname"], "Ann")
        # A person writes privately: the terminal shows it too, marked.
        ack = bob.call("private message", {"to": ann.got["welcome"][0]["userId"], "text": "psst"},
                       timeout=5)
        self.assertTrue(ack["ok"], ack)
        self.wait_line("\U0001F512 <Bob \u2192 Ann> psst")
        # The plain client chats and has seen none of it.
        self.assertTrue(plain.call("chat message", "plain hello", timeout=5)["ok"])
        self.assertTrue(self.wait(lambda: any(t == "plain hello" for t, _ in ann.got["chat"])))
        self.assertEqual(plain.got["private"], [])
        self.assertFalse(any("only for you" in t or "psst" in t for t, _ in plain.got["chat"]))
        self.assertEqual([t for t, _ in bob.got["private"]], ["psst"])
        history = plain.call("history", {"afterId": 0}, timeout=5)
        self.assertFalse(any(m.get("private") for m in history["messages"]))
        # /private off: people are refused, the host still writes.
        self.command("/private off")
        self.wait_line(r"Private messages are off")
        refused = bob.call("private message", {"to": ann.got["welcome"][0]["userId"], "text": "x"},
                           timeout=5)
        self.assertEqual(refused["error"]["code"], "private-off")
        self.command("/msg Bob still works")
        self.assertTrue(self.wait(lambda: any(t == "still works" for t, _ in bob.got["private"])))
        self.command("/msg Nobody hi")
        self.wait_line(r"Nobody called Nobody is connected")


if __name__ == "__main__":
    unittest.main()
