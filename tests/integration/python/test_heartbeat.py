"""Heartbeats on time, measured from outside like the protocol's own test suites do (conformance
server: pingInterval 300, pingTimeout 200; the reference server fires each within a few ms).
Raw long-polling and raw WebSocket sessions, 9 repeats side by side (bench/heartbeat.py does the
measuring); medians with generous bounds, so a loaded machine does not make it flaky, but a
timer that is a tick late (50 ms) does not pass."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "bench"))
from serverprocess import ConformanceServerCase  # noqa: E402
import heartbeat  # noqa: E402

INTERVAL, TIMEOUT = 300, 200


class Heartbeat(ConformanceServerCase):
    def test_ping_and_timeout_instants(self):
        r = heartbeat.measure(self.port, repeats=9, interval=INTERVAL, timeout=TIMEOUT)
        print({k: (v["median"], v["p90"]) for k, v in r.items() if k != "retried"}, r["retried"],
              file=sys.stderr)
        for name in ("polling_first_ping", "polling_next_ping", "websocket_first_ping",
                     "websocket_next_ping"):
            with self.subTest(name):
                self.assertGreaterEqual(r[name]["median"], INTERVAL - 5, r[name])
                self.assertLessEqual(r[name]["median"], INTERVAL + 40, r[name])
        # An unanswered ping: the session is gone pingTimeout later (polling: a probe gets
        # 400 "Session ID unknown" from pingInterval + pingTimeout on, not before).
        self.assertGreaterEqual(r["polling_timeout"]["median"], INTERVAL + TIMEOUT - 5, r["polling_timeout"])
        self.assertLessEqual(r["polling_timeout"]["median"], INTERVAL + TIMEOUT + 60, r["polling_timeout"])
        self.assertGreaterEqual(r["websocket_timeout"]["median"], TIMEOUT - 5, r["websocket_timeout"])
        self.assertLessEqual(r["websocket_timeout"]["median"], TIMEOUT + 60, r["websocket_timeout"])


if __name__ == "__main__":
    unittest.main()
