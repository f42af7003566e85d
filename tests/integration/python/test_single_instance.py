"""The real chathost window started twice (under Xvfb or offscreen): the second start with the same
port and data folder asks the first to show its window, prints why and exits 0 without touching
the port or the data; another data folder starts its own; after the first stops, a new start on the
same port and folder runs normally (the socket was cleaned up). The local socket itself:
tst_singleinstance."""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from serverprocess import binary  # noqa: E402
from test_windowed_options import windowed_environment  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Window:
    """A chathost window whose output is collected; waits for its listening line."""

    def __init__(self, env, port, data):
        self.proc = subprocess.Popen(
            [binary("CHATHOST_BIN"), "--port", str(port), "--bind", "127.0.0.1", "--data-dir", data],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
            env=env)
        self.lines = []
        self.listening = threading.Event()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        for line in self.proc.stdout:
            self.lines.append(line)
            if re.search(r"listening on http://127\.0\.0\.1:\d+", line):
                self.listening.set()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()


class SingleInstanceTest(unittest.TestCase):
    def setUp(self):
        home = tempfile.TemporaryDirectory()
        self.addCleanup(home.cleanup)
        self.home = home.name
        self.env = windowed_environment(self.home)
        self.port = free_port()
        self.data = os.path.join(self.home, "data")

    def window(self, data):
        w = Window(self.env, self.port, data)
        self.addCleanup(w.stop)
        return w

    def test_second_start_brings_the_first_to_the_front(self):
        first = self.window(self.data)
        self.assertTrue(first.listening.wait(20), "".join(first.lines))

        second = subprocess.run(
            [binary("CHATHOST_BIN"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--data-dir", self.data + "/"],  # the same folder, spelled differently
            capture_output=True, text=True, env=self.env, timeout=30)
        self.assertEqual(second.returncode, 0, second.stdout + second.stderr)
        self.assertIn(f"ChatHost already runs on port {self.port}", second.stdout)
        self.assertIn("brought to the front", second.stdout)
        self.assertNotIn("listening on", second.stdout)
        self.assertIsNone(first.proc.poll(), "the first window went away")

        # Another data folder on the same port is another ChatHost: it starts (its window then
        # says the port is taken) instead of handing over.
        other = self.window(os.path.join(self.home, "other"))
        time.sleep(3)
        self.assertIsNone(other.proc.poll(), "".join(other.lines))
        self.assertNotIn("already runs", "".join(other.lines))
        other.stop()

        # Once the first has stopped, the same port and folder start normally again.
        first.stop()
        again = self.window(self.data)
        self.assertTrue(again.listening.wait(20), "".join(again.lines))


if __name__ == "__main__":
    unittest.main()
