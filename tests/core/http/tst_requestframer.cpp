// Where requests begin and end, and which ones are refused before Qt sees them: tables, fed
// whole and one byte at a time.
#include "http/requestframer.h"

#include <QTest>

using namespace ChatHost::Http;

namespace {

BodyPolicy testPolicy()
{
    BodyPolicy policy;
    policy.allow("POST", "/socket.io/", 100);
    policy.allow("PUT", "/upload/", 1000000);
    policy.stream("POST", "/up");
    policy.stream("GET", "/files/");
    return policy;
}

// Feeds data in pieces of at most `piece` bytes; returns the verdicts as text, e.g.
// "complete@38 complete@76 needmore" or "refuse 431".
QString run(RequestFramer &framer, const QByteArray &data, qsizetype piece)
{
    QStringList out;
    qsizetype offset = 0;
    qsizetype pending = 0; // bytes of pieces fed whose verdict was NeedMore
    while (offset < data.size()) {
        QByteArrayView view = QByteArrayView(data).sliced(offset);
        view = view.first(qMin(view.size(), piece));
        const RequestFramer::Step step = framer.feed(view);
        if (step.kind == RequestFramer::Step::Refuse) {
            out << QStringLiteral("refuse %1").arg(step.status);
            return out.join(u' ');
        }
        offset += step.consumed;
        if (step.kind == RequestFramer::Step::Streamed) {
            // The head ends here; the body is the caller's (the framer is idle again).
            const QByteArray head = framer.streamedHead();
            out << QStringLiteral("streamed@%1 %2").arg(offset).arg(head.size());
            return out.join(u' ');
        }
        if (step.kind == RequestFramer::Step::Complete)
            out << QStringLiteral("complete@%1").arg(offset);
        pending = offset;
    }
    Q_UNUSED(pending);
    out << (framer.inRequest() ? QStringLiteral("partial") : QStringLiteral("idle"));
    return out.join(u' ');
}

} // namespace

class TestRequestFramer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void frames_data();
    void frames();
    void policy();
    void method();
    void wantsClose_data();
    void wantsClose();
};

