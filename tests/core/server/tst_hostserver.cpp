// The Socket.IO server's C++ API, in process: a HostServer on port 0 and raw WebSocket clients.
// Covers what only the server side can observe (a broadcast is encoded once; handlers and rooms
// as the API promises).
#include "server/hostserver.h"
#include "socketio/namespace.h"
#include "socketio/packet.h"
#include "socketio/socket.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

using namespace ChatHost;
using namespace Qt::StringLiterals;

namespace {

// A minimal raw client: Engine.IO over WebSocket, answers pings, records messages.
class RawClient : public QObject
{
    Q_OBJECT
public:
    explicit RawClient(quint16 port)
    {
        connect(&ws, &QWebSocket::textMessageReceived, this, [this](const QString &m) {
            if (m == u"2") {
                ws.sendTextMessage(u"3"_s);
                return;
            }
            received.append(m);
        });
        ws.open(QUrl(u"ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket"_s.arg(port)));
    }
    bool waitFor(const QString &prefix, int timeout = 5000)
    {
        return QTest::qWaitFor(
                [&] {
                    return std::any_of(received.begin(), received.end(),
                                       [&](const QString &m) { return m.startsWith(prefix); });
                },
                timeout);
    }
    int count(const QString &text) const { return int(received.count(text)); }
    QWebSocket ws;
    QStringList received;
};

} // namespace

class TestHostServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listensOnPortZero();
    void broadcastIsEncodedOnce();
    void handlersAcksAndRooms();
    void portInUseIsAnError();
    void oneWheelForEveryDeadline();

private:
    std::unique_ptr<HostServer> m_host;
    std::vector<std::unique_ptr<RawClient>> connectClients(int n);
};

void TestHostServer::initTestCase()
{
    qRegisterMetaType<SocketIO::Socket *>();
}

void TestHostServer::init()
{
    HostOptions o;
    o.bindAddress = QHostAddress::LocalHost;
    o.port = 0;
    m_host = std::make_unique<HostServer>(o);
    m_host->io()->of(u"/"_s);
    QVERIFY2(m_host->start(), qPrintable(m_host->errorString()));
}

void TestHostServer::cleanup()
{
    m_host.reset();
}

std::vector<std::unique_ptr<RawClient>> TestHostServer::connectClients(int n)
{
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < n; ++i) {
        clients.push_back(std::make_unique<RawClient>(m_host->port()));
        RawClient *c = clients.back().get();
        if (!c->waitFor(u"0{"_s))
            return {};
        c->ws.sendTextMessage(u"40"_s);
        if (!c->waitFor(u"40{\"sid\":"_s))
            return {};
    }
    return clients;
}

void TestHostServer::listensOnPortZero()
{
    QVERIFY(m_host->port() > 0);
    QVERIFY(m_host->isListening());
    QVERIFY(!m_host->urls().isEmpty());
}

void TestHostServer::broadcastIsEncodedOnce()
{
    auto clients = connectClients(5);
    QCOMPARE(int(clients.size()), 5);
    QCOMPARE(m_host->io()->of(u"/"_s)->socketCount(), 5);
    const quint64 before = SocketIO::encodedPacketCount();
    m_host->io()->of(u"/"_s)->emit(u"news"_s,
                                   {SocketIO::JsonValue(u"x"_s), SocketIO::JsonValue(7)});
    QCOMPARE(SocketIO::encodedPacketCount() - before, quint64(1));
    for (auto &c : clients)
        QVERIFY(c->waitFor(u"42[\"news\",\"x\",7]"_s));
}

