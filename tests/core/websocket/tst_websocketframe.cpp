// Table tests for the WebSocket codecs: frames the server sends, the incremental reader of
// client frames (every RFC 6455 rule it enforces), UTF-8 validation and the opening handshake.
#include "common/httpliterals.h"
#include "websocket/closecode.h"
#include "websocket/frame.h"
#include "websocket/handshake.h"

#include <QtEndian>
#include <QtTest>

using namespace ChatHost::WebSocket;

namespace {

// A client frame: masked with a fixed key unless told otherwise.
QByteArray clientFrame(quint8 opcode, const QByteArray &payload, bool fin = true, bool mask = true,
                       quint8 rsv = 0, int forceLengthForm = 0)
{
    QByteArray out;
    out.append(char((fin ? 0x80 : 0) | rsv | opcode));
    const quint8 maskBit = mask ? 0x80 : 0;
    const qsizetype n = payload.size();
    if ((n < 126 && forceLengthForm == 0) || forceLengthForm == 1) {
        out.append(char(maskBit | n));
    } else if ((n <= 0xFFFF && forceLengthForm == 0) || forceLengthForm == 2) {
        out.append(char(maskBit | 126));
        char b[2];
        qToBigEndian(quint16(n), b);
        out.append(b, 2);
    } else {
        out.append(char(maskBit | 127));
        char b[8];
        qToBigEndian(quint64(n), b);
        out.append(b, 8);
    }
    const char key[4] = {'\x12', '\x34', '\x56', '\x78'};
    if (mask)
        out.append(key, 4);
    for (qsizetype i = 0; i < n; ++i)
        out.append(mask ? char(payload[i] ^ key[i % 4]) : payload[i]);
    return out;
}

QByteArray closePayload(quint16 code, const QByteArray &reason = {})
{
    QByteArray p(2, Qt::Uninitialized);
    qToBigEndian(code, p.data());
    return p + reason;
}

struct Outcome
{
    QStringList events; // "text:..", "binary:<hex>", "ping:..", "pong:..", "close:<code>:<reason>"
    quint16 error = 0;
    qsizetype consumed = 0;
};

Outcome readAll(const QByteArray &bytes, qint64 max = 1000, qsizetype chunk = 0)
{
    MessageReader reader(max);
    Outcome o;
    const auto sink = [&o](MessageReader::Message &&m) {
        switch (m.opcode) {
        case Opcode::Text: o.events << QStringLiteral("text:") + m.text; break;
        case Opcode::Binary:
            o.events << QStringLiteral("binary:") + QString::fromLatin1(m.data.toHex());
            break;
        case Opcode::Ping: o.events << QStringLiteral("ping:") + QString::fromUtf8(m.data); break;
        case Opcode::Pong: o.events << QStringLiteral("pong:") + QString::fromUtf8(m.data); break;
        case Opcode::Close:
            o.events << QStringLiteral("close:%1:%2")
                                .arg(m.closeCode)
                                .arg(QString::fromUtf8(m.data));
            break;
        default: break;
        }
        return true;
    };
    if (chunk == 0) {
        o.consumed = reader.feed(bytes, sink);
    } else {
        // The way a socket delivers it: pieces, with what was not consumed carried over.
        QByteArray pending;
        for (qsizetype i = 0; i < bytes.size() && !reader.errorCode(); i += chunk) {
            pending += bytes.mid(i, chunk);
            const qsizetype used = reader.feed(pending, sink);
            pending.remove(0, used);
            o.consumed += used;
        }
    }
    o.error = reader.errorCode();
    return o;
}

QStringList L(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}

} // namespace

