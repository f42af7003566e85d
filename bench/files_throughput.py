#!/usr/bin/env python3
"""Upload and download throughput of one large file over loopback (issue 12), and the server's
RSS before and at its peak. Not a test: prints figures for docs/performance.md.

    python3 bench/files_throughput.py build/app/chathost [MB]
"""
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

import socketio

MB = 1024 * 1024


def main():
    binary = sys.argv[1]
    size_mb = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
    with tempfile.TemporaryDirectory() as data:
        proc = subprocess.Popen([binary, "--headless", "--port", "0", "--data-dir", data,
                                 "--max-file-size", str(size_mb + 1), "--files-quota",
                                 str(2 * size_mb + 16)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        port = None
        for line in proc.stdout:
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
            if m:
                port = int(m.group(1))
                break
        threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()

        def rss():
            with open(f"/proc/{proc.pid}/status") as f:
                return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) // 1024

        peak = [rss()]
        idle = peak[0]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                peak[0] = max(peak[0], rss())
                time.sleep(0.05)

        threading.Thread(target=sample, daemon=True).start()
        c = socketio.Client()
        c.connect(f"http://127.0.0.1:{port}", auth={"nickname": "bench"}, transports=["websocket"])
        token = c.call("file token", {})["token"]
        chunk = os.urandom(MB)
        digest = hashlib.sha256()
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(f"POST /upload?name=big.bin HTTP/1.1\r\nHost: x\r\nContent-Length: "
                  f"{size_mb * MB}\r\nX-Upload-Token: {token}\r\n\r\n".encode())
        started = time.monotonic()
        for _ in range(size_mb):
            s.sendall(chunk)
            digest.update(chunk)
        answer = s.recv(65536).split(b"\r\n\r\n", 1)[1]
        up = time.monotonic() - started
        s.close()
        sha = json.loads(answer)["sha256"]
        assert sha == digest.hexdigest()
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(f"GET /files/{sha}/big.bin HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        started = time.monotonic()
        got = 0
        while True:
            b = s.recv(1 << 20)
            if not b:
                break
            got += len(b)
        down = time.monotonic() - started
        stop.set()
        c.disconnect()
        proc.terminate()
        proc.wait()
        print(f"{size_mb} MB: upload {size_mb / up:.0f} MB/s ({up:.1f} s), download "
              f"{size_mb / down:.0f} MB/s ({down:.1f} s); RSS idle {idle} MB, peak {peak[0]} MB")


if __name__ == "__main__":
    main()
