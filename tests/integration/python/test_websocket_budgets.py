"""The process-wide WebSocket budgets, against chathost --headless (both builds: the own epoll
transport and the portable QtWebSockets path): many peers that never read while one client
broadcasts (bounded by the per-peer send cap and, in the portable build, the shared queued-bytes
budget), and many connections that each hold an unfinished fragmented message (bounded by the
budget for unfinished messages and the deadline for finishing one). Measures the server's memory
(VmRSS) and how long a reading client waits for its acks."""
import socket
import struct
import sys
import time
import unittest

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import socketio  # noqa: E402
import websocket  # noqa: E402

from serverprocess import AbuseServerCase  # noqa: E402
from test_websocket_transport import Peer, frame, upgrade_head  # noqa: E402

UNFINISHED_MESSAGE_DEADLINE = 10.0  # WebSocket::HeldBudget::kUnfinishedMessageMs


class WebSocketBudgets(AbuseServerCase):
    data_prefix = "chathost-wsbudgets-"

    def chat_client(self):
        client = socketio.Client(reconnection=False)
        client.connect(self.server.url, transports=["websocket"], wait_timeout=5)
        self.addCleanup(client.disconnect)
        return client

    def test_peers_that_never_read_stay_within_the_budget(self):
        before = self.rss_mb()
        url = f"ws://127.0.0.1:{self.port}/socket.io/?EIO=4&transport=websocket"
        sleepers = []
        for _ in range(40):
            ws = websocket.create_connection(
                url, timeout=5, sockopt=[(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)])
            ws.send("40")
            sleepers.append(ws)
            self.addCleanup(ws.close)
        writer = self.chat_client()
        reader = self.chat_client()
        received = []
        # The broadcasts (joins arrive as short notices).
        reader.on("chat message", lambda *m: received.append(1) if len(str(m)) > 99000 else None)
        peak, worst = before, 0.0
        text = "x" * 99000
        for i in range(300):  # 300 broadcasts of 99 KB to 41 peers: 1.2 GB if each kept a copy
            started = time.time()
            answer = writer.call("chat message", f"{i:04d}{text}", timeout=30)
            worst = max(worst, time.time() - started)
            self.assertTrue(answer and answer.get("ok"), answer)
            if i % 10 == 0:
                peak = max(peak, self.rss_mb())
        peak = max(peak, self.rss_mb())
        print(f"\n40 peers that never read, 300 broadcasts of 99 KB: VmRSS {before:.0f} -> "
              f"{peak:.0f} MB; the writer's slowest ack {worst * 1000:.0f} ms",
              file=sys.stderr)
        self.assertLess(peak - before, 200)
        self.assertLess(worst, 5.0)
        # The reader keeps up, so it was never dropped, and it saw every message.
        self.assertTrue(writer.connected)
        self.assertTrue(reader.connected)
        deadline = time.time() + 10
        while len(received) < 300 and time.time() < deadline:
            time.sleep(0.05)
        self.assertEqual(len(received), 300)

    def open_raw(self):
        peer = Peer(self.port)
        _, head = upgrade_head()
        peer.send(head)
        status, _ = peer.read_head()
        self.assertEqual(status, 101)
        op, _, payload = peer.read_frame()
        self.assertTrue(payload.startswith(b"0{"), payload)
        self.addCleanup(peer.close)
        return peer

    def test_unfinished_messages_are_bounded_and_time_out(self):
        before = self.rss_mb()
        peers = [self.open_raw() for _ in range(50)]
        first = frame(2, b"\x01" * 900_000, fin=False)  # masked once: Python masks slowly
        for peer in peers:  # 50 x 900 KB = 45 MB of fragments, were they all kept
            try:
                peer.send(first)
            except (BrokenPipeError, ConnectionResetError):
                pass
        peak = self.rss_mb()
        # Another client is served while they are held.
        client = self.chat_client()
        started = time.time()
        answer = client.call("chat message", "still here", timeout=10)
        answered = time.time() - started
        self.assertTrue(answer and answer.get("ok"), answer)
        # Each connection ends with a close frame: 1009 past the budget (at once), 1008 when its
        # message is not finished in time, even though fragments keep trickling in.
        codes = {}
        # Generous: the portable build reads such frames slowly on a loaded machine.
        deadline = time.time() + UNFINISHED_MESSAGE_DEADLINE + 40
        for p in peers:
            p.sock.setblocking(False)
        while len(codes) < len(peers) and time.time() < deadline:
            for i, p in enumerate(peers):
                if i in codes:
                    continue
                try:
                    p.send(frame(0, b"\x01" * 100, fin=False))
                except (BrokenPipeError, ConnectionResetError, BlockingIOError):
                    pass
                try:
                    while True:
                        chunk = p.sock.recv(65536)
                        if not chunk:
                            break
                        p.buf += chunk
                except (BlockingIOError, ConnectionResetError):
                    pass
                code = close_code(p.buf)
                if code:
                    codes[i] = (code, time.time())
            peak = max(peak, self.rss_mb())
            time.sleep(0.5)
        over_budget = sum(1 for code, _ in codes.values() if code == 1009)
        late = sum(1 for code, _ in codes.values() if code == 1008)
        print(f"\n50 unfinished fragmented messages of 900 KB: VmRSS {before:.0f} -> {peak:.0f} MB; "
              f"{over_budget} closed over the budget (1009), {late} at the deadline (1008); "
              f"another client answered in {answered * 1000:.0f} ms", file=sys.stderr)
        self.assertEqual(len(codes), len(peers), "every connection is closed")
        self.assertEqual(over_budget + late, len(peers), codes)
        self.assertGreater(late, 0)
        self.assertGreater(over_budget, 0)  # 32 MB hold about 36 of them (13 refused in a run)
        self.assertLess(peak - before, 150)
        self.assertLess(answered, 5.0)


def close_code(buf):
    """The code of the first close frame in buf (server frames), or None."""
    pos = 0
    while pos + 2 <= len(buf):
        op, n, head = buf[pos] & 0x0F, buf[pos + 1] & 0x7F, 2
        if n == 126:
            if pos + 4 > len(buf):
                return None
            n, head = struct.unpack("!H", buf[pos + 2:pos + 4])[0], 4
        elif n == 127:
            if pos + 10 > len(buf):
                return None
            n, head = struct.unpack("!Q", buf[pos + 2:pos + 10])[0], 10
        if pos + head + n > len(buf):
            return None
        if op == 8:
            return struct.unpack("!H", buf[pos + head:pos + head + 2])[0] if n >= 2 else 1005
        pos += head + n
    return None


if __name__ == "__main__":
    unittest.main()
