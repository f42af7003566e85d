#!/usr/bin/env python3
"""When do the Engine.IO deadlines fire, seen from outside? Raw HTTP long-polling and raw
WebSocket sessions against a server on 127.0.0.1 (by default the conformance server:
pingInterval 300, pingTimeout 200), repeated; prints the median and p90 of each instant in ms.

  polling first ping    handshake answered -> the held GET answered with "2"
  polling next ping     POST "3" (pong) answered -> the next held GET answered with "2"
  polling timeout       handshake answered -> first "400 Session ID unknown" to a POST "6"
                        (noop) probe, the client never polling nor answering the ping
  websocket first ping  open packet received -> "2" received
  websocket next ping   "3" sent -> next "2" received
  websocket timeout     unanswered "2" received -> the server closes the connection

The reference Node server gives 300 / 300 / 500 / 300 / 300 / 200 (+ a few ms).

  CONFORMANCE_SERVER=build/bin/conformance-server bench/heartbeat.py [--repeats 15] [--json F]
  bench/heartbeat.py --port 3000    (a server already listening on 127.0.0.1:3000)
"""
import argparse
import base64
import http.client
import json
import os
import platform
import socket
import statistics
import struct
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration", "python"))
from serverprocess import ServerProcess  # noqa: E402

PATH = "/engine.io/"  # the conformance server's raw Engine.IO echo server, as the suites use


def now_ms():
    return time.monotonic() * 1000.0


class Polling:
    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)

    def request(self, method, query, body=None):
        self.conn.request(method, f"{PATH}?EIO=4&transport=polling{query}", body=body,
                          headers={"Content-Type": "text/plain;charset=UTF-8"} if body else {})
        response = self.conn.getresponse()
        return response.status, response.read()

    def handshake(self):
        status, body = self.request("GET", "")
        assert status == 200 and body.startswith(b"0"), (status, body)
        self.sid = json.loads(body[1:])["sid"]
        return now_ms()

    def get(self):
        return self.request("GET", f"&sid={self.sid}")

    def post(self, payload):
        return self.request("POST", f"&sid={self.sid}", payload)

    def close(self):
        self.conn.close()


def polling_pings(port):
    """(first ping, next ping after a pong) in ms."""
    p = Polling(port)
    try:
        t0 = p.handshake()
        status, body = p.get()
        first = now_ms() - t0
        assert status == 200 and body == b"2", (status, body)
        status, body = p.post(b"3")
        assert status == 200, (status, body, now_ms() - t0 - first)
        tp = now_ms()
        status, body = p.get()
        nxt = now_ms() - tp
        assert status == 200 and body == b"2", (status, body)
        p.post(b"1")
        return first, nxt
    finally:
        p.close()


def polling_timeout(port, interval, timeout):
    """Handshake -> the first 400 to a noop POST, the client never polling."""
    p = Polling(port)
    try:
        t0 = p.handshake()
        time.sleep(max(0, (interval + timeout - 100) / 1000.0))
        deadline = t0 + 3 * (interval + timeout) + 1000
        while now_ms() < deadline:
            status, body = p.post(b"6")
            if status == 400:
                assert b"Session ID unknown" in body, body
                return now_ms() - t0
            time.sleep(0.002)
        raise AssertionError("the session never timed out")
    finally:
        p.close()


def ws_frame(text):
    payload = text.encode()
    key = os.urandom(4)
    return bytes([0x81, 0x80 | len(payload)]) + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


