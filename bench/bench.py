#!/usr/bin/env python3
"""ChatHost against the Node.js socket.io reference (and, for fan-out, a floor server), side by
side, same load generator, same machine, alternating runs. Server CPU is read from /proc
(utime+stime of the server process, all threads) during the measured window; memory as RSS and
PSS. The server is pinned to CPU 0 and the load generator to CPU 1.

    python3 bench/bench.py [--runs 3] [--workloads W1,W2,W3,W4] [--quick] [--out results.json]
                           [--servers chathost,portable,node] [--portable-bin PATH]

"portable" is ChatHost built without its Linux fast path (-DCHATHOST_EPOLL_TRANSPORT=OFF, every
WebSocket on QtWebSockets), by default build-portable/app/chathost.

Writes a JSON file with every run and prints a Markdown table of medians and ratios."""
import argparse
import json
import os
import pathlib
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / 'build'
# The chathost executables by server kind (--portable-bin changes the second).
CHATHOST_BINS = {'chathost': BUILD / 'app' / 'chathost',
                 'portable': ROOT / 'build-portable' / 'app' / 'chathost'}
TICK = os.sysconf('SC_CLK_TCK')
PING_INTERVAL = 5000
PING_TIMEOUT = 5000


def cpu_seconds(pid):
    fields = pathlib.Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime, all threads


def memory_kb(pid):
    rss = int(re.search(r'VmRSS:\s+(\d+)', pathlib.Path(f'/proc/{pid}/status').read_text()).group(1))
    pss = int(re.search(r'Pss:\s+(\d+)', pathlib.Path(f'/proc/{pid}/smaps_rollup').read_text()).group(1))
    return rss, pss


class Server:
    def __init__(self, kind):
        self.kind = kind
        self.tmp = tempfile.mkdtemp(prefix=f'bench-{kind}-')
        env = dict(os.environ)
        if kind in CHATHOST_BINS:
            cmd = [str(CHATHOST_BINS[kind]), '--headless', '--port', '0', '--data-dir', self.tmp,
                   '--rate', '0/1', '--max-length', '100000', '--history', '0',
                   '--max-per-address', '100000', '--max-connections', '100000',
                   '--connect-rate-per-address', '0/1', '--rate-per-address', '0/1',
                   '--ping-interval', str(PING_INTERVAL), '--ping-timeout', str(PING_TIMEOUT)]
        elif kind == 'node':
            env.update(PORT='0', NODE_ENV='production', PING_INTERVAL=str(PING_INTERVAL), PING_TIMEOUT=str(PING_TIMEOUT))
            cmd = ['node', str(ROOT / 'bench' / 'reference' / 'server.js')]
        else:
            cmd = [str(BUILD / 'bin' / 'chathost-floor'), '--port', '0']
        self.proc = subprocess.Popen(['taskset', '-c', '0', *cmd], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, stdin=subprocess.PIPE, text=True, env=env)
        line = ''
        deadline = time.time() + 15
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            m = re.search(r'listening on http://127\.0\.0\.1:(\d+)', line)
            if m:
                self.port = int(m.group(1))
                break
        else:
            raise RuntimeError(f'{kind} did not start: {line}')
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()
        time.sleep(0.5)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


