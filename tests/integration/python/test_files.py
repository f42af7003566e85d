"""Files in the chat, from outside (docs/chat-protocol.md, "Files"): the headless host on port 0,
python-socketio people and raw HTTP sockets. An upload with the person's upload token reaches
the other person as a file message and downloads byte-identical; HEAD, Range, ETag/304 and the
safety headers; an HTML file is an attachment; refusals before the body is read (too big, no
length, no or wrong token, muted, cross-site); a cut body, a full quota and kill -9 leave no half
file; deleting the message removes the file; concurrent large uploads keep the memory flat."""
import glob
import hashlib
import json
import os
import queue
import re
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import struct
import urllib.parse
import zlib

import socketio

BIN = os.environ.get("CHATHOST_BIN")
MB = 1024 * 1024


def pattern_chunk(seed, size):
    """size bytes that differ from seed to seed (cheap to make, incompressible enough)."""
    block = hashlib.sha256(str(seed).encode()).digest() * 2048  # 64 KiB
    return (block * (size // len(block) + 1))[:size]


def png(width, height, rows=None):
    """A real RGB PNG; rows: how many rows of pixel data to include (a bomb claims more)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(rows or height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def read_answer(sock, timeout=10):
    """Reads one HTTP answer (head and a Content-Length body); returns status, headers, body."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1]) if lines and lines[0] else 0
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(min(1 << 20, length - len(body)))
        if not chunk:
            break
        body += chunk
    return status, headers, body


@unittest.skipUnless(BIN, "needs the chathost binary")
class Files(unittest.TestCase):
    extra_args = []

    def setUp(self):
        self.data = tempfile.TemporaryDirectory()
        self.addCleanup(self.data.cleanup)
        self.clients = []
        self.start()
        self.addCleanup(self.stop)

    def start(self, *args):
        self.proc = subprocess.Popen(
            [BIN, "--headless", "--port", "0", "--data-dir", self.data.name, "--rate", "0/1",
             *self.extra_args, *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.lines = queue.Queue()
        self.seen = []
        threading.Thread(target=self.read, args=(self.proc, self.lines), daemon=True).start()
        self.port = None
        deadline = time.monotonic() + 10
        while self.port is None and time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(line)
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
            self.port = int(m.group(1)) if m else None
        self.assertIsNotNone(self.port, "no listening line")
        self.url = f"http://127.0.0.1:{self.port}"

    @staticmethod
    def read(proc, lines):
        for raw in proc.stdout:
            lines.put(raw.decode("utf-8", errors="replace"))

    def wait_line(self, pattern, timeout=5):
        deadline = time.monotonic() + timeout
        while True:
            for line in self.seen:
                if re.search(pattern, line):
                    return line
            if time.monotonic() >= deadline:
                self.fail(f"no output line matching {pattern!r}")
            try:
                self.seen.append(self.lines.get(timeout=0.1))
            except queue.Empty:
                pass

    def stop(self):
        for c in self.clients:
            try:
                c.disconnect()
            except Exception:
                pass
        self.clients = []
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdin.close()
        self.proc.stdout.close()

    def command(self, line):
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def client(self, name):
        c = socketio.Client(reconnection=False, request_timeout=5)
        c.got = {"chat": [], "private": [], "welcome": [], "deleted": []}
        c.on("chat message", lambda text, meta: c.got["chat"].append((text, meta)))
        c.on("private message", lambda text, meta: c.got["private"].append((text, meta)))
        c.on("welcome", lambda w: c.got["welcome"].append(w))
        c.on("message deleted", lambda d: c.got["deleted"].append(d))
        c.connect(self.url, auth={"nickname": name}, transports=["websocket"], wait_timeout=5)
        self.clients.append(c)
        self.wait_for(lambda: c.got["welcome"])
        c.user_id = c.got["welcome"][0]["userId"]
        return c

    def token(self, c):
        answer = c.call("file token", {}, timeout=5)
        self.assertIsInstance(answer.get("token"), str)
        return answer["token"]

    def wait_for(self, predicate, timeout=5):
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                self.fail("timed out waiting")
            time.sleep(0.02)

    def connect(self):
        return socket.create_connection(("127.0.0.1", self.port), timeout=10)

    def upload_head(self, token, name, size, query="", origin=None, extra=""):
        target = "/upload?name=" + urllib.parse.quote(name) + query
        head = f"POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nContent-Length: {size}\r\n"
        if token is not None:
            head += f"X-Upload-Token: {token}\r\n"
        if origin:
            head += f"Origin: {origin}\r\n"
        return (head + extra + "\r\n").encode()

    def upload(self, token, name, data, query="", origin=None):
        with self.connect() as s:
            s.sendall(self.upload_head(token, name, len(data), query, origin))
            s.sendall(data)
            status, headers, body = read_answer(s)
        return status, headers, json.loads(body) if body else None

    def get(self, path, method="GET", extra=""):
        with self.connect() as s:
            s.sendall(f"{method} {path} HTTP/1.1\r\nHost: x\r\n{extra}\r\n".encode())
            if method == "HEAD":
                s.settimeout(10)
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                head = data.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
                headers = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in head[1:]}
                return int(head[0].split(" ")[1]), headers, data.split(b"\r\n\r\n", 1)[1]
            return read_answer(s)

    def stored(self, folder):
        return [p for p in glob.glob(os.path.join(self.data.name, "files", folder, "**"),
                                     recursive=True) if os.path.isfile(p)]

    # --- the whole path ---------------------------------------------------------------------

    def test_upload_reaches_the_other_person_and_downloads_identical(self):
        alice, bob = self.client("alice"), self.client("bob")
        data = pattern_chunk(1, 3 * MB + 17)
        status, _, answer = self.upload(self.token(alice), "white board.bin", data,
                                        "&caption=" + urllib.parse.quote("the slides"))
        self.assertEqual(status, 201, answer)
        sha = hashlib.sha256(data).hexdigest()
        self.assertEqual(answer["sha256"], sha)
        self.assertIsInstance(answer["id"], int)
        self.wait_for(lambda: any(m.get("file") for _, m in bob.got["chat"]))
        text, meta = next((t, m) for t, m in bob.got["chat"] if m.get("file"))
        self.assertEqual(text, "the slides")  # plain clients read the caption
        self.assertEqual(meta["id"], answer["id"])
        self.assertEqual(meta["file"]["sha256"], sha)
        self.assertEqual(meta["file"]["name"], "white board.bin")
        self.assertEqual(meta["file"]["size"], len(data))
        self.assertEqual(meta["file"]["type"], "application/octet-stream")

        url = f"/files/{sha}/" + urllib.parse.quote("white board.bin")
        status, headers, body = self.get(url)
        self.assertEqual(status, 200)
        self.assertEqual(hashlib.sha256(body).hexdigest(), sha)
        self.assertEqual(int(headers["content-length"]), len(data))
        self.assertEqual(headers["etag"], f'"{sha}"')
        self.assertEqual(headers["x-content-type-options"], "nosniff")
        self.assertEqual(headers["content-security-policy"], "sandbox; default-src 'none'")
        self.assertTrue(headers["content-disposition"].startswith("attachment"))

        status, headers, body = self.get(url, "HEAD")
        self.assertEqual(status, 200)
        self.assertEqual(int(headers["content-length"]), len(data))
        self.assertEqual(body, b"")

        status, headers, body = self.get(url, extra="Range: bytes=100-199\r\n")
        self.assertEqual(status, 206)
        self.assertEqual(body, data[100:200])
        self.assertEqual(headers["content-range"], f"bytes 100-199/{len(data)}")
        status, headers, _ = self.get(url, extra=f"Range: bytes={len(data) + 5}-\r\n")
        self.assertEqual(status, 416)
        self.assertEqual(headers["content-range"], f"bytes */{len(data)}")
        status, _, body = self.get(url, extra=f'If-None-Match: "{sha}"\r\n')
        self.assertEqual(status, 304)
        self.assertEqual(body, b"")
        status, _, _ = self.get("/files/" + "0" * 64 + "/x")
        self.assertEqual(status, 404)

        # In the history a newcomer gets, with its file.
        carol = socketio.Client(reconnection=False, request_timeout=5)
        got = []
        carol.on("history", lambda h: got.append(h))
        carol.connect(self.url, auth={"nickname": "carol"}, transports=["websocket"])
        self.clients.append(carol)
        self.wait_for(lambda: got)
        history = got[0]["messages"] if isinstance(got[0], dict) else got[0]
        self.assertTrue(any(m.get("file", {}).get("sha256") == sha for m in history), history)

    def test_html_is_an_attachment_and_a_picture_is_inline(self):
        alice = self.client("alice")
        token = self.token(alice)
        page = b"<!doctype html><script>alert(1)</script>"
        status, _, answer = self.upload(token, "page.png", page)  # the name lies
        self.assertEqual(status, 201, answer)
        status, headers, body = self.get(f"/files/{answer['sha256']}/page.png")
        self.assertEqual(body, page)
        self.assertEqual(headers["content-type"], "application/octet-stream")
        self.assertTrue(headers["content-disposition"].startswith("attachment"))
        self.assertEqual(headers["content-security-policy"], "sandbox; default-src 'none'")
        png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\0" * 64
        status, _, answer = self.upload(token, "x.bin", png)
        self.assertEqual(status, 201, answer)
        self.assertEqual(answer["type"], "image/png")
        status, headers, _ = self.get(f"/files/{answer['sha256']}/x.bin")
        self.assertEqual(headers["content-type"], "image/png")
        self.assertTrue(headers["content-disposition"].startswith("inline"))

    def test_a_picture_gets_its_size_and_a_preview_and_a_bomb_gets_none(self):
        alice, bob = self.client("alice"), self.client("bob")
        token = self.token(alice)
        status, _, answer = self.upload(token, "photo.png", png(64, 48))
        self.assertEqual(status, 201, answer)
        self.assertEqual((answer["width"], answer["height"], answer["thumb"]), (64, 48, True))
        self.wait_for(lambda: any(m.get("file") for _, m in bob.got["chat"]))
        meta = next(m for _, m in bob.got["chat"] if m.get("file"))
        self.assertEqual(meta["file"]["width"], 64)
        status, headers, body = self.get(f"/files/{answer['sha256']}/thumb")
        self.assertEqual(status, 200)
        self.assertIn(headers["content-type"], ("image/png", "image/jpeg"))
        self.assertTrue(headers["content-disposition"].startswith("inline"))
        self.assertEqual(headers["x-content-type-options"], "nosniff")
        # 50,000 x 50,000 pixels claimed by a few bytes: refused by the thumbnailer, the file is
        # still shared (as a picture without a preview) and the server is fine.
        status, _, answer = self.upload(token, "bomb.png", png(50000, 50000, rows=1))
        self.assertEqual(status, 201, answer)
        self.assertNotIn("thumb", answer)
        self.assertEqual(self.get(f"/files/{answer['sha256']}/thumb")[0], 404)
        self.assertEqual(self.upload(token, "after.bin", b"still here")[0], 201)

    def test_pictures_only_refuses_other_files_from_their_first_bytes(self):
        self.stop()
        self.start("--files", "pictures")
        alice = self.client("alice")
        token = self.token(alice)
        self.assertEqual(self.upload(token, "photo.png", png(8, 8))[0], 201)
        # 20 MB declared, 64 KB sent: the answer comes without the rest of the body.
        with self.connect() as s:
            s.sendall(self.upload_head(token, "notes.png", 20 * MB))  # the name lies
            s.sendall(pattern_chunk(4, 64 * 1024))
            status, _, body = read_answer(s)
        self.assertEqual(status, 403, body)
        self.assertEqual(json.loads(body)["error"], "pictures-only")
        self.wait_for(lambda: not self.stored("incoming"))
        self.assertEqual(len([p for p in self.stored("objects")]), 1)  # the picture only

    # --- refusals before the body -----------------------------------------------------------

    def test_refusals_come_before_the_body(self):
        alice = self.client("alice")
        token = self.token(alice)
        cases = [
            (self.upload_head(token, "big.bin", 101 * MB), 413, "too-big"),
            (f"POST /upload?name=a HTTP/1.1\r\nHost: x\r\nX-Upload-Token: {token}\r\n\r\n"
             .encode(), 411, "length-required"),
            (self.upload_head(None, "a.bin", 10), 401, "no-token"),
            (self.upload_head("forged", "a.bin", 10), 401, "no-token"),
            (self.upload_head(token, "a.bin", 10, origin="http://evil.example"), 403,
             "cross-origin"),
        ]
        for head, status, code in cases:
            with self.subTest(code=code), self.connect() as s:
                s.sendall(head)  # the head only: the answer must come without the body
                got, headers, body = read_answer(s)
                self.assertEqual(got, status, body)
                self.assertEqual(json.loads(body)["error"], code)
                self.assertEqual(headers["connection"], "close")
        self.assertEqual(self.stored("incoming"), [])
        self.assertEqual(self.stored("objects"), [])

    def test_a_muted_person_cannot_upload_and_a_token_dies_with_its_connection(self):
        alice = self.client("alice")
        token = self.token(alice)
        self.command("/mute alice 5")
        self.wait_for(lambda: self.upload(token, "a.bin", b"x")[0] == 403)
        status, _, answer = self.upload(token, "a.bin", b"x")
        self.assertEqual(answer["error"], "muted")
        self.command("/unmute alice")
        self.wait_for(lambda: self.upload(token, "a.bin", b"y")[0] == 201)
        alice.disconnect()
        self.wait_for(lambda: self.upload(token, "a.bin", b"z")[0] == 401)

    # --- partial input, quota, deletion -----------------------------------------------------

    def test_a_body_cut_half_way_leaves_nothing(self):
        alice = self.client("alice")
        token = self.token(alice)
        with self.connect() as s:
            s.sendall(self.upload_head(token, "cut.bin", 8 * MB))
            s.sendall(pattern_chunk(2, 3 * MB))
            self.wait_for(lambda: self.stored("incoming"))  # it was being written
        self.wait_for(lambda: not self.stored("incoming"))
        self.assertEqual(self.stored("objects"), [])
        # Longer than declared: the declared bytes are the file, the rest is not read.
        with self.connect() as s:
            s.sendall(self.upload_head(token, "long.bin", 1000))
            s.sendall(pattern_chunk(3, 5000))
            status, _, body = read_answer(s)
        self.assertEqual(status, 201, body)
        self.assertEqual(json.loads(body)["size"], 1000)

    def test_a_trickled_body_meets_the_idle_timeout(self):
        # A byte now and then is not progress: the body must bring 16 KB per idle timeout.
        self.stop()
        self.start("--idle-timeout", "1500")
        alice = self.client("alice")
        token = self.token(alice)
        with self.connect() as s:
            s.sendall(self.upload_head(token, "slow.bin", 1 * MB))
            s.sendall(b"x" * 1000)
            self.wait_for(lambda: self.stored("incoming"))
            closed_after = None
            started = time.monotonic()
            s.settimeout(0.5)
            for _ in range(20):  # 10 s at most: a byte every half second
                try:
                    s.sendall(b"x")
                    if s.recv(4096) == b"":
                        closed_after = time.monotonic() - started
                        break
                except socket.timeout:
                    continue
                except OSError:
                    closed_after = time.monotonic() - started
                    break
            self.assertIsNotNone(closed_after, "a trickled upload kept its connection for 10 s")
        self.wait_for(lambda: not self.stored("incoming"))
        self.assertEqual(self.stored("objects"), [])

    def test_quota_full_and_deleting_the_message_removes_the_file(self):
        self.stop()
        self.start("--files-quota", "4")
        alice = self.client("alice")
        token = self.token(alice)
        status, _, first = self.upload(token, "a.bin", pattern_chunk(4, 3 * MB))
        self.assertEqual(status, 201, first)
        status, _, answer = self.upload(token, "b.bin", pattern_chunk(5, 2 * MB))
        self.assertEqual((status, answer["error"]), (507, "quota-full"))
        self.assertEqual(len(self.stored("objects")), 1)
        # The host deletes the message: the file goes from disk, the download stops.
        self.command(f"/delete {first['id']}")
        self.wait_for(lambda: not self.stored("objects"))
        status, _, _ = self.get(f"/files/{first['sha256']}/a.bin")
        self.assertEqual(status, 404)
        status, _, _ = self.upload(token, "b.bin", pattern_chunk(5, 2 * MB))
        self.assertEqual(status, 201)
        self.command("/files")
        self.wait_line(r"b\.bin")

    def test_uploads_started_together_cannot_pass_the_quota(self):
        # 8 uploads of 3 MB begun at once against a 10 MB quota: the heads all arrive before
        # any body, so only the declared sizes can keep the total within the quota.
        self.stop()
        self.start("--files-quota", "10", "--uploads-per-minute", "100")
        alice = self.client("alice")
        token = self.token(alice)
        sockets = []
        for i in range(8):
            s = self.connect()
            s.sendall(self.upload_head(token, f"q{i}.bin", 3 * MB))
            sockets.append(s)
        statuses = []
        for i, s in enumerate(sockets):
            with s:
                try:
                    s.sendall(pattern_chunk(10 + i, 3 * MB))
                except OSError:
                    pass  # refused from its head: the answer is already waiting
                statuses.append(read_answer(s)[0])
        self.assertEqual(statuses.count(201), 3, statuses)
        self.assertEqual(statuses.count(507), 5, statuses)
        stored = sum(os.path.getsize(p) for p in self.stored("objects"))
        self.assertLessEqual(stored, 10 * MB)

    def test_a_private_file_reaches_its_two_people_only(self):
        alice, bob, carol = self.client("alice"), self.client("bob"), self.client("carol")
        data = b"for bob only"
        status, _, answer = self.upload(self.token(alice), "secret.txt", data,
                                        "&to=" + bob.user_id)
        self.assertEqual(status, 201, answer)
        self.wait_for(lambda: bob.got["private"])
        self.assertEqual(bob.got["private"][0][1]["file"]["sha256"], answer["sha256"])
        time.sleep(0.3)
        self.assertFalse(any(m.get("file") for _, m in carol.got["chat"] + carol.got["private"]))
        url = f"/files/{answer['sha256']}/secret.txt"
        self.assertEqual(self.get(url)[0], 404)  # knowing the digest is not enough
        self.assertEqual(self.get(url + "?token=" + self.token(carol))[0], 404)
        status, _, body = self.get(url + "?token=" + self.token(bob))
        self.assertEqual((status, body), (200, data))

    # --- memory and crashes -----------------------------------------------------------------

    def rss_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))

    def test_concurrent_large_uploads_keep_memory_flat(self):
        count, size = 10, 100 * MB
        self.stop()
        self.start("--max-file-size", "200", "--uploads-per-minute", "100")
        alice = self.client("alice")
        token = self.token(alice)
        before = self.rss_kb()
        peak = [before]
        results = []
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], self.rss_kb())
                time.sleep(0.05)

        def send(i):
            chunk = pattern_chunk(100 + i, MB)  # the data is made as it goes, 1 MB at a time
            with self.connect() as s:
                s.settimeout(120)
                s.sendall(self.upload_head(token, f"big{i}.bin", size))
                for _ in range(size // MB):
                    s.sendall(chunk)
                status, _, body = read_answer(s, 120)
                results.append((status, body))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.monotonic()
        threads = [threading.Thread(target=send, args=(i,)) for i in range(count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(180)
        done.set()
        sampler.join()
        elapsed = time.monotonic() - started
        print(f"\n{count} x {size // MB} MB uploads in {elapsed:.1f} s; RSS {before // 1024} MB "
              f"-> peak {peak[0] // 1024} MB")
        self.assertEqual([s for s, _ in results], [201] * count, results)
        self.assertLess(peak[0] - before, 100 * 1024)

    def test_kill_during_an_upload_leaves_no_half_file(self):
        alice = self.client("alice")
        token = self.token(alice)
        s = self.connect()
        s.sendall(self.upload_head(token, "killed.bin", 20 * MB))
        s.sendall(pattern_chunk(6, 4 * MB))
        self.wait_for(lambda: self.stored("incoming"))
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self.proc.stdin.close()
        self.proc.stdout.close()
        s.close()
        self.assertEqual(self.stored("objects"), [])
        self.start()
        self.assertEqual(self.stored("incoming"), [])
        self.assertEqual(self.stored("objects"), [])


if __name__ == "__main__":
    unittest.main()