void TestHostServer::handlersAcksAndRooms()
{
    SocketIO::Namespace *nsp = m_host->io()->of(u"/"_s);
    QList<SocketIO::Socket *> connected;
    nsp->onConnection([&](SocketIO::Socket *s) {
        connected.append(s);
        s->on(u"join"_s, [s](const SocketIO::Arguments &args, const SocketIO::AckFunction &ack) {
            s->join(args.at(0).toString());
            ack({SocketIO::JsonValue(true)});
            ack({SocketIO::JsonValue(false)}); // only the first answer counts
        });
    });
    auto clients = connectClients(3);
    QCOMPARE(connected.size(), 3);
    clients[0]->ws.sendTextMessage(u"421[\"join\",\"r\"]"_s);
    clients[1]->ws.sendTextMessage(u"422[\"join\",\"r\"]"_s);
    QVERIFY(clients[0]->waitFor(u"431[true]"_s));
    QVERIFY(clients[1]->waitFor(u"432[true]"_s));
    QTest::qWait(50);
    QCOMPARE(clients[0]->count(u"431[false]"_s), 0);
    QCOMPARE(nsp->socketsInRoom(u"r"_s).size(), 2);
    // to(room) from a socket excludes it; from the namespace includes everyone in the room.
    connected[0]->to(u"r"_s).emit(u"m"_s, {SocketIO::JsonValue(1)});
    nsp->to(u"r"_s).emit(u"m"_s, {SocketIO::JsonValue(2)});
    QVERIFY(clients[1]->waitFor(u"42[\"m\",2]"_s));
    QCOMPARE(clients[1]->count(u"42[\"m\",1]"_s), 1);
    QCOMPARE(clients[0]->count(u"42[\"m\",1]"_s), 0);
    QCOMPARE(clients[0]->count(u"42[\"m\",2]"_s), 1);
    QCOMPARE(clients[2]->count(u"42[\"m\",2]"_s), 0);
    // The server asks for an ack and gets the client's answer.
    bool answered = false;
    connected[2]->emitWithAck(u"q"_s, {}, 2000, [&](bool timedOut, const SocketIO::Arguments &a) {
        answered = !timedOut && a.size() == 1 && a[0].toString() == u"yes";
    });
    QVERIFY(clients[2]->waitFor(u"420[\"q\"]"_s));
    clients[2]->ws.sendTextMessage(u"430[\"yes\"]"_s);
    QTRY_VERIFY(answered);
    // A client that leaves is out of its rooms.
    QSignalSpy gone(nsp, &SocketIO::Namespace::socketDisconnected);
    clients[1]->ws.close();
    QTRY_COMPARE(gone.size(), 1);
    QCOMPARE(nsp->socketsInRoom(u"r"_s).size(), 1);

    // Each socket is in the room named by its id (kept implicitly), and can leave it; another
    // socket can join it too.
    SocketIO::Socket *first = connected[0];
    SocketIO::Socket *third = connected[2];
    QVERIFY(first->rooms().contains(first->id()));
    QCOMPARE(nsp->socketsInRoom(first->id()), QSet<SocketIO::Socket *>{first});
    nsp->to(first->id()).emit(u"own"_s, {SocketIO::JsonValue(1)});
    QVERIFY(clients[0]->waitFor(u"42[\"own\",1]"_s));
    third->join(first->id());
    QCOMPARE(nsp->socketsInRoom(first->id()).size(), 2);
    first->leave(first->id());
    QCOMPARE(nsp->socketsInRoom(first->id()), QSet<SocketIO::Socket *>{third});
    nsp->to(first->id()).emit(u"own"_s, {SocketIO::JsonValue(2)});
    QVERIFY(clients[2]->waitFor(u"42[\"own\",2]"_s));
    QCOMPARE(clients[0]->count(u"42[\"own\",2]"_s), 0);
    // Handlers registered again for the same event replace the first one.
    int calls = 0;
    third->on(u"twice"_s,
              [&](const SocketIO::Arguments &, const SocketIO::AckFunction &) { calls += 1; });
    third->on(u"twice"_s,
              [&](const SocketIO::Arguments &, const SocketIO::AckFunction &) { calls += 10; });
    clients[2]->ws.sendTextMessage(u"42[\"twice\"]"_s);
    QTRY_COMPARE(calls, 10);
}

void TestHostServer::portInUseIsAnError()
{
    HostOptions o;
    o.bindAddress = QHostAddress::LocalHost;
    o.port = m_host->port();
    HostServer second(o);
    QVERIFY(!second.start());
    QVERIFY(second.errorString().contains(QString::number(o.port)));
    QVERIFY(!second.isListening());
}

QTEST_GUILESS_MAIN(TestHostServer)
// The listener's head timeout, a gated connection's idle deadline and a session's heartbeat
// are all nodes of the host's one wheel; no part of the port has a wheel or timer of its own.
void TestHostServer::oneWheelForEveryDeadline()
{
    TimerWheel *wheel = m_host->wheel();
    QCOMPARE(m_host->engine()->wheel(), wheel);
    const int base = wheel->activeTimers();

    QTcpSocket plain;
    plain.connectToHost(QHostAddress::LocalHost, m_host->port());
    QVERIFY(plain.waitForConnected(5000));
    // Waiting for its head: one deadline, on the host's wheel.
    QTRY_COMPARE_WITH_TIMEOUT(wheel->activeTimers(), base + 1, 5000);
    plain.write("GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(plain.bytesAvailable() > 0
                                     && plain.peek(plain.bytesAvailable()).contains("\r\n\r\n"),
                             5000);
    // Answered and kept alive: the gate's idle deadline replaced the head deadline.
    QTRY_COMPARE_WITH_TIMEOUT(wheel->activeTimers(), base + 1, 5000);

    RawClient client(m_host->port());
    QVERIFY(client.waitFor(u"0{"_s));
    // The session's heartbeat (and Socket.IO's connect timeout) join the same wheel.
    QVERIFY(wheel->activeTimers() >= base + 2);

    plain.disconnectFromHost();
    client.ws.close();
    QTRY_COMPARE_WITH_TIMEOUT(wheel->activeTimers(), base, 10000);
}

#include "tst_hostserver.moc"
