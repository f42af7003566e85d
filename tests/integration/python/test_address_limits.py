"""One machine must not multiply the limits (issue 15), against chathost --headless over plain
sockets: 300 connections from one address sending 5 long messages each share one address's
message budget while a person on another address (127.0.0.2) keeps chatting; the default
per-address connection cap and the arrival pace answer with 503/429, Retry-After and a reason,
and the host's log says so once per address; the chat's per-address people cap answers a
Socket.IO connect with a code."""
import http.client
import json
import os
import re
import select
import socket
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from serverprocess import ServerProcess, binary  # noqa: E402
from test_websocket_transport import Peer, frame, upgrade_head  # noqa: E402

OTHER = "127.0.0.2"  # another machine on the LAN, as far as the server can tell


def loopback_alias_works():
    try:
        s = socket.socket()
        s.bind((OTHER, 0))
        s.close()
        return True
    except OSError:
        return False


def chat_peer(port, nickname=None, source="127.0.0.1"):
    """A Socket.IO client over ChatHost's WebSocket transport, connected to the chat."""
    peer = Peer(port, source)
    _, head = upgrade_head()
    auth = json.dumps({"nickname": nickname}) if nickname else ""
    peer.send(head)
    status, _ = peer.read_head()
    if status != 101:
        raise AssertionError(f"upgrade refused with {status}")
    # After the 101, not with the head: the portable build does not read a frame sent with it.
    peer.send(frame(1, "40" + auth))
    peer.read_until(lambda op, p: p.startswith(b"40"), limit=20)
    return peer


def ack_of(payload):
    m = re.match(rb"43(\d+)(\[.*)", payload, re.S)
    return (int(m.group(1)), json.loads(m.group(2))[0]) if m else None


def start(*args):
    data = tempfile.mkdtemp(prefix="chathost-address-")
    return ServerProcess(binary("CHATHOST_BIN"), "--headless", "--data-dir", data, *args)


def raw_connections(port, count, request=b""):
    """count TCP connections opened as fast as possible from 127.0.0.1."""
    out = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        if request:
            s.sendall(request)
        out.append(s)
    return out


def parse_response(data):
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode(errors="replace").split("\r\n")
    status = int(lines[0].split(" ")[1]) if lines[0].startswith("HTTP/1.1 ") else 0
    headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:] if ":" in l)}
    return status, headers, body


def complete(data):
    head, sep, body = data.partition(b"\r\n\r\n")
    m = re.search(rb"(?i)content-length: *(\d+)", head)
    return bool(sep) and m is not None and len(body) >= int(m.group(1))


def responses(sockets, seconds):
    """What each socket received until it was closed, or for at most seconds in all."""
    data = {s: b"" for s in sockets}
    open_ = set(sockets)
    deadline = time.time() + seconds
    while open_ and time.time() < deadline:
        ready, _, _ = select.select(list(open_), [], [], max(0.0, deadline - time.time()))
        for s in ready:
            try:
                chunk = s.recv(65536)
            except OSError:
                chunk = b""
            if chunk:
                data[s] += chunk
                if complete(data[s]):
                    open_.discard(s)
            else:
                open_.discard(s)
    return [parse_response(data[s]) for s in sockets]


def count_lines(server, pattern):
    return sum(1 for line in list(server.output) if re.search(pattern, line))


def get_from_other_address(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(OTHER, 0))
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    status, _, _ = responses([s], 5)[0]
    s.close()
    return status


