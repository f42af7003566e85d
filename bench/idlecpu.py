#!/usr/bin/env python3
"""Server CPU for N idle WebSocket clients that only answer pings: the cost of the heartbeat
machinery (timer wheel, ping frames, pongs) alone. The conformance server (pingInterval 300,
pingTimeout 200) makes it a worst case: every client is pinged 3.3 times a second, so 2000
clients are 6,700 deadlines a second. Server on CPU 0, load generator on CPU 1, as in bench.py;
CPU = utime + stime of the server during the hold window, from /proc.

    CONFORMANCE_SERVER=build/bin/conformance-server python3 bench/idlecpu.py [--clients 2000]
        [--hold 20] [--runs 3]
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration", "python"))
import bench  # noqa: E402
from serverprocess import ServerProcess  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", default=os.environ.get("CONFORMANCE_SERVER"))
    ap.add_argument("--clients", type=int, default=2000)
    ap.add_argument("--hold", type=float, default=20)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    shares, per_ping = [], []
    for run in range(a.runs):
        server = ServerProcess("taskset", "-c", "0", a.server)
        try:
            r, marks = bench.loadgen(server, ["--idle", "--clients", str(a.clients), "--hold-seconds",
                                              str(a.hold), "--connect-concurrency", "200"])
            cpu, wall, rss, _ = bench.window(marks, "hold-start", "hold-end")
            shares.append(cpu / wall)
            # Pings answered during the whole run (connecting included), so a rough per-ping cost.
            per_ping.append(1e6 * cpu / max(1, r["pings"]))
            print(f"run {run}: {a.clients} clients held {r['still_connected']}, pings answered "
                  f"{r['pings']}, server CPU {100 * cpu / wall:.1f}% over {wall:.1f} s, RSS {rss // 1024} MB")
        finally:
            server.stop()
    print(f"median server CPU: {100 * statistics.median(shares):.1f}% ({a.runs} runs, {a.clients} idle "
          f"clients); hold-window CPU per ping answered in the run: {statistics.median(per_ping):.1f} us")


if __name__ == "__main__":
    main()
