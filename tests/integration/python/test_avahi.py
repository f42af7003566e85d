"""A name on the LAN (issue 14): ChatHost announces itself through a real avahi-daemon.

The daemon runs on a private system bus (its own dbus-daemon, a config that allows everything)
in its own network and mount namespace, with only the loopback interface: nothing reaches the
real LAN and the machine's own Avahi (if any) is not touched. ChatHost and avahi-browse are
pointed at that bus with DBUS_SYSTEM_BUS_ADDRESS. The test needs root (avahi-daemon, unshare);
without it, or without the programs, it says why and exits 77 (CTest: skipped).
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

from serverprocess import ServerProcess, binary

SKIP = 77
CHATHOST = os.environ.get("CHATHOST_BIN")

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
"""

AVAHI_CONFIG = """[server]
use-ipv4=yes
use-ipv6=no
allow-interfaces=lo
enable-dbus=yes
ratelimit-interval-usec=1000000
ratelimit-burst=1000
[wide-area]
enable-wide-area=no
[publish]
publish-hinfo=no
publish-workstation=no
"""


def why_not():
    if not CHATHOST:
        return "CHATHOST_BIN is not set"
    for tool in ("avahi-daemon", "avahi-browse", "dbus-daemon", "unshare", "ip"):
        if not shutil.which(tool):
            return f"{tool} is not installed (scripts/setup.sh --tests installs it)"
    if os.geteuid() != 0:
        return "avahi-daemon needs root here (it runs as root in CI)"
    if subprocess.run(["unshare", "-m", "-n", "true"], capture_output=True).returncode != 0:
        return "unshare -m -n is not allowed here (no private network namespace for avahi)"
    return None


def unescape(label):
    """avahi-browse -p writes bytes outside ASCII letters as \\DDD (decimal), UTF-8 in all."""
    raw = re.sub(r"\\(\d{3})", lambda m: "%%%02X" % int(m.group(1)), label.replace("%", "%25"))
    return urllib.parse.unquote(raw, encoding="utf-8")


