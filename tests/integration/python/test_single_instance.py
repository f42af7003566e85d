"""The real chathost window started twice (under Xvfb or offscreen): the second start with the same
port and data folder asks the first to show its window, prints why and exits 0 without touching
the port or the data; another data folder starts its own; after the first stops, a new start on the
same port and folder runs normally (the socket was cleaned up). The local socket itself:
tst_singleinstance."""
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from serverprocess import ServerProcess, binary  # noqa: E402
from test_windowed_options import windowed_environment  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SingleInstanceTest(unittest.TestCase):
    def setUp(self):
        home = tempfile.TemporaryDirectory()
        self.addCleanup(home.cleanup)
        self.home = home.name
        self.env = windowed_environment(self.home)
        self.port = free_port()
        self.data = os.path.join(self.home, "data")

    def window(self, data):
        """A chathost window whose output is collected (wait for it with .listening)."""
        w = ServerProcess(binary("CHATHOST_BIN"), "--bind", "127.0.0.1", "--data-dir", data,
                          port=self.port, wait=None, stdin=subprocess.DEVNULL,
                          stderr=subprocess.STDOUT, env=self.env)
        self.addCleanup(w.stop)
        return w

    def test_second_start_brings_the_first_to_the_front(self):
        first = self.window(self.data)
        self.assertTrue(first.listening.wait(20), "".join(first.output))

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
        self.assertIsNone(other.proc.poll(), "".join(other.output))
        self.assertNotIn("already runs", "".join(other.output))
        other.stop()

        # Once the first has stopped, the same port and folder start normally again.
        first.stop()
        again = self.window(self.data)
        self.assertTrue(again.listening.wait(20), "".join(again.output))


if __name__ == "__main__":
    unittest.main()