void TestRequestFramer::frames_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");
    const QByteArray get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"; // 27 bytes
    // A row whose input is one whole request: complete at its end.
    auto addWhole = [](const char *name, const QByteArray &input) {
        QTest::newRow(name) << input << QStringLiteral("complete@%1 idle").arg(input.size());
    };
    QTest::newRow("one get") << get << "complete@27 idle";
    QTest::newRow("partial head") << get.first(20) << "partial";
    QTest::newRow("two pipelined") << get + get << "complete@27 complete@54 idle";
    QTest::newRow("bare LF lines")
            << QByteArray("GET / HTTP/1.1\nHost: a\n\n") << "complete@24 idle";
    QTest::newRow("empty lines before a request") << QByteArray("\r\n") + get << "complete@29 idle";
    addWhole("post with body within the limit",
             QByteArray("POST /socket.io/?sid=x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"));
    QTest::newRow("post with body arriving")
            << QByteArray("POST /socket.io/ HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel") << "partial";
    QTest::newRow("declared body over the route's limit")
            << QByteArray("POST /socket.io/ HTTP/1.1\r\nContent-Length: 101\r\n\r\n")
            << "refuse 413";
    QTest::newRow("declared 2 GB")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2147483648\r\n\r\n") << "refuse 413";
    QTest::newRow("body where none belongs")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx") << "refuse 413";
    addWhole("empty body where none belongs",
             QByteArray("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
    QTest::newRow("body on a GET")
            << QByteArray("GET /socket.io/ HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
            << "refuse 413";
    addWhole("chunked within the limit",
             QByteArray("POST /socket.io/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "5\r\nhello\r\n3;ext=1\r\nabc\r\n0\r\n\r\n"));
    QTest::newRow("chunked with trailer")
            << QByteArray("POST /socket.io/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "1\r\na\r\n0\r\nX-T: 1\r\n\r\n")
            << "complete@76 idle";
    QTest::newRow("chunked over the limit")
            << QByteArray("POST /socket.io/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "40\r\n")
                    + QByteArray(64, 'a') + "\r\n41\r\n"
            << "refuse 413";
    QTest::newRow("chunked 1 GB chunk")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n40000000\r\n")
            << "refuse 413";
    addWhole("chunked zero-length where none belongs",
             QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    QTest::newRow("bad chunk size")
            << QByteArray("POST /socket.io/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
            << "refuse 400";
    QTest::newRow("chunk size overflow")
            << QByteArray("POST /socket.io/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "ffffffffffffffffff\r\n")
            << "refuse 400";
    QTest::newRow("chunk data without line end")
            << QByteArray("POST /socket.io/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "1\r\naXY")
            << "refuse 400";
    QTest::newRow("length and chunked")
            << QByteArray("POST /socket.io/ HTTP/1.1\r\nContent-Length: 3\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n")
            << "refuse 400";
    QTest::newRow("other transfer coding")
            << QByteArray("POST /socket.io/ HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")
            << "refuse 501";
    QTest::newRow("two different lengths") << QByteArray(
            "POST /socket.io/ HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")
                                           << "refuse 400";
    addWhole("same length twice",
             QByteArray("POST /socket.io/ HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: "
                        "1\r\n\r\nx"));
    QTest::newRow("negative length")
            << QByteArray("POST /socket.io/ HTTP/1.1\r\nContent-Length: -1\r\n\r\n")
            << "refuse 400";
    QTest::newRow("huge query") << QByteArray("GET /?q=") + QByteArray(20000, 'a') << "refuse 431";
    QTest::newRow("huge header value")
            << QByteArray("GET / HTTP/1.1\r\nX-A: ") + QByteArray(20000, 'a') << "refuse 431";
    QTest::newRow("many headers") << QByteArray("GET / HTTP/1.1\r\n")
                    + QByteArray("X: y\r\n").repeated(5000)
                                  << "refuse 431";
    addWhole("head just within the limit",
             QByteArray("GET /") + QByteArray(1024 - 18, 'a') + " HTTP/1.1\r\n\r\n");
    QTest::newRow("head one byte over")
            << QByteArray("GET /") + QByteArray(1025 - 18, 'a') + " HTTP/1.1\r\n\r\n"
            << "refuse 431";
    QTest::newRow("malformed request line") << QByteArray("HELLO\r\n\r\n") << "refuse 400";
    QTest::newRow("not HTTP/1") << QByteArray("GET / HTTP/2.0\r\n\r\n") << "refuse 400";
    QTest::newRow("folded header")
            << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << "refuse 400";
    QTest::newRow("space before colon")
            << QByteArray("GET / HTTP/1.1\r\nA : b\r\n\r\n") << "refuse 400";
    QTest::newRow("connect") << QByteArray("CONNECT a:443 HTTP/1.1\r\n\r\n") << "refuse 405";
    addWhole("upgrade ends the framing",
             QByteArray("GET /x HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"));
    QTest::newRow("upgrade without Connection: upgrade is a plain request")
            << QByteArray("GET /x HTTP/1.1\r\nUpgrade: websocket\r\n\r\n") + "GET"
            << "complete@39 partial";
    addWhole("absolute-form target",
             QByteArray("POST http://h/socket.io/ HTTP/1.1\r\nContent-Length: 1\r\n\r\nx"));
    // Header names and the tokens in them are compared without regard to case (RFC 9110, 5.1).
    addWhole("length header in any case",
             QByteArray("POST /socket.io/ HTTP/1.1\r\ncOnTeNt-LeNgTh: 2\r\n\r\nab"));
    QTest::newRow("declared body over the limit, name in capitals")
            << QByteArray("POST /socket.io/ HTTP/1.1\r\nCONTENT-LENGTH: 101\r\n\r\n")
            << "refuse 413";
    addWhole("chunked in capitals",
             QByteArray("POST /socket.io/ HTTP/1.1\r\nTRANSFER-ENCODING: CHUNKED\r\n\r\n"
                        "1\r\na\r\n0\r\n\r\n"));
    addWhole("upgrade among connection options, any case",
             QByteArray("GET /x HTTP/1.1\r\nconnection: keep-alive, UPGRADE\r\n"
                        "UPGRADE: websocket\r\n\r\n"));
    // Streamed routes (uploads, downloads): the framer stops at the end of the head, whatever the
    // declared body, and the head is kept for the route.
    const QByteArray upload("POST /up?name=a HTTP/1.1\r\nContent-Length: 5000000000\r\n\r\n");
    QTest::newRow("streamed upload stops at its head")
            << upload + "abc" << QStringLiteral("streamed@%1 %1").arg(upload.size());
    QTest::newRow("streamed route after a complete request")
            << get + upload
            << QStringLiteral("complete@27 streamed@%1 %2")
                       .arg(get.size() + upload.size())
                       .arg(upload.size());
    const QByteArray head("HEAD /files/ab/c HTTP/1.1\r\n\r\n");
    QTest::newRow("a GET stream rule takes HEAD")
            << head << QStringLiteral("streamed@%1 %1").arg(head.size());
    QTest::newRow("other methods on a streamed path are framed as usual")
            << QByteArray("PUT /up HTTP/1.1\r\nContent-Length: 1\r\n\r\nx") << "refuse 413";
    QTest::newRow("streamed head still bound by the head limit")
            << QByteArray("POST /up?") + QByteArray(2000, 'a') << "refuse 431";
    QTest::newRow("upgrade on a POST is a plain request")
            << QByteArray("POST /x HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
                    + "GET"
            << "complete@61 partial";
}

void TestRequestFramer::frames()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    const BodyPolicy policy = testPolicy();
    {
        RequestFramer framer(&policy, 1024);
        QCOMPARE(run(framer, input, input.size()), expected);
    }
    {
        RequestFramer framer(&policy, 1024);
        QCOMPARE(run(framer, input, 1), expected);
    }
    {
        RequestFramer framer(&policy, 1024);
        QCOMPARE(run(framer, input, 7), expected);
    }
}

void TestRequestFramer::policy()
{
    const BodyPolicy policy = testPolicy();
    QCOMPARE(policy.limitFor("POST", "/socket.io/"), 100);
    QCOMPARE(policy.limitFor("POST", "/socket.io/x"), 100);
    QCOMPARE(policy.limitFor("GET", "/socket.io/"), 0);
    QCOMPARE(policy.limitFor("POST", "/"), 0);
    QCOMPARE(policy.limitFor("PUT", "/upload/a.bin"), 1000000);
    QCOMPARE(policy.limitFor("POST", "/upload/a.bin"), 0);
    QCOMPARE(BodyPolicy().limitFor("POST", "/socket.io/"), 0);
    QCOMPARE(BodyPolicy(10).limitFor("POST", "/"), 10);
}

void TestRequestFramer::method()
{
    const BodyPolicy policy = testPolicy();
    RequestFramer framer(&policy, 1024);
    const QByteArray request = "PUT /upload/f?x=1#y HTTP/1.1\r\nContent-Length: 2\r\n\r\nab";
    const RequestFramer::Step step = framer.feed(request);
    QCOMPARE(step.kind, RequestFramer::Step::Complete);
    QCOMPARE(step.consumed, request.size());
    QCOMPARE(framer.method(), QByteArray("PUT"));
    QCOMPARE(framer.path(), QByteArray("/upload/f"));
    QVERIFY(!framer.isUpgrade());
    const RequestFramer::Step upgrade = framer.feed(
            "GET /ws HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: x\r\n\r\n");
    QCOMPARE(upgrade.kind, RequestFramer::Step::Complete);
    QVERIFY(framer.isUpgrade());
}

void TestRequestFramer::wantsClose_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("close");
    QTest::newRow("1.1") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << false;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") << true;
    QTest::newRow("1.1 Close among others")
            << QByteArray("GET / HTTP/1.1\r\nConnection: TE, Close\r\n\r\n") << true;
    QTest::newRow("1.1 keep-alive")
            << QByteArray("GET / HTTP/1.1\r\nConnection: keep-alive\r\n\r\n") << false;
    QTest::newRow("1.1 a header value with close in it")
            << QByteArray("GET / HTTP/1.1\r\nX-Note: close\r\nConnection: closed\r\n\r\n") << false;
    QTest::newRow("1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << true;
    QTest::newRow("1.0 keep-alive")
            << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive and close")
            << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n") << true;
    QTest::newRow("upgrade wins") << QByteArray("GET /ws HTTP/1.1\r\nConnection: Upgrade, close\r\n"
                                                "Upgrade: websocket\r\n\r\n")
                                  << false;
    QTest::newRow("POST with a body")
            << QByteArray("POST /socket.io/ HTTP/1.1\r\nContent-Length: 2\r\n"
                          "Connection: close\r\n\r\nab")
            << true;
}

void TestRequestFramer::wantsClose()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, close);
    const BodyPolicy policy = testPolicy();
    RequestFramer framer(&policy, 1024);
    const RequestFramer::Step step = framer.feed(head);
    QCOMPARE(step.kind, RequestFramer::Step::Complete);
    QCOMPARE(framer.wantsClose(), close);
    // The next request starts afresh.
    QCOMPARE(framer.feed("GET / HTTP/1.1\r\n\r\n").kind, RequestFramer::Step::Complete);
    QVERIFY(!framer.wantsClose());
}

QTEST_GUILESS_MAIN(TestRequestFramer)
#include "tst_requestframer.moc"