class WsPeer:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buf = b""
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {PATH}?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        while b"\r\n\r\n" not in self.buf:
            self.recv()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 101"), head

    def recv(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError
        self.buf += chunk

    def frame(self):
        """(opcode, payload); EOFError when the server closed the connection."""
        while len(self.buf) < 2:
            self.recv()
        n, pos = self.buf[1] & 0x7F, 2
        if n == 126:
            while len(self.buf) < 4:
                self.recv()
            n, pos = struct.unpack("!H", self.buf[2:4])[0], 4
        elif n == 127:
            while len(self.buf) < 10:
                self.recv()
            n, pos = struct.unpack("!Q", self.buf[2:10])[0], 10
        while len(self.buf) < pos + n:
            self.recv()
        op, payload = self.buf[0] & 0x0F, self.buf[pos:pos + n]
        self.buf = self.buf[pos + n:]
        return op, payload

    def close(self):
        self.sock.close()


def websocket_instants(port):
    """(first ping, next ping after a pong, close after an unanswered ping) in ms."""
    w = WsPeer(port)
    try:
        op, payload = w.frame()
        t0 = now_ms()
        assert op == 1 and payload.startswith(b"0"), payload
        op, payload = w.frame()
        first = now_ms() - t0
        assert payload == b"2", payload
        w.sock.sendall(ws_frame("3"))
        tp = now_ms()
        op, payload = w.frame()
        nxt = now_ms() - tp
        assert payload == b"2", payload
        tping = now_ms()
        try:
            while True:
                op, payload = w.frame()
                if op == 8:  # the close frame is the end, whatever follows
                    break
        except (EOFError, ConnectionResetError):
            pass
        return first, nxt, now_ms() - tping
    finally:
        w.close()


def summary(values):
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
    return {"median": round(statistics.median(values), 1), "p90": round(p90, 1),
            "min": round(values[0], 1), "max": round(values[-1], 1), "n": len(values)}


def measure(port, repeats=15, interval=300, timeout=200):
    """Runs the three kinds of session side by side until each has `repeats` samples; returns
    the summaries. A session spoilt by the machine rather than the server (e.g. the client
    stalled so long that its pong came after pingTimeout) is retried, at most `repeats` times
    in all, and counted in "retried"."""
    samples = {k: [] for k in ("polling_first_ping", "polling_next_ping", "polling_timeout",
                               "websocket_first_ping", "websocket_next_ping", "websocket_timeout")}
    errors = []

    def run(kind, fn, *args):
        try:
            values = fn(*args)
        except Exception as e:  # counted and reported, not swallowed
            errors.append(f"{kind}: {e!r}")
            return
        for name, value in zip(kinds[kind], values if isinstance(values, tuple) else (values,)):
            samples[name].append(value)

    kinds = {"pp": ("polling_first_ping", "polling_next_ping"), "pt": ("polling_timeout",),
             "ws": ("websocket_first_ping", "websocket_next_ping", "websocket_timeout")}
    jobs = {"pp": (polling_pings, port), "pt": (polling_timeout, port, interval, timeout),
            "ws": (websocket_instants, port)}
    while True:
        wanted = [k for k in kinds if len(samples[kinds[k][0]]) < repeats]
        if not wanted:
            break
        if len(errors) > repeats:
            raise AssertionError("too many spoilt sessions: " + "; ".join(errors))
        threads = [threading.Thread(target=run, args=(k, *jobs[k])) for k in wanted]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    result = {k: summary(v) for k, v in samples.items()}
    result["retried"] = {"n": len(errors), "why": errors}
    return result


def machine():
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, help="a server already listening on 127.0.0.1")
    ap.add_argument("--server", default=os.environ.get("CONFORMANCE_SERVER"),
                    help="server binary started on port 0 (default: $CONFORMANCE_SERVER)")
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--ping-interval", type=int, default=300)
    ap.add_argument("--ping-timeout", type=int, default=200)
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()
    server = None
    port = args.port
    if port is None:
        if not args.server:
            ap.error("--port or --server (or CONFORMANCE_SERVER) is needed")
        server = ServerProcess(args.server)
        port = server.port
    try:
        result = measure(port, args.repeats, args.ping_interval, args.ping_timeout)
    finally:
        if server:
            server.stop()
    print(f"machine: {machine()}")
    print(f"{'instant (ms)':24} {'median':>8} {'p90':>8} {'min':>8} {'max':>8}  n")
    for k, s in result.items():
        if k == "retried":
            print(f"retried sessions: {s['n']} {s['why']}")
            continue
        print(f"{k:24} {s['median']:8.1f} {s['p90']:8.1f} {s['min']:8.1f} {s['max']:8.1f}  {s['n']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": machine(), "results": result}, f, indent=1)


if __name__ == "__main__":
    main()
