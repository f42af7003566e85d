"""Starts a server binary on port 0 and reads its port from the "listening on" line."""
import os
import re
import signal
import subprocess
import threading
import unittest


class ServerProcess:
    def __init__(self, binary, *args, env=None):
        self.proc = subprocess.Popen([binary, *args, "--port", "0"], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=env)
        self.output = []
        found = threading.Event()
        self.port = None

        def read():
            for line in self.proc.stdout:
                self.output.append(line)
                m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
                if m and self.port is None:
                    self.port = int(m.group(1))
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(10):
            self.proc.kill()
            raise RuntimeError(f"{binary} printed no listening line: {self.proc.stderr.read()}")
        self.url = f"http://127.0.0.1:{self.port}"

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


def binary(name):
    path = os.environ.get(name)
    if not path:
        raise RuntimeError(f"{name} must be set")
    return path
