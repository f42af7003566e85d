"""Starts a server binary and reads its port from the "listening on" line (port 0 by default)."""
import os
import re
import signal
import subprocess
import tempfile
import threading
import time
import unittest


class ServerProcess:
    """The server as a child process, its standard output collected line by line in `output`.

    port: the port to ask for (0: any free one; the real one is read from the listening line).
    wait: seconds to wait for the listening line (RuntimeError if none came); None returns at once
    (wait with `listening`, an Event). stdin: True opens a pipe for console commands (command());
    None inherits the test's, or as subprocess.Popen's (subprocess.DEVNULL).
    stderr: where the server's errors go (a pipe by default; subprocess.DEVNULL, STDOUT).
    read_output: False stops reading standard output after the listening line, so that a test can
    leave the pipe unread (or close it) and read the rest itself from proc.stdout."""

    def __init__(self, binary, *args, env=None, port=0, wait=10, stdin=None,
                 stderr=subprocess.PIPE, read_output=True):
        self.proc = subprocess.Popen([binary, *args, "--port", str(port)], stdout=subprocess.PIPE,
                                     stderr=stderr,
                                     stdin=subprocess.PIPE if stdin is True else stdin,
                                     text=True, encoding="utf-8", errors="replace", env=env)
        self.output = []
        self.listening = threading.Event()
        self.port = None
        self.url = None

        def read():
            for line in self.proc.stdout:
                self.output.append(line)
                m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
                if m and self.port is None:
                    self.port = int(m.group(1))
                    self.url = f"http://127.0.0.1:{self.port}"
                    self.listening.set()
                    if not read_output:
                        return

        self.reader = threading.Thread(target=read, daemon=True)
        self.reader.start()
        if wait is None:
            return
        if not self.listening.wait(wait):
            self.proc.kill()
            errors = self.proc.stderr.read() if self.proc.stderr else ""
            raise RuntimeError(f"{binary} printed no listening line: {''.join(self.output)} {errors}")
        if not read_output:
            self.reader.join(5)  # proc.stdout is the test's from here on

    def command(self, line):
        """Types a console command (needs stdin=True)."""
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def wait_line(self, pattern, timeout=5):
        """The first output line so far matching pattern (a regex), waiting up to timeout seconds
        for it; None if none came."""
        deadline = time.monotonic() + timeout
        while True:
            for line in list(self.output):
                if re.search(pattern, line):
                    return line
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.02)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


class ConformanceServerCase(unittest.TestCase):
    """Tests against one conformance server for the whole class (cls.server, cls.port)."""

    @classmethod
    def setUpClass(cls):
        cls.server = ServerProcess(binary("CONFORMANCE_SERVER"))
        cls.port = cls.server.port

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()


class AbuseServerCase(unittest.TestCase):
    """One headless ChatHost for the whole class, with the per-address and rate limits opened
    (the attacks come from one loopback address), that must outlive every test."""

    data_prefix = "chathost-abuse-"

    @classmethod
    def setUpClass(cls):
        cls.data = tempfile.mkdtemp(prefix=cls.data_prefix)
        cls.server = ServerProcess(binary("CHATHOST_BIN"), "--headless", "--data-dir", cls.data,
                                   "--rate", "0/1", "--max-per-address", "1000",
                                   "--connect-rate-per-address", "0/1",
                                   "--max-length", "100000")
        cls.port = cls.server.port

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def tearDown(self):
        self.assertIsNone(self.server.proc.poll(), "the server died")

    def rss_mb(self):
        with open(f"/proc/{self.server.proc.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0


def binary(name):
    path = os.environ.get(name)
    if not path:
        raise RuntimeError(f"{name} must be set")
    return path
