"""chathost WITH its window (under Xvfb when the test runs through xvfb-run, else offscreen) and a
saved settings file: the command line's --password / --password-file still hold, so
python-socketio without the password is refused and with it is admitted; a saved option the
command line does not give (the room title) is used. The user's own settings are never touched:
HOME and XDG_CONFIG_HOME point at a temporary folder."""
import os
import queue
import sys
import tempfile
import unittest

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import socketio  # noqa: E402

from serverprocess import ServerProcess, binary  # noqa: E402

PASSWORD = "s3cret"


def windowed_environment(home):
    env = dict(os.environ)
    env["HOME"] = home
    env["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    env["XDG_DATA_HOME"] = os.path.join(home, "data")
    env["XDG_RUNTIME_DIR"] = home
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"  # no xvfb-run: the window is real but offscreen
    elif env.get("QT_QPA_PLATFORM") == "offscreen":
        del env["QT_QPA_PLATFORM"]  # a display is there: use it
    return env


def write_saved_settings(home):
    folder = os.path.join(home, "config", "ChatHost")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "ChatHost.conf"), "w", encoding="utf-8") as f:
        f.write("[chat]\ntitle=Saved Room\nhostName=Saved Host\n[server]\nport=3999\n")


class WindowedPasswordTest(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.TemporaryDirectory()
        write_saved_settings(self.home.name)
        self.env = windowed_environment(self.home.name)
        print(f"platform: {'offscreen' if self.env.get('QT_QPA_PLATFORM') == 'offscreen' else 'display ' + self.env.get('DISPLAY', '')}",
              file=sys.stderr)

    def tearDown(self):
        self.home.cleanup()

    def start(self, *args):
        server = ServerProcess(binary("CHATHOST_BIN"), "--data-dir", os.path.join(self.home.name, "data"),
                               *args, env=self.env)
        self.addCleanup(server.stop)
        return server

    def connect(self, server, auth):
        client = socketio.Client(reconnection=False, request_timeout=5)
        welcome = queue.Queue()
        errors = queue.Queue()
        client.on("welcome", lambda data: welcome.put(data))
        client.on("connect_error", lambda data: errors.put(data))
        try:
            client.connect(server.url, transports=["websocket"], auth=auth, wait_timeout=5)
        except socketio.exceptions.ConnectionError:
            return None, errors.get(timeout=5)
        self.addCleanup(client.disconnect)
        return welcome.get(timeout=5), None

    def check_password_holds(self, server):
        welcome, error = self.connect(server, {"nickname": "NoPassword"})
        self.assertIsNone(welcome, "admitted without the password")
        self.assertEqual(error["data"]["code"], "password-required")
        welcome, error = self.connect(server, {"nickname": "Wrong", "password": "nope"})
        self.assertIsNone(welcome)
        self.assertEqual(error["data"]["code"], "wrong-password")
        welcome, error = self.connect(server, {"nickname": "Right", "password": PASSWORD})
        self.assertIsNone(error)
        self.assertEqual(welcome["nickname"], "Right")
        # The saved settings are still used where the command line says nothing.
        self.assertEqual(welcome["room"]["title"], "Saved Room")
        self.assertEqual(welcome["room"]["hostName"], "Saved Host")
        # ...and the command line wins where it does (--port 0, not the saved 3999).
        self.assertNotEqual(server.port, 3999)

    def assert_password_not_logged(self, server):
        server.stop()
        self.assertNotIn(PASSWORD, "".join(server.output) + server.proc.stderr.read())

    def test_password_option(self):
        server = self.start("--password", PASSWORD)
        self.check_password_holds(server)
        self.assert_password_not_logged(server)

    def test_password_file_option(self):
        path = os.path.join(self.home.name, "password.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(PASSWORD + "\n")
        server = self.start("--password-file", path)
        self.check_password_holds(server)
        self.assert_password_not_logged(server)


if __name__ == "__main__":
    unittest.main()
