"""Raw Engine.IO / Socket.IO protocol checks against the conformance server (pingInterval 300,
pingTimeout 200, maxPayload 1000000, connectTimeout 1000): error statuses, held and duplicate
GETs, concurrent POSTs, oversize bodies, heartbeats, the upgrade and its races."""
import http.client
import json
import sys
import threading
import time
import unittest

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import websocket  # noqa: E402  (Debian's python3-websocket)

from serverprocess import ConformanceServerCase  # noqa: E402

SEP = "\x1e"


class Raw(ConformanceServerCase):

    # -- helpers -------------------------------------------------------------------------------
    def request(self, method, query, body=None, headers=None, path="/socket.io/", conn=None):
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            conn.request(method, f"{path}?{query}", body=body, headers=headers or {})
            res = conn.getresponse()
            data = res.read()
            return res.status, dict((k.lower(), v) for k, v in res.getheaders()), data
        finally:
            if own:
                conn.close()

    def handshake(self, path="/socket.io/"):
        status, headers, body = self.request("GET", "EIO=4&transport=polling", path=path)
        self.assertEqual(status, 200)
        self.assertTrue(body.startswith(b"0"))
        return json.loads(body[1:])["sid"], headers, json.loads(body[1:])

    def poll(self, sid, path="/socket.io/", conn=None):
        return self.request("GET", f"EIO=4&transport=polling&sid={sid}", path=path, conn=conn)

    def post(self, sid, payload, path="/socket.io/", headers=None, conn=None):
        data = payload.encode() if isinstance(payload, str) else payload
        return self.request("POST", f"EIO=4&transport=polling&sid={sid}", body=data,
                            headers=headers or {"Content-Type": "text/plain;charset=UTF-8"},
                            path=path, conn=conn)

    def ws(self, query, path="/socket.io/"):
        return websocket.create_connection(f"ws://127.0.0.1:{self.port}{path}?{query}", timeout=5)

    def assertError(self, result, status, code):
        st, headers, body = result
        self.assertEqual(st, status, body)
        self.assertEqual(headers.get("content-type"), "application/json")
        self.assertEqual(json.loads(body)["code"], code)

    def sio_session(self):
        """A polling session connected to namespace '/', past the CONNECT reply."""
        sid, _, _ = self.handshake()
        self.assertEqual(self.post(sid, "40")[0], 200)
        deadline = time.time() + 3
        seen = ""
        while "40{" not in seen and time.time() < deadline:
            seen += self.poll(sid)[2].decode()
            for packet in seen.split(SEP):
                if packet == "2":
                    self.post(sid, "3")
        self.assertIn('40{"sid":', seen)
        return sid

    # -- handshake and errors --------------------------------------------------------------------
    def test_handshake(self):
        sid, headers, open_ = self.handshake()
        self.assertEqual(headers["content-type"], "text/plain; charset=UTF-8")
        self.assertEqual(sorted(open_), ["maxPayload", "pingInterval", "pingTimeout", "sid", "upgrades"])
        self.assertEqual(open_["upgrades"], ["websocket"])
        self.assertEqual((open_["pingInterval"], open_["pingTimeout"], open_["maxPayload"]), (300, 200, 1000000))
        self.assertRegex(sid, r"^[A-Za-z0-9_-]{20}$")
        ws = self.ws("EIO=4&transport=websocket")
        first = json.loads(ws.recv()[1:])
        self.assertEqual(first["upgrades"], [])
        ws.close()

    def test_error_statuses(self):
        sid, _, _ = self.handshake()
        cases = [
            ("GET", "", 400, 0),
            ("GET", "EIO=4", 400, 0),
            ("GET", "EIO=4&transport=foo", 400, 0),
            ("GET", "transport=polling", 400, 5),
            ("GET", "EIO=3&transport=polling", 400, 5),
            ("GET", "EIO=5&transport=polling", 400, 5),
            ("POST", "EIO=4&transport=polling", 400, 2),
            ("PUT", "EIO=4&transport=polling", 400, 2),
            ("GET", "EIO=4&transport=polling&sid=nope", 400, 1),
            ("GET", "EIO=4&transport=websocket", 400, 3),
            ("GET", f"EIO=4&transport=websocket&sid={sid}", 400, 3),
            ("GET", f"EIO=3&transport=polling&sid={sid}", 400, 3),
        ]
        for method, query, status, code in cases:
            with self.subTest(method=method, query=query):
                self.assertError(self.request(method, query), status, code)

    def test_refused_websocket_gets_http_error_before_101(self):
        for query, code in [("EIO=3&transport=websocket", 5), ("EIO=4&transport=websocket&sid=nope", 1),
                            ("EIO=4&transport=foo", 0)]:
            with self.subTest(query=query):
                with self.assertRaises(websocket.WebSocketBadStatusException) as ctx:
                    self.ws(query)
                self.assertEqual(ctx.exception.status_code, 400)

    def test_unknown_paths(self):
        self.assertEqual(self.request("GET", "", path="/nothing-here")[0], 404)

    # -- polling ---------------------------------------------------------------------------------
    def test_echo_batches_and_binary(self):
        sid, _, _ = self.handshake("/engine.io/")
        self.assertEqual(self.post(sid, f"4one{SEP}4two{SEP}bAQID", path="/engine.io/")[:1], (200,))
        st, headers, body = self.poll(sid, path="/engine.io/")
        self.assertEqual(st, 200)
        self.assertEqual(headers["cache-control"], "no-store")
        self.assertEqual(body.decode(), f"4one{SEP}4two{SEP}bAQID")

    def test_post_reply(self):
        sid, _, _ = self.handshake("/engine.io/")
        st, headers, body = self.post(sid, "4x", path="/engine.io/")
        self.assertEqual((st, body), (200, b"ok"))
        self.assertEqual(headers["content-type"], "text/html")

    def test_held_get_answered_by_post_on_other_connection(self):
        sid, _, _ = self.handshake("/engine.io/")
        result = {}

        def hold():
            result["get"] = self.poll(sid, path="/engine.io/")

        t = threading.Thread(target=hold)
        t.start()
        time.sleep(0.1)
        self.assertEqual(self.post(sid, "4held", path="/engine.io/")[0], 200)
        t.join(5)
        self.assertEqual(result["get"][2], b"4held")

    def test_keep_alive_sequential_requests(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        sid, _, _ = self.handshake("/engine.io/")
        for i in range(5):
            self.assertEqual(self.post(sid, f"4m{i}", path="/engine.io/", conn=conn)[0], 200)
            self.assertEqual(self.poll(sid, path="/engine.io/", conn=conn)[2], f"4m{i}".encode())
        conn.close()

    def test_duplicate_get_closes_session(self):
        sid, _, _ = self.handshake()
        first = {}
        t = threading.Thread(target=lambda: first.setdefault("r", self.poll(sid)))
        t.start()
        time.sleep(0.1)
        self.assertError(self.poll(sid), 400, 3)
        t.join(5)
        self.assertEqual(first["r"][2], b"1")
        self.assertError(self.poll(sid), 400, 1)

    def test_concurrent_posts_both_delivered_in_order(self):
        # Qt buffers each body whole before handing it over, so two POSTs racing on two
        # connections are each processed atomically; nothing is lost.
        sid, _, _ = self.handshake("/engine.io/")
        results = []
        threads = [threading.Thread(target=lambda i=i: results.append(self.post(sid, f"4p{i}", path="/engine.io/")[0]))
                   for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(5)
        self.assertEqual(results, [200, 200])
        got = self.poll(sid, path="/engine.io/")[2].decode().split(SEP)
        self.assertEqual(sorted(got), ["4p0", "4p1"])

    def test_oversize_body(self):
        sid, _, _ = self.handshake("/engine.io/")
        st, _, _ = self.post(sid, "4" + "x" * 1_000_001, path="/engine.io/")
        self.assertEqual(st, 413)
        self.assertError(self.poll(sid, path="/engine.io/"), 400, 1)
        # exactly maxPayload is fine
        sid, _, _ = self.handshake("/engine.io/")
        self.assertEqual(self.post(sid, "4" + "x" * 999_999, path="/engine.io/")[0], 200)

    def test_octet_stream_body_refused(self):
        sid, _, _ = self.handshake("/engine.io/")
        st, _, _ = self.post(sid, b"\x04abc", path="/engine.io/", headers={"Content-Type": "application/octet-stream"})
        self.assertEqual(st, 400)

    def test_invalid_utf8_body_closes_session(self):
        sid, _, _ = self.handshake("/engine.io/")
        self.assertError(self.post(sid, b"4\xff\xfe", path="/engine.io/"), 400, 3)
        self.assertError(self.poll(sid, path="/engine.io/"), 400, 1)

    def test_malformed_packet_closes_only_that_session(self):
        sid, _, _ = self.handshake("/engine.io/")
        other, _, _ = self.handshake("/engine.io/")
        self.assertEqual(self.post(sid, f"4fine{SEP}9bad", path="/engine.io/")[0], 200)
        self.assertError(self.poll(sid, path="/engine.io/"), 400, 1)
        self.assertEqual(self.post(other, "4ok", path="/engine.io/")[0], 200)
        self.assertEqual(self.poll(other, path="/engine.io/")[2], b"4ok")

    def test_client_ping_is_an_error(self):
        sid, _, _ = self.handshake("/engine.io/")
        self.post(sid, "2", path="/engine.io/")
        self.assertError(self.poll(sid, path="/engine.io/"), 400, 1)

    def test_client_close_over_polling(self):
        sid, _, _ = self.handshake("/engine.io/")
        held = {}
        t = threading.Thread(target=lambda: held.setdefault("r", self.poll(sid, path="/engine.io/")))
        t.start()
        time.sleep(0.1)
        self.post(sid, "1", path="/engine.io/")
        t.join(5)
        self.assertEqual(held["r"][2], b"6")
        self.assertError(self.poll(sid, path="/engine.io/"), 400, 1)

    # -- heartbeat -------------------------------------------------------------------------------
    def test_ping_pong_keeps_session(self):
        sid, _, _ = self.handshake("/engine.io/")
        for _ in range(4):
            started = time.monotonic()
            self.assertEqual(self.poll(sid, path="/engine.io/")[2], b"2")
            self.assertLess(time.monotonic() - started, 0.6)
            self.assertEqual(self.post(sid, "3", path="/engine.io/")[0], 200)
        self.assertEqual(self.post(sid, "4alive", path="/engine.io/")[0], 200)
        self.assertEqual(self.poll(sid, path="/engine.io/")[2], b"4alive")

    def test_ping_timeout(self):
        sid, _, _ = self.handshake("/engine.io/")
        self.assertEqual(self.poll(sid, path="/engine.io/")[2], b"2")
        time.sleep(0.3)  # past pingTimeout (200 ms) without a pong
        self.assertError(self.poll(sid, path="/engine.io/"), 400, 1)

    def test_ping_timeout_over_websocket(self):
        ws = self.ws("EIO=4&transport=websocket", path="/engine.io/")
        ws.recv()  # open
        self.assertEqual(ws.recv(), "2")
        time.sleep(0.4)
        with self.assertRaises((websocket.WebSocketConnectionClosedException, ConnectionError)):
            for _ in range(3):
                if ws.recv() in ("", None):
                    raise websocket.WebSocketConnectionClosedException()

    def test_late_pong_after_deadline_is_refused(self):
        sid, _, _ = self.handshake("/engine.io/")
        self.assertEqual(self.poll(sid, path="/engine.io/")[2], b"2")
        time.sleep(0.25)
        st, _, _ = self.post(sid, "3", path="/engine.io/")
        self.assertEqual(st, 400)

    # -- upgrade ---------------------------------------------------------------------------------
    def test_upgrade(self):
        sid, _, _ = self.handshake("/engine.io/")
        held = {}
        t = threading.Thread(target=lambda: held.setdefault("r", self.poll(sid, path="/engine.io/")))
        t.start()
        time.sleep(0.05)
        ws = self.ws(f"EIO=4&transport=websocket&sid={sid}", path="/engine.io/")
        ws.send("2probe")
        self.assertEqual(ws.recv(), "3probe")
        t.join(5)
        self.assertEqual(held["r"][2], b"6")
        ws.send("5")
        ws.send("4over ws")
        reply = ws.recv()
        while reply == "2":
            ws.send("3")
            reply = ws.recv()
        self.assertEqual(reply, "4over ws")
        self.assertError(self.poll(sid, path="/engine.io/"), 400, 3)
        # A second WebSocket for the upgraded session: the 101 completes, then it is closed.
        ws2 = self.ws(f"EIO=4&transport=websocket&sid={sid}", path="/engine.io/")
        with self.assertRaises(websocket.WebSocketConnectionClosedException):
            for _ in range(3):
                if ws2.recv() in ("", None):
                    raise websocket.WebSocketConnectionClosedException()
        ws.close()

    def test_upgrade_keeps_queued_messages_in_order(self):
        sid, _, _ = self.handshake("/engine.io/")
        ws = self.ws(f"EIO=4&transport=websocket&sid={sid}", path="/engine.io/")
        ws.send("2probe")
        self.assertEqual(ws.recv(), "3probe")
        # Messages echoed while upgrading are queued for polling; "5" must flush them, in order.
        self.post(sid, SEP.join(f"4q{i}" for i in range(5)), path="/engine.io/")
        ws.send("5")
        got = []
        while len(got) < 5:
            m = ws.recv()
            if m == "2":
                ws.send("3")
                continue
            got.append(m)
        self.assertEqual(got, [f"4q{i}" for i in range(5)])
        ws.close()

    def test_upgrade_packet_right_after_probe(self):
        sid, _, _ = self.handshake("/engine.io/")
        ws = self.ws(f"EIO=4&transport=websocket&sid={sid}", path="/engine.io/")
        ws.send("2probe")
        ws.send("5")
        ws.send("4quick")
        msgs = []
        while "4quick" not in msgs:
            m = ws.recv()
            if m == "2":
                ws.send("3")
            msgs.append(m)
        self.assertEqual(msgs[0], "3probe")
        ws.close()

    def test_garbage_during_upgrade_aborts_probe_only(self):
        sid, _, _ = self.handshake("/engine.io/")
        ws = self.ws(f"EIO=4&transport=websocket&sid={sid}", path="/engine.io/")
        ws.send("4not a probe")
        with self.assertRaises(websocket.WebSocketConnectionClosedException):
            for _ in range(3):
                if ws.recv() in ("", None):
                    raise websocket.WebSocketConnectionClosedException()
        # the polling session is still alive
        self.assertEqual(self.post(sid, "4still", path="/engine.io/")[0], 200)
        body = self.poll(sid, path="/engine.io/")[2].decode()
        self.assertIn("4still", body.split(SEP))

    def test_second_probe_while_upgrading_refused(self):
        sid, _, _ = self.handshake("/engine.io/")
        ws = self.ws(f"EIO=4&transport=websocket&sid={sid}", path="/engine.io/")
        with self.assertRaises(websocket.WebSocketBadStatusException):
            self.ws(f"EIO=4&transport=websocket&sid={sid}", path="/engine.io/")
        ws.close()

    def test_websocket_max_payload(self):
        ws = self.ws("EIO=4&transport=websocket", path="/engine.io/")
        ws.recv()
        # The server may close while the frame is still being written (the portable build reads
        # the frame header and closes at once): a broken pipe on send is the same refusal.
        with self.assertRaises((websocket.WebSocketConnectionClosedException, ConnectionError)):
            ws.send("4" + "x" * 1_000_100)
            for _ in range(3):
                if ws.recv() in ("", None):
                    raise websocket.WebSocketConnectionClosedException()

    def test_websocket_binary_echo(self):
        ws = self.ws("EIO=4&transport=websocket", path="/engine.io/")
        ws.recv()
        ws.send_binary(b"\x00\x01\x02")
        m = ws.recv()
        self.assertEqual(m, b"\x00\x01\x02")
        ws.close()

    # -- Socket.IO level -------------------------------------------------------------------------
    def expect_closed(self, ws):
        with self.assertRaises((websocket.WebSocketConnectionClosedException, ConnectionError)):
            for _ in range(10):
                m = ws.recv()
                if m in ("", None):
                    raise websocket.WebSocketConnectionClosedException()
                if m == "2":
                    ws.send("3")

    def sio_ws(self):
        ws = self.ws("EIO=4&transport=websocket")
        ws.recv()
        ws.send("40")
        m = ws.recv()
        self.assertTrue(m.startswith('40{"sid":'), m)
        self.assertEqual(ws.recv(), '42["auth",{}]')
        return ws

    def test_socketio_malformed_packets_close_connection(self):
        for bad in ['42["a",', "4X", '42{"not":"array"}', '42["connect"]', "44{}",
                    '42/custom,["x"]', "451-" + '["a",{"_placeholder":true,"num":0}]' + "\x00"]:
            with self.subTest(packet=bad):
                ws = self.sio_ws()
                ws.send(bad)
                self.expect_closed(ws)

    def test_socketio_duplicate_connect_is_answered_again(self):
        # The official client sends CONNECT twice when connect() meets autoConnect; the reference
        # server accepts it, and so does ChatHost: same socket, same sid, connection kept.
        ws = self.sio_ws()
        ws.send("40")
        again = ws.recv()
        while again == "2":
            ws.send("3")
            again = ws.recv()
        self.assertTrue(again.startswith('40{"sid":'), again)
        ws.send('42["message","still open"]')
        m = ws.recv()
        while m == "2":
            ws.send("3")
            m = ws.recv()
        self.assertEqual(m, '42["message-back","still open"]')
        ws.close()

    def test_socketio_binary_errors_close_connection(self):
        ws = self.sio_ws()
        ws.send_binary(b"unexpected")
        self.expect_closed(ws)
        ws = self.sio_ws()
        ws.send('451-["a",{"_placeholder":true,"num":3}]')
        ws.send_binary(b"x")
        self.expect_closed(ws)
        ws = self.sio_ws()
        ws.send('4511-["a"]')
        self.expect_closed(ws)

    def test_socketio_disconnect_keeps_engine_connection(self):
        ws = self.sio_ws()
        ws.send("40/custom,")
        self.assertTrue(ws.recv().startswith('40/custom,{"sid":'))
        self.assertEqual(ws.recv(), '42/custom,["auth",{}]')
        ws.send("41/custom,")
        ws.send('42["message","after"]')
        m = ws.recv()
        while m == "2":
            ws.send("3")
            m = ws.recv()
        self.assertEqual(m, '42["message-back","after"]')
        ws.close()

    def test_socketio_connect_timeout(self):
        ws = self.ws("EIO=4&transport=websocket")
        ws.recv()
        started = time.monotonic()
        self.expect_closed(ws)
        elapsed = time.monotonic() - started
        self.assertGreater(elapsed, 0.8)
        self.assertLess(elapsed, 3)

    def test_socketio_over_polling(self):
        sid = self.sio_session()
        self.post(sid, '42["message",{"b":1,"a":12345678901234567890}]')
        body = ""
        while "message-back" not in body:
            chunk = self.poll(sid)[2].decode()
            if chunk == "2":
                self.post(sid, "3")
            body += chunk
        # key order and integer precision survive the relay
        self.assertIn('42["message-back",{"b":1,"a":12345678901234567890}]', body.split(SEP))


if __name__ == "__main__":
    unittest.main()
