"""Headless output from outside: what people write cannot drive the host's terminal (escape
sequences, forged lines), and a standard output nobody reads does not stall the server (it used
to block in write() once the pipe's 64 KB were full, and every client with it)."""
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

import socketio

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from serverprocess import ServerProcess  # noqa: E402

BIN = os.environ.get("CHATHOST_BIN")


@unittest.skipUnless(BIN, "needs the chathost binary")
class HeadlessOutput(unittest.TestCase):
    def setUp(self):
        self.data = tempfile.TemporaryDirectory()
        self.addCleanup(self.data.cleanup)
        # stdout is a pipe this test does not read while the chat goes on.
        self.server = ServerProcess(BIN, "--headless", "--data-dir", self.data.name,
                                    "--rate", "0/1", "--rate-per-address", "0/1",
                                    stdin=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                    read_output=False)
        self.addCleanup(self.server.stop)
        self.proc = self.server.proc
        self.port = self.server.port
        self.url = self.server.url

    def client(self, name):
        c = socketio.Client(reconnection=False, request_timeout=5)
        c.connect(self.url, auth={"nickname": name}, transports=["websocket"], wait_timeout=5)
        self.addCleanup(c.disconnect)
        return c

    def test_unread_stdout_does_not_stall_and_escapes_are_shown_as_text(self):
        writer = self.client("Mallory")
        # 400 messages of about 1.9 KB: 760 KB of log lines, far past a pipe's 64 KB.
        evil = "\x1b[2J\x1b]0;pwned\x07\n12:00:00 <Host> forged " + "x" * 1850
        for _ in range(400):
            writer.emit("chat message", evil)
        time.sleep(1.0)
        # The server still answers while nobody reads its output.
        started = time.monotonic()
        with urllib.request.urlopen(self.url + "/", timeout=5) as reply:
            self.assertEqual(reply.status, 200)
        self.assertLess(time.monotonic() - started, 2.0)
        seen = []
        reader = self.client("Reader")
        reader.on("chat message", lambda *a: seen.append(a))
        writer.emit("chat message", "still here")
        deadline = time.monotonic() + 5
        while not any("still here" in str(a) for a in seen) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertTrue(any("still here" in str(a) for a in seen), "the chat stalled")
        # SIGTERM still ends it promptly, its output unread (the goodbye is queued, not written
        # on the event loop); then read what was written: escapes and newlines arrive as U+FFFD.
        self.proc.terminate()
        started = time.monotonic()
        out = self.proc.stdout.read()
        self.proc.wait(10)
        self.assertLess(time.monotonic() - started, 5.0)
        self.assertIn("forged", out)
        self.assertNotIn("\x1b", out)
        self.assertNotIn("\x07", out)
        self.assertIsNone(re.search(r"^12:00:00 <Host> forged", out, re.M), "a forged line")
        self.assertIn("\ufffd[2J", out)

    def test_a_reader_that_goes_away_does_not_kill_the_server(self):
        self.proc.stdout.close()  # the log's reader is gone: the next line meets EPIPE
        writer = self.client("Ann")
        for i in range(20):
            writer.emit("chat message", f"line {i}")
        time.sleep(1.0)
        self.assertIsNone(self.proc.poll(), "the server died of SIGPIPE")
        with urllib.request.urlopen(self.url + "/", timeout=5) as reply:
            self.assertEqual(reply.status, 200)


if __name__ == "__main__":
    unittest.main()