class TestWebSocketFrame : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headerForms_data()
    {
        QTest::addColumn<qint64>("length");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << qint64(0) << QByteArray::fromHex("8100");
        QTest::newRow("125") << qint64(125) << QByteArray::fromHex("817d");
        QTest::newRow("126") << qint64(126) << QByteArray::fromHex("817e007e");
        QTest::newRow("65535") << qint64(65535) << QByteArray::fromHex("817effff");
        QTest::newRow("65536") << qint64(65536) << QByteArray::fromHex("817f0000000000010000");
    }
    void headerForms()
    {
        QFETCH(qint64, length);
        QFETCH(QByteArray, expected);
        QCOMPARE(frameHeader(Opcode::Text, length), expected);
    }

    void outgoingMessages()
    {
        const OutgoingMessage text = OutgoingMessage::text("42[\"a\"]");
        QCOMPARE(text.wire(), QByteArray::fromHex("8107") + "42[\"a\"]");
        QCOMPARE(text.payload(), QByteArrayView("42[\"a\"]"));
        QVERIFY(!text.isBinary());
        const OutgoingMessage bin = OutgoingMessage::binary(QByteArray(300, 'x'));
        QCOMPARE(bin.wire().left(4), QByteArray::fromHex("827e012c"));
        QCOMPARE(bin.payload().size(), 300);
        QVERIFY(bin.isBinary());
        // Copies share the bytes: a broadcast frames once.
        const OutgoingMessage copy = text;
        QCOMPARE(copy.wire().constData(), text.wire().constData());
        // Control payloads are cut to 125 bytes.
        QCOMPARE(OutgoingMessage::control(Opcode::Pong, QByteArray(200, 'p')).payload().size(),
                 125);
    }

    void closeFrames()
    {
        QCOMPARE(OutgoingMessage::close(CloseCode::Normal).wire(), QByteArray::fromHex("880203e8"));
        QCOMPARE(OutgoingMessage::close(CloseCode::PolicyViolation, "bye").wire(),
                 QByteArray::fromHex("880503f0") + "bye");
        // A long reason is cut at a character boundary (the frame must stay valid UTF-8).
        const QByteArray reason = QString(100, QChar(0x00E9)).toUtf8(); // 200 bytes of é
        const OutgoingMessage m = OutgoingMessage::close(CloseCode::Normal, reason);
        QVERIFY(m.payload().size() <= 125);
        QVERIFY(isValidUtf8(m.payload().sliced(2)));
        QCOMPARE(m.payload().size(), 124); // 2 + 61 whole characters
    }

    void closeCodeNumbers()
    {
        // The numbers of RFC 6455, 7.4.1 (and 1013 of the IANA registry).
        QCOMPARE(toNumber(CloseCode::Normal), quint16(1000));
        QCOMPARE(toNumber(CloseCode::GoingAway), quint16(1001));
        QCOMPARE(toNumber(CloseCode::ProtocolError), quint16(1002));
        QCOMPARE(toNumber(CloseCode::NoStatus), quint16(1005));
        QCOMPARE(toNumber(CloseCode::InvalidData), quint16(1007));
        QCOMPARE(toNumber(CloseCode::PolicyViolation), quint16(1008));
        QCOMPARE(toNumber(CloseCode::TooBig), quint16(1009));
        QCOMPARE(toNumber(CloseCode::InternalError), quint16(1011));
        QCOMPARE(toNumber(CloseCode::TryAgainLater), quint16(1013));
    }

    void peerCloseCodes_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("valid");
        QTest::newRow("999") << 999 << false;
        QTest::newRow("1000 normal") << 1000 << true;
        QTest::newRow("1003 unsupported data") << 1003 << true;
        QTest::newRow("1004 reserved") << 1004 << false;
        QTest::newRow("1005 no status (never sent)") << 1005 << false;
        QTest::newRow("1006 abnormal (never sent)") << 1006 << false;
        QTest::newRow("1007 invalid data") << 1007 << true;
        QTest::newRow("1011 internal error") << 1011 << true;
        QTest::newRow("1012 not accepted") << 1012 << false;
        QTest::newRow("1013 not accepted from a peer") << 1013 << false;
        QTest::newRow("2999") << 2999 << false;
        QTest::newRow("3000 registered range") << 3000 << true;
        QTest::newRow("4999 private range") << 4999 << true;
        QTest::newRow("5000") << 5000 << false;
    }

    void peerCloseCodes()
    {
        QFETCH(int, code);
        QFETCH(bool, valid);
        QCOMPARE(isValidPeerCloseCode(quint16(code)), valid);
    }

    void utf8_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("ascii") << QByteArray("hello, world, more than eight") << true;
        QTest::newRow("two-byte") << QByteArray("\xc3\xa9") << true;
        QTest::newRow("three-byte") << QByteArray("\xe2\x82\xac") << true;
        QTest::newRow("four-byte") << QByteArray("\xf0\x9f\x98\x80") << true;
        QTest::newRow("max") << QByteArray("\xf4\x8f\xbf\xbf") << true;
        QTest::newRow("past max") << QByteArray("\xf4\x90\x80\x80") << false;
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false;
        QTest::newRow("overlong 3") << QByteArray("\xe0\x80\xaf") << false;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
        QTest::newRow("lone continuation") << QByteArray("a\x80") << false;
        QTest::newRow("truncated") << QByteArray("abc\xe2\x82") << false;
        QTest::newRow("bad continuation") << QByteArray("\xe2\x28\xa1") << false;
        QTest::newRow("ff") << QByteArray("\xff") << false;
        QTest::newRow("invalid after ascii run") << QByteArray("abcdefghijk\xc3") << false;
    }
    void utf8()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(isValidUtf8(bytes), valid);
    }

    void reader_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("events");
        QTest::addColumn<int>("error");
        const QByteArray hello = clientFrame(0x1, "hello");
        QTest::newRow("text") << hello << L({"text:hello"}) << 0;
        QTest::newRow("two frames")
                << hello + clientFrame(0x2, "\x01\x02") << L({"text:hello", "binary:0102"}) << 0;
        QTest::newRow("empty text") << clientFrame(0x1, "") << L({"text:"}) << 0;
        QTest::newRow("16-bit length")
                << clientFrame(0x1, QByteArray(300, 'a'))
                << QStringList{QStringLiteral("text:") + QString(300, u'a')} << 0;
        QTest::newRow("fragments with a ping between")
                << clientFrame(0x1, "he", false) + clientFrame(0x9, "p")
                        + clientFrame(0x0, "ll", false) + clientFrame(0x0, "o")
                << L({"ping:p", "text:hello"}) << 0;
        QTest::newRow("utf-8 split across fragments")
                << clientFrame(0x1, "\xc3", false) + clientFrame(0x0, "\xa9")
                << QStringList{QStringLiteral("text:\u00e9")} << 0;
        QTest::newRow("pong") << clientFrame(0xA, "x") << L({"pong:x"}) << 0;
        QTest::newRow("close with code")
                << clientFrame(0x8, closePayload(1001, "away")) << L({"close:1001:away"}) << 0;
        QTest::newRow("close without code") << clientFrame(0x8, "") << L({"close:1005:"}) << 0;
        QTest::newRow("close private code")
                << clientFrame(0x8, closePayload(4000)) << L({"close:4000:"}) << 0;
        QTest::newRow("unmasked") << clientFrame(0x1, "hi", true, false) << QStringList{} << 1002;
        QTest::newRow("rsv1") << clientFrame(0x1, "hi", true, true, 0x40) << QStringList{} << 1002;
        QTest::newRow("opcode 3") << clientFrame(0x3, "hi") << QStringList{} << 1002;
        QTest::newRow("opcode 0xB") << clientFrame(0xB, "") << QStringList{} << 1002;
        QTest::newRow("fragmented ping") << clientFrame(0x9, "p", false) << QStringList{} << 1002;
        QTest::newRow("long ping")
                << clientFrame(0x9, QByteArray(126, 'p')) << QStringList{} << 1002;
        QTest::newRow("continuation first") << clientFrame(0x0, "x") << QStringList{} << 1002;
        QTest::newRow("text inside fragments")
                << clientFrame(0x1, "a", false) + clientFrame(0x1, "b") << QStringList{} << 1002;
        QTest::newRow("invalid utf-8") << clientFrame(0x1, "\xff") << QStringList{} << 1007;
        QTest::newRow("invalid utf-8 after a good one")
                << hello + clientFrame(0x1, "\xc0\xaf") << L({"text:hello"}) << 1007;
        QTest::newRow("too big") << clientFrame(0x2, QByteArray(1001, 'x')) << QStringList{}
                                 << 1009;
        QTest::newRow("too big in fragments") << clientFrame(0x2, QByteArray(600, 'x'), false)
                        + clientFrame(0x0, QByteArray(600, 'x'))
                                              << QStringList{} << 1009;
        QTest::newRow("exactly the limit")
                << clientFrame(0x2, QByteArray(1000, '\0'))
                << QStringList{QStringLiteral("binary:") + QString(2000, u'0')} << 0;
        QTest::newRow("non-minimal 16-bit length")
                << clientFrame(0x1, "hi", true, true, 0, 2) << QStringList{} << 1002;
        QTest::newRow("non-minimal 64-bit length")
                << clientFrame(0x1, "hi", true, true, 0, 3) << QStringList{} << 1002;
        QTest::newRow("close one byte") << clientFrame(0x8, "x") << QStringList{} << 1002;
        QTest::newRow("close code 1005")
                << clientFrame(0x8, closePayload(1005)) << QStringList{} << 1002;
        QTest::newRow("close code 999")
                << clientFrame(0x8, closePayload(999)) << QStringList{} << 1002;
        QTest::newRow("close bad reason")
                << clientFrame(0x8, closePayload(1000, "\xff")) << QStringList{} << 1007;
    }
    void reader()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, events);
        QFETCH(int, error);
        const Outcome whole = readAll(input);
        QCOMPARE(whole.events, events);
        QCOMPARE(int(whole.error), error);
        if (error == 0)
            QCOMPARE(whole.consumed, input.size());
        // Byte by byte and in odd pieces the result is the same.
        for (qsizetype chunk : {1, 3, 7}) {
            const Outcome pieces = readAll(input, 1000, chunk);
            QCOMPARE(pieces.events, events);
            QCOMPARE(int(pieces.error), error);
        }
    }

    void readerRefusesHugeLengthBeforePayload()
    {
        // A header announcing 2^40 bytes fails at once: nothing waits for (or buffers) them.
        QByteArray header = QByteArray::fromHex("82ff");
        char b[8];
        qToBigEndian(quint64(1) << 40, b);
        header.append(b, 8);
        header.append("\x01\x02\x03\x04", 4);
        const Outcome o = readAll(header);
        QCOMPARE(int(o.error), 1009);
        QByteArray highBit = QByteArray::fromHex("82ff8000000000000000") + "abcd";
        QCOMPARE(int(readAll(highBit).error), 1002);
    }

    void incompleteFrameIsNotConsumed()
    {
        const QByteArray frame = clientFrame(0x1, "hello");
        const Outcome o = readAll(frame.left(frame.size() - 1));
        QVERIFY(o.events.isEmpty());
        QCOMPARE(o.consumed, 0);
        QCOMPARE(int(o.error), 0);
    }

    void headEnd_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("end");
        QTest::newRow("complete") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\nrest") << 27;
        QTest::newRow("incomplete") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n") << 0;
        QTest::newRow("empty") << QByteArray() << 0;
        QTest::newRow("not http") << QByteArray("\x16\x03\x01\x02") << -1;
        QTest::newRow("too long") << QByteArray("GET /") + QByteArray(kMaxRequestHead, 'a') << -1;
    }
    void headEnd()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, end);
        QCOMPARE(int(findHeadEnd(data)), end);
    }

    void parseHead()
    {
        const auto head = parseRequestHead("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                                           "Host: 127.0.0.1:3000\r\n"
                                           "Upgrade:  WebSocket \r\n"
                                           "Connection: keep-alive, Upgrade\r\n"
                                           "Sec-WebSocket-Version: 13\r\n"
                                           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        QVERIFY(head);
        QCOMPARE(head->method, QByteArray("GET"));
        QCOMPARE(head->path(), QByteArray("/socket.io/"));
        QCOMPARE(head->query(), QByteArray("EIO=4&transport=websocket"));
        QCOMPARE(head->header("upgrade"), QByteArray("WebSocket"));
        QCOMPARE(head->header("HOST"), QByteArray("127.0.0.1:3000"));
        QVERIFY(wantsWebSocket(*head));
        QVERIFY(!checkUpgradeRequest(*head));
    }

    void badHeads_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("no target") << QByteArray("GET HTTP/1.1\r\n\r\n");
        QTest::newRow("absolute target") << QByteArray("GET http://x/ HTTP/1.1\r\n\r\n");
        QTest::newRow("extra space") << QByteArray("GET /  HTTP/1.1\r\n\r\n");
        QTest::newRow("not http") << QByteArray("GET / FTP/1.0\r\n\r\n");
        QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\n\r\n");
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost\r\n\r\n");
        QTest::newRow("folded line") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n");
        QTest::newRow("space in name") << QByteArray("GET / HTTP/1.1\r\nA b: c\r\n\r\n");
        QTest::newRow("control in value") << QByteArray("GET / HTTP/1.1\r\nA: b\x01\r\n\r\n");
        QTest::newRow("control in target") << QByteArray("GET /\x7f HTTP/1.1\r\n\r\n");
    }
    void badHeads()
    {
        QFETCH(QByteArray, head);
        QVERIFY(!parseRequestHead(head));
    }

    void upgradeChecks_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("status");
        const QByteArray good = "Host: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                "Sec-WebSocket-Version: 13\r\n";
        const QByteArray key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        QTest::newRow("ok") << "GET / HTTP/1.1\r\n" + good + key << 0;
        QTest::newRow("post") << "POST / HTTP/1.1\r\n" + good + key << 400;
        QTest::newRow("http/1.0") << "GET / HTTP/1.0\r\n" + good + key << 400;
        QTest::newRow("no key") << "GET / HTTP/1.1\r\n" + good << 400;
        QTest::newRow("short key") << "GET / HTTP/1.1\r\n" + good + "Sec-WebSocket-Key: AAAA\r\n"
                                   << 400;
        QTest::newRow("version 8")
                << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: "
                              "Upgrade\r\nSec-WebSocket-Version: 8\r\n")
                        + key
                << 426;
        QTest::newRow("no connection upgrade")
                << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
                              "Sec-WebSocket-Version: 13\r\n")
                        + key
                << 400;
        QTest::newRow("no host") << QByteArray(
                                            "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: "
                                            "Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                        + key << 400;
    }
    void upgradeChecks()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        const QByteArray whole = head + "\r\n";
        const auto parsed = parseRequestHead(whole);
        QVERIFY(parsed);
        const auto refusal = checkUpgradeRequest(*parsed);
        QCOMPARE(refusal ? refusal->status : 0, status);
        if (refusal)
            QVERIFY(!refusal->reason.isEmpty());
    }

    void acceptKeyFromRfc()
    {
        // The example of RFC 6455, section 1.3.
        QCOMPARE(acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        const QByteArray answer = switchingProtocols("dGhlIHNhbXBsZSBub25jZQ==");
        QVERIFY(answer.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
        QVERIFY(answer.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
        QVERIFY(answer.endsWith("\r\n\r\n"));
    }

    void refusalResponse()
    {
        const QByteArray r
                = httpResponse(426, "text/plain", "no", {{"Sec-WebSocket-Version", "13"}});
        QVERIFY(r.startsWith("HTTP/1.1 426 Upgrade Required\r\n"));
        QVERIFY(r.contains("\r\nContent-Length: 2\r\n"));
        QVERIFY(r.contains("\r\nConnection: close\r\n"));
        QVERIFY(r.contains("\r\nSec-WebSocket-Version: 13\r\n"));
        QVERIFY(r.endsWith("\r\n\r\nno"));
    }

    void answersAreByteExact()
    {
        QCOMPARE(switchingProtocols("dGhlIHNhbXBsZSBub25jZQ=="),
                 QByteArray("HTTP/1.1 101 Switching Protocols\r\n"
                            "Upgrade: websocket\r\n"
                            "Connection: Upgrade\r\n"
                            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"));
        QCOMPARE(httpResponse(503, "text/plain; charset=utf-8", "busy\n", {{"Retry-After", "10"}}),
                 QByteArray("HTTP/1.1 503 Service Unavailable\r\n"
                            "Content-Type: text/plain; charset=utf-8\r\n"
                            "Content-Length: 5\r\n"
                            "Connection: close\r\n"
                            "Retry-After: 10\r\n\r\nbusy\n"));
    }

    void statusLines_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("101") << 101 << QByteArray("HTTP/1.1 101 Switching Protocols\r\n");
        QTest::newRow("400") << 400 << QByteArray("HTTP/1.1 400 Bad Request\r\n");
        QTest::newRow("404") << 404 << QByteArray("HTTP/1.1 404 Not Found\r\n");
        QTest::newRow("405") << 405 << QByteArray("HTTP/1.1 405 Method Not Allowed\r\n");
        QTest::newRow("413") << 413 << QByteArray("HTTP/1.1 413 Content Too Large\r\n");
        QTest::newRow("426") << 426 << QByteArray("HTTP/1.1 426 Upgrade Required\r\n");
        QTest::newRow("429") << 429 << QByteArray("HTTP/1.1 429 Too Many Requests\r\n");
        QTest::newRow("431") << 431
                             << QByteArray("HTTP/1.1 431 Request Header Fields Too Large\r\n");
        QTest::newRow("501") << 501 << QByteArray("HTTP/1.1 501 Not Implemented\r\n");
        QTest::newRow("503") << 503 << QByteArray("HTTP/1.1 503 Service Unavailable\r\n");
        QTest::newRow("unlisted") << 418 << QByteArray("HTTP/1.1 418 Error\r\n");
    }

    void statusLines()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, line);
        QCOMPARE(ChatHost::HttpLiterals::statusLine(status), line);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketFrame)
#include "tst_websocketframe.moc"