@unittest.skipUnless(os.environ.get("CHATHOST_BIN"), "needs the chathost binary")
@unittest.skipUnless(loopback_alias_works(), "needs 127.0.0.2 on the loopback interface")
class AddressLimits(unittest.TestCase):

    def test_one_address_shares_one_message_budget(self):
        # The scenario: 300 guests from one machine, 5 messages of 1,900 characters each,
        # each within its own per-person limit (5/5 s). The cap is raised explicitly so that all
        # 300 get in; the message budget of the address (default 10 x 5 per 5 s) is not.
        server = start("--max-per-address", "400", "--connect-rate-per-address", "0/1")
        peers = []
        try:
            olga = chat_peer(server.port, "Olga", source=OTHER)
            seen = {"flood": 0}
            acks = {}
            stop = threading.Event()

            def read_olga():
                olga.sock.settimeout(0.2)
                while not stop.is_set():
                    try:
                        op, _, payload = olga.read_frame()
                    except (socket.timeout, TimeoutError):
                        continue
                    except (EOFError, OSError):
                        return
                    if payload == b"2":
                        olga.send(frame(1, "3"))
                    elif payload.startswith(b'42["chat message","flood'):
                        seen["flood"] += 1
                    elif ack_of(payload):
                        n, reply = ack_of(payload)
                        acks[n] = reply

            reader = threading.Thread(target=read_olga, daemon=True)
            reader.start()
            for _ in range(300):
                peers.append(chat_peer(server.port))
            text = "flood " + "x" * 1894  # 1,900 characters
            started = time.time()
            burst = b"".join(frame(1, f'42{i}["chat message","{text}"]') for i in range(1, 6))
            for p in peers:
                p.send(burst)
            # Olga keeps chatting meanwhile, and is never refused.
            for i in range(1, 6):
                olga.send(frame(1, f'42{i}["chat message","olga {i}"]'))
                time.sleep(0.1)
            deadline = time.time() + 10
            while len(acks) < 5 and time.time() < deadline:
                time.sleep(0.05)
            self.assertEqual(sorted(acks), [1, 2, 3, 4, 5])
            for n, reply in acks.items():
                self.assertTrue(reply.get("ok"), f"Olga's message {n} was refused: {reply}")
            # A flooder learns why and when to retry.
            refusal = None
            for _ in range(2000):
                got = ack_of(peers[-1].read_frame()[2])
                if got and not got[1].get("ok"):
                    refusal = got[1]["error"]
                    break
            self.assertIsNotNone(refusal)
            self.assertEqual(refusal["code"], "address-rate-limited")
            self.assertIn("network address", refusal["message"])
            self.assertGreater(refusal["retryAfterMs"], 0)
            time.sleep(1.0)  # whatever was relayed has arrived
            stop.set()
            reader.join(5)
            elapsed = time.time() - started
            # At most the burst of the address plus its refill (10 a second) over the whole run.
            budget = 50 + 10 * elapsed
            print(f"relayed {seen['flood']} of 1500 flood messages in {elapsed:.1f} s "
                  f"(budget {budget:.0f})", file=sys.stderr)
            self.assertGreaterEqual(seen["flood"], 40)
            self.assertLessEqual(seen["flood"], budget + 5)
            # The host's log tells of the flood once, not 1,450 times.
            self.assertLessEqual(count_lines(server, r"address-rate-limited"), 3)
        finally:
            for p in peers:
                p.close()
            server.stop()

    def test_default_connection_cap_answers_clearly(self):
        server = start()  # default: 64 per address
        sockets = []
        try:
            sockets = raw_connections(server.port, 80)
            answers = responses(sockets, 1.0)  # the admitted ones wait for a request
            refused = [(st, h, b) for st, h, b in answers if st in (429, 503)]
            self.assertEqual(len(refused), 16)  # 80 - 64
            for status, headers, body in refused:
                self.assertEqual(status, 503)
                self.assertGreaterEqual(int(headers["retry-after"]), 1)
                self.assertIn(b"too many connections from this address", body)
            # Another machine is not affected.
            self.assertEqual(get_from_other_address(server.port), 200)
            # The log says it once, not sixteen times.
            deadline = time.time() + 3
            while count_lines(server, r"refusing connections from 127\.0\.0\.1") == 0 and time.time() < deadline:
                time.sleep(0.05)
            self.assertEqual(count_lines(server, r"refusing connections from 127\.0\.0\.1"), 1)
            for s in sockets:
                s.close()
            sockets = []
            # Once the connections are gone, the address gets in again.
            time.sleep(1.5)
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            conn.request("GET", "/")
            self.assertEqual(conn.getresponse().status, 200)
            conn.close()
        finally:
            for s in sockets:
                s.close()
            server.stop()

    def test_fast_arrivals_are_slowed_with_429(self):
        # The cap raised so that only the pace (64 at once, then 16 a second) decides.
        server = start("--max-per-address", "1000")
        try:
            request = b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            sockets = raw_connections(server.port, 200, request)
            answers = responses(sockets, 10)
            for s in sockets:
                s.close()
            served = sum(1 for st, _, _ in answers if st == 200)
            slowed = [(h, b) for st, h, b in answers if st == 429]
            self.assertGreaterEqual(served, 64)
            self.assertGreaterEqual(len(slowed), 50)
            self.assertEqual(served + len(slowed), 200)
            for headers, body in slowed:
                self.assertGreaterEqual(int(headers["retry-after"]), 1)
                self.assertIn(b"too many new connections from this address; retry in", body)
            self.assertEqual(get_from_other_address(server.port), 200)
            # Once when it starts, once when it is over (after 5 quiet seconds), with the count.
            deadline = time.time() + 10
            while count_lines(server, r"stopped refusing 127\.0\.0\.1") == 0 and time.time() < deadline:
                time.sleep(0.1)
            self.assertEqual(count_lines(server, r"refusing connections from 127\.0\.0\.1"), 1)
            self.assertEqual(count_lines(server, rf"stopped refusing 127\.0\.0\.1: {len(slowed)} connection"), 1)
            # A person opening a tab now gets in.
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            conn.request("GET", "/")
            self.assertEqual(conn.getresponse().status, 200)
            conn.close()
        finally:
            server.stop()

    def test_people_per_address_cap_is_a_connect_error_with_a_code(self):
        # Polling sessions share one keep-alive connection, so the chat counts people per
        # address too (the same --max-per-address).
        server = start("--max-per-address", "3")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)

            def request(method, sid=None, body=None):
                path = "/socket.io/?EIO=4&transport=polling" + (f"&sid={sid}" if sid else "")
                conn.request(method, path, body=body, headers={"Content-Type": "text/plain;charset=UTF-8"})
                return conn.getresponse().read().decode()

            answers = []
            for _ in range(4):
                sid = json.loads(request("GET")[1:])["sid"]
                self.assertEqual(request("POST", sid, "40"), "ok")
                answers.append(request("GET", sid))
            for a in answers[:3]:
                self.assertTrue(a.startswith("40{"), a)
            self.assertTrue(answers[3].startswith("44"), answers[3])
            error = json.loads(answers[3][2:])
            self.assertEqual(error["data"]["code"], "too-many-from-address")
            self.assertGreater(error["data"]["retryAfterMs"], 0)
            self.assertIn("network address", error["message"])
            conn.close()
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