class Avahi:
    """A private bus and an avahi-daemon on it, isolated from the real network."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="chathost-avahi-")
        self.socket = os.path.join(self.dir, "system_bus_socket")
        self.address = f"unix:path={self.socket}"
        with open(os.path.join(self.dir, "bus.conf"), "w") as f:
            f.write(BUS_CONFIG.format(socket=self.socket))
        with open(os.path.join(self.dir, "avahi.conf"), "w") as f:
            f.write(AVAHI_CONFIG)
        self.bus = subprocess.Popen(["dbus-daemon", "--nofork", "--print-address=1",
                                     "--config-file", os.path.join(self.dir, "bus.conf")],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.bus.stdout.readline()  # the address: the bus is listening
        self.log = open(os.path.join(self.dir, "avahi.log"), "w+")
        script = ("ip link set lo up && mkdir -p /run/avahi-daemon && "
                  "mount -t tmpfs tmpfs /run/avahi-daemon && "
                  "exec avahi-daemon --no-drop-root --no-chroot --no-rlimits -f " +
                  os.path.join(self.dir, "avahi.conf"))
        self.daemon = subprocess.Popen(["unshare", "-m", "-n", "sh", "-c", script],
                                       stdout=self.log, stderr=subprocess.STDOUT,
                                       env=self.env())
        self.host_name = None
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and self.daemon.poll() is None:
            self.log.seek(0)
            m = re.search(r"Host name is (\S+)\.", self.log.read())
            if m:
                self.host_name = m.group(1)
                break
            time.sleep(0.1)

    def env(self, **extra):
        return {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": self.address, **extra}

    def started(self):
        return self.host_name is not None

    def log_text(self):
        self.log.seek(0)
        return self.log.read()

    def services(self):
        """{name: (host, port, txt)} of the _http._tcp services Avahi knows now."""
        out = subprocess.run(["avahi-browse", "-r", "-t", "-p", "_http._tcp"], env=self.env(),
                             capture_output=True, text=True, timeout=20).stdout
        found = {}
        for line in out.splitlines():
            fields = line.split(";")
            name = unescape(fields[3]) if len(fields) > 3 else ""
            if fields[0] == "=" and len(fields) >= 10:
                found[name] = (fields[6], int(fields[8]), fields[9])
            elif fields[0] == "-":
                found.pop(name, None)
        return found

    def wait_for(self, predicate, what, timeout=15):
        deadline = time.monotonic() + timeout
        seen = {}
        while time.monotonic() < deadline:
            seen = self.services()
            if predicate(seen):
                return seen
            time.sleep(0.3)
        raise AssertionError(f"{what}; Avahi has {seen}\n{self.log_text()}")

    def stop(self):
        for p in (self.daemon, self.bus):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        self.bus.stdout.close()
        self.bus.stderr.close()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class AvahiAnnouncementTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.avahi = AVAHI

    def start(self, title):
        data = tempfile.mkdtemp(prefix="chathost-avahi-data-")
        self.addCleanup(shutil.rmtree, data, ignore_errors=True)
        server = ServerProcess(binary("CHATHOST_BIN"), "--headless", "--data-dir", data,
                               "--title", title, env=self.avahi.env())
        self.addCleanup(server.stop)
        return server

    def test_announces_the_room_and_withdraws_it_on_stop(self):
        title = "Lan Room Ä i14"
        server = self.start(title)
        services = self.avahi.wait_for(lambda s: title in s, f"{title!r} is announced")
        host, port, txt = services[title]
        self.assertEqual(port, server.port)
        self.assertEqual(host, self.avahi.host_name)
        self.assertIn('"path=/"', txt)
        # The start-up lines give the .local address first.
        lines = [line.strip() for line in server.output]
        urls = [line for line in lines if line.startswith("http://")]
        self.assertEqual(urls[0], f"http://{self.avahi.host_name}:{server.port}", lines)
        self.assertIn(f"http://127.0.0.1:{server.port}", urls)
        self.assertEqual(server.stop(), 0)
        self.avahi.wait_for(lambda s: title not in s, f"{title!r} is withdrawn after the stop")
        self.assertEqual(server.proc.stderr.read(), "", "nothing printed as an error")

    def test_a_taken_name_becomes_title_2(self):
        title = "Twin Room"
        first = self.start(title)
        self.avahi.wait_for(lambda s: title in s, "the first is announced")
        second = self.start(title)
        services = self.avahi.wait_for(lambda s: f"{title} (2)" in s, "the second is renamed")
        self.assertEqual(services[title][1], first.port)
        self.assertEqual(services[f"{title} (2)"][1], second.port)
        second.stop()
        self.avahi.wait_for(lambda s: f"{title} (2)" not in s and title in s,
                            "only the second is withdrawn")


class WithoutAvahiTest(unittest.TestCase):
    """No system bus, or a bus without Avahi: nothing changes, nothing is printed as an error."""

    def check_quiet(self, env):
        data = tempfile.mkdtemp(prefix="chathost-noavahi-")
        self.addCleanup(shutil.rmtree, data, ignore_errors=True)
        server = ServerProcess(binary("CHATHOST_BIN"), "--headless", "--data-dir", data, env=env)
        self.addCleanup(server.stop)
        urls = [line.strip() for line in server.output if line.strip().startswith("http://")]
        self.assertFalse(any(".local:" in u for u in urls), urls)
        # Served: the event loop runs, and with it the SIGTERM handler.
        with urllib.request.urlopen(server.url + "/", timeout=10) as page:
            self.assertEqual(page.status, 200)
        self.assertEqual(server.stop(), 0)
        self.assertEqual(server.proc.stderr.read(), "")

    def test_no_system_bus(self):
        self.check_quiet({**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": "unix:path=/nonexistent/bus"})

    @unittest.skipUnless(shutil.which("dbus-daemon"), "dbus-daemon is not installed")
    def test_bus_without_avahi(self):
        tmp = tempfile.mkdtemp(prefix="chathost-bus-")
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        socket = os.path.join(tmp, "bus")
        with open(os.path.join(tmp, "bus.conf"), "w") as f:
            f.write(BUS_CONFIG.format(socket=socket))
        bus = subprocess.Popen(["dbus-daemon", "--nofork", "--print-address=1", "--config-file",
                                os.path.join(tmp, "bus.conf")], stdout=subprocess.PIPE, text=True)
        self.addCleanup(bus.stdout.close)
        self.addCleanup(bus.wait, 10)
        self.addCleanup(bus.terminate)
        bus.stdout.readline()
        self.check_quiet({**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={socket}"})


AVAHI = None

if __name__ == "__main__":
    reason = why_not()
    if reason:
        print(f"SKIPPED: {reason}")
        sys.exit(SKIP)
    AVAHI = Avahi()
    if not AVAHI.started():
        log = AVAHI.log_text()
        AVAHI.stop()
        print(f"SKIPPED: avahi-daemon could not be started here:\n{log}")
        sys.exit(SKIP)
    try:
        result = unittest.main(exit=False, verbosity=2).result
    finally:
        AVAHI.stop()
    sys.exit(0 if result.wasSuccessful() else 1)