def loadgen(server, args, timeout=300):
    """Runs the load generator; samples the server at its markers. Returns (result, samples)."""
    proc = subprocess.Popen([str(BUILD / 'bin' / 'chathost-loadgen'), '--port', str(server.port), '--cpu', '1', *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples = {}

    def read_marks():
        for line in proc.stderr:
            m = re.match(r'mark (\S+)', line)
            if m:
                samples[m.group(1)] = (time.monotonic(), cpu_seconds(server.proc.pid), *memory_kb(server.proc.pid))
    reader = threading.Thread(target=read_marks, daemon=True)
    reader.start()
    out = proc.stdout.read()  # stderr belongs to the marker reader
    proc.wait(timeout)
    reader.join(5)
    if proc.returncode not in (0, 3):
        raise RuntimeError(f'loadgen failed ({proc.returncode})')
    result = json.loads(out)
    if result['loadgen_saturated']:
        raise RuntimeError(f'load generator saturated its core ({result["loadgen_cpu_share"]:.0%}): run refused')
    return result, samples


def window(samples, start, end):
    t0, c0, *_ = samples[start]
    t1, c1, rss, pss = samples[end]
    return c1 - c0, t1 - t0, rss, pss


def w1_idle(kind, n, quick):
    s = Server(kind)
    try:
        base_rss, base_pss = memory_kb(s.proc.pid)
        hold = 8 if quick else 14
        r, m = loadgen(s, ['--idle', '--clients', str(n), '--hold-seconds', str(hold), '--connect-concurrency', '500'])
        cpu, wall, rss, pss = window(m, 'hold-start', 'hold-end')
        ok = r['connected'] == n and r['still_connected'] == n and r['closed_by_server'] == 0
        return {'clients': n, 'rss_per_client_kb': (rss - base_rss) / n, 'pss_per_client_kb': (pss - base_pss) / n,
                'idle_cpu_share': cpu / wall, 'pings_answered': r['pings'], 'held': r['still_connected'], 'correct': ok}
    finally:
        s.stop()


def w2_fanout(kind, n, rate, quick):
    s = Server(kind)
    try:
        r, m = loadgen(s, ['--clients', str(n), '--senders', '1', '--rate', str(rate), '--duration', '3' if quick else '5',
                           '--warmup', '1', '--drain', '2', '--connect-concurrency', '500'])
        cpu, wall, *_ = window(m, 'measure-start', 'measure-end')
        deliveries = r['delivered_measured']
        ok = r['lost_measured'] == 0 and r['duplicates'] == 0 and r['reordered'] == 0 and r['closed_by_server'] == 0
        return {'clients': n, 'rate': rate, 'deliveries': deliveries, 'deliveries_per_s': deliveries / wall,
                'us_per_delivery': cpu / deliveries * 1e6 if deliveries else None, 'server_cpu_share': cpu / wall,
                'p50_ms': r['latency_p50_ms'], 'p99_ms': r['latency_p99_ms'], 'lost': r['lost_measured'],
                'correct': ok, 'within_bound': ok and r['latency_p99_ms'] < 250}
    finally:
        s.stop()


def w3_chat(kind, quick):
    s = Server(kind)
    try:
        r, m = loadgen(s, ['--clients', '200', '--senders', '20', '--rate', '200', '--duration', '4' if quick else '8',
                           '--warmup', '1', '--drain', '2'])
        cpu, wall, *_ = window(m, 'measure-start', 'measure-end')
        ok = r['lost_measured'] == 0 and r['duplicates'] == 0 and r['closed_by_server'] == 0
        return {'p50_ms': r['latency_p50_ms'], 'p99_ms': r['latency_p99_ms'], 'server_cpu_share': cpu / wall, 'correct': ok}
    finally:
        s.stop()


def w4_storm(kind, n, quick):
    s = Server(kind)
    try:
        base_rss, _ = memory_kb(s.proc.pid)
        r, m = loadgen(s, ['--idle', '--clients', str(n), '--hold-seconds', '1', '--connect-concurrency', '500'])
        cpu, wall, peak_rss, _ = window(m, 'connect-start', 'connect-end')
        time.sleep(3)  # everyone has left: memory should come back
        after_rss, _ = memory_kb(s.proc.pid)
        return {'clients': n, 'connects_per_s': r['connects_per_second'], 'us_cpu_per_connect': cpu / max(1, r['connected']) * 1e6,
                'rss_base_mb': base_rss / 1024, 'rss_peak_mb': peak_rss / 1024, 'rss_after_mb': after_rss / 1024,
                'correct': r['connected'] == n}
    finally:
        s.stop()


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--workloads', default='W1,W2,W3,W4')
    parser.add_argument('--quick', action='store_true', help='smaller sizes, for a smoke run')
    parser.add_argument('--out', default=str(ROOT / 'bench' / 'results.json'))
    parser.add_argument('--servers', default='chathost,node',
                        help='servers for W1, W3, W4 (floor also serves W3); W2 always adds the floor; '
                             'portable: ChatHost without its Linux fast path')
    parser.add_argument('--portable-bin', default=str(CHATHOST_BINS['portable']),
                        help='the chathost executable of the portable build (for --servers portable)')
    a = parser.parse_args()
    CHATHOST_BINS['portable'] = pathlib.Path(a.portable_bin)
    workloads = a.workloads.split(',')
    results = {'machine': machine(), 'runs': a.runs, 'started': time.strftime('%Y-%m-%d %H:%M:%S'), 'W1': [], 'W2': [], 'W3': [], 'W4': []}
    idle_sizes = [1000] if a.quick else [1000, 5000, 10000]
    fan_sizes = [1000] if a.quick else [1000, 5000]
    rates = {1000: [50, 100, 200, 400, 800, 1600, 3200], 5000: [20, 40, 80, 160, 320]}
    for run in range(a.runs):
        servers = a.servers.split(',')
        order = servers if run % 2 == 0 else list(reversed(servers))
        for kind in order:
            if 'W1' in workloads:
                for n in idle_sizes:
                    results['W1'].append({'server': kind, 'run': run, **w1_idle(kind, n, a.quick)})
                    log(results['W1'][-1])
            if 'W3' in workloads:
                results['W3'].append({'server': kind, 'run': run, **w3_chat(kind, a.quick)})
                log(results['W3'][-1])
            if 'W4' in workloads:
                results['W4'].append({'server': kind, 'run': run, **w4_storm(kind, 2000, a.quick)})
                log(results['W4'][-1])
        if 'W2' in workloads:
            for kind in order + ([] if 'floor' in order else ['floor']):
                for n in fan_sizes:
                    for rate in rates[n]:
                        try:
                            res = w2_fanout(kind, n, rate, a.quick)
                        except RuntimeError as e:  # e.g. the load generator saturated: no result
                            results['W2'].append({'server': kind, 'run': run, 'clients': n, 'rate': rate, 'refused': str(e),
                                                  'within_bound': False, 'us_per_delivery': None})
                            log(results['W2'][-1])
                            break
                        results['W2'].append({'server': kind, 'run': run, **res})
                        log(results['W2'][-1])
                        if not res['within_bound']:
                            break  # past the highest rate this server holds
    pathlib.Path(a.out).write_text(json.dumps(results, indent=1))
    print(report(results))


def log(entry):
    print(json.dumps(entry), file=sys.stderr, flush=True)


def machine():
    cpu = re.search(r'model name\s*:\s*(.*)', pathlib.Path('/proc/cpuinfo').read_text())
    mem = re.search(r'MemTotal:\s+(\d+)', pathlib.Path('/proc/meminfo').read_text())
    node = subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()
    return {'cpu': cpu.group(1) if cpu else '?', 'cores': os.cpu_count(), 'memory_gb': round(int(mem.group(1)) / 1024 / 1024),
            'kernel': os.uname().release, 'node': node}


def report(r):
    lines = []
    def med(rows, key):
        return median([x[key] for x in rows])

    def fmt(v, digits=2):
        return '-' if v is None else f'{v:.{digits}f}'

    def ratio(a, b):
        return '-' if a is None or b in (None, 0) else f'{a / b:.2f}'

    if r['W1']:
        lines += ['| W1 idle | ChatHost RSS/client KB | Node RSS/client KB | ratio | ChatHost idle CPU | Node idle CPU | all held |',
                  '|---|---|---|---|---|---|---|']
        for n in sorted({x['clients'] for x in r['W1']}):
            c = [x for x in r['W1'] if x['clients'] == n and x['server'] == 'chathost']
            o = [x for x in r['W1'] if x['clients'] == n and x['server'] == 'node']
            lines.append(f"| {n} | {fmt(med(c, 'rss_per_client_kb'), 1)} | {fmt(med(o, 'rss_per_client_kb'), 1)} | "
                         f"{ratio(med(c, 'rss_per_client_kb'), med(o, 'rss_per_client_kb'))} | "
                         f"{fmt(100 * (med(c, 'idle_cpu_share') or 0), 1)}% | {fmt(100 * (med(o, 'idle_cpu_share') or 0), 1)}% | "
                         f"{all(x['correct'] for x in c + o)} |")
        p = [x for x in r['W1'] if x['server'] == 'portable']
        if p:
            lines += ['', '| W1 idle | portable RSS/client KB | fast path RSS/client KB | ratio | portable idle CPU | all held |',
                      '|---|---|---|---|---|---|']
            for n in sorted({x['clients'] for x in p}):
                q = [x for x in p if x['clients'] == n]
                c = [x for x in r['W1'] if x['clients'] == n and x['server'] == 'chathost']
                lines.append(f"| {n} | {fmt(med(q, 'rss_per_client_kb'), 1)} | {fmt(med(c, 'rss_per_client_kb'), 1)} | "
                             f"{ratio(med(q, 'rss_per_client_kb'), med(c, 'rss_per_client_kb'))} | "
                             f"{fmt(100 * (med(q, 'idle_cpu_share') or 0), 1)}% | {all(x['correct'] for x in q)} |")
        lines.append('')
    if r['W2']:
        lines += ['| W2 fan-out | server | us CPU/delivery (lowest rate) | highest rate within p99<250ms, no loss (msg/s) | deliveries/s at that rate |',
                  '|---|---|---|---|---|']
        for n in sorted({x['clients'] for x in r['W2']}):
            for kind in ('chathost', 'portable', 'node', 'floor'):
                rows = [x for x in r['W2'] if x['clients'] == n and x['server'] == kind]
                if not rows:
                    continue
                lowest = min(x['rate'] for x in rows)
                cost = med([x for x in rows if x['rate'] == lowest], 'us_per_delivery')
                # Also at a common rate all three hold, for a like-for-like cost.
                best = []
                for run in sorted({x['run'] for x in rows}):
                    ok = [x['rate'] for x in rows if x['run'] == run and x['within_bound']]
                    best.append(max(ok) if ok else 0)
                top = median(best)
                capped = any('refused' in x for x in rows)
                lines.append(f"| {n} | {kind} | {fmt(cost)} | {fmt(top, 0)}{' (load generator limit)' if capped else ''} | {fmt((top or 0) * n, 0)} |")
        lines.append('')
    if r['W3']:
        c = [x for x in r['W3'] if x['server'] == 'chathost']
        o = [x for x in r['W3'] if x['server'] == 'node']
        lines += ['| W3 chat (200 clients, 20 senders, 200 msg/s) | p50 ms | p99 ms | server CPU |', '|---|---|---|---|',
                  f"| ChatHost | {fmt(med(c, 'p50_ms'))} | {fmt(med(c, 'p99_ms'))} | {fmt(100 * (med(c, 'server_cpu_share') or 0), 1)}% |",
                  f"| Node | {fmt(med(o, 'p50_ms'))} | {fmt(med(o, 'p99_ms'))} | {fmt(100 * (med(o, 'server_cpu_share') or 0), 1)}% |",
                  f"| ratio | {ratio(med(c, 'p50_ms'), med(o, 'p50_ms'))} | {ratio(med(c, 'p99_ms'), med(o, 'p99_ms'))} | |"]
        q = [x for x in r['W3'] if x['server'] == 'portable']
        if q:
            lines += [f"| portable | {fmt(med(q, 'p50_ms'))} | {fmt(med(q, 'p99_ms'))} | {fmt(100 * (med(q, 'server_cpu_share') or 0), 1)}% |"]
        f = [x for x in r['W3'] if x['server'] == 'floor']
        if f:
            lines += [f"| floor | {fmt(med(f, 'p50_ms'))} | {fmt(med(f, 'p99_ms'))} | {fmt(100 * (med(f, 'server_cpu_share') or 0), 1)}% |"]
        lines += ['']
    if r['W4']:
        c = [x for x in r['W4'] if x['server'] == 'chathost']
        o = [x for x in r['W4'] if x['server'] == 'node']
        lines += ['| W4 storm (2000 clients) | connects/s | us CPU/connect | RSS base / peak / after MB |', '|---|---|---|---|',
                  f"| ChatHost | {fmt(med(c, 'connects_per_s'), 0)} | {fmt(med(c, 'us_cpu_per_connect'), 0)} | {fmt(med(c, 'rss_base_mb'), 1)} / {fmt(med(c, 'rss_peak_mb'), 1)} / {fmt(med(c, 'rss_after_mb'), 1)} |",
                  f"| Node | {fmt(med(o, 'connects_per_s'), 0)} | {fmt(med(o, 'us_cpu_per_connect'), 0)} | {fmt(med(o, 'rss_base_mb'), 1)} / {fmt(med(o, 'rss_peak_mb'), 1)} / {fmt(med(o, 'rss_after_mb'), 1)} |",
                  f"| ratio | {ratio(med(c, 'connects_per_s'), med(o, 'connects_per_s'))} | {ratio(med(c, 'us_cpu_per_connect'), med(o, 'us_cpu_per_connect'))} | |"]
        q = [x for x in r['W4'] if x['server'] == 'portable']
        if q:
            lines += [f"| portable | {fmt(med(q, 'connects_per_s'), 0)} | {fmt(med(q, 'us_cpu_per_connect'), 0)} | {fmt(med(q, 'rss_base_mb'), 1)} / {fmt(med(q, 'rss_peak_mb'), 1)} / {fmt(med(q, 'rss_after_mb'), 1)} |"]
        lines += ['']
    return '\n'.join(lines)


if __name__ == '__main__':
    main()
