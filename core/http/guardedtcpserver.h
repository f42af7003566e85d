// The listening socket, guarded: caps on connections in total and per address (a clear 503 to
// whoever is over), and a header timeout so that connections that never finish their request
// (slowloris, half-open sockets) are dropped. Qt 6.4's HTTP server has none of these.
//
// With the epoll transport (Linux, CHATHOST_EPOLL_TRANSPORT: guardedtcpserver_epoll.cpp), each
// new connection's first request head is peeked at (MSG_PEEK, nothing consumed) before Qt sees
// the socket: a WebSocket upgrade the router wants goes to ChatHost's own WebSocket transport,
// everything else to Qt's HTTP server, bytes intact. Without it (the portable build), every
// connection goes through the gate to Qt's HTTP server, which upgrades WebSockets itself; the
// caps, the header timeout and the gate's limits are the same.
#pragma once

#include "http/connectionthrottle.h"
#include "http/requestframer.h"
#include "websocket/handshake.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QTcpSocket;

namespace ChatHost {
class TimerWheel;
}

namespace ChatHost::WebSocket {
class Reactor;
}

namespace ChatHost::Http {

struct GateShared;
struct StreamRouteRule;

struct ConnectionLimits
{
    int maxConnections = 20000;
    // One device's tabs over both transports (a page load takes up to 6 connections, each tab
    // one WebSocket and, while upgrading, up to 2 polling requests), or a family behind one
    // router; not a whole classroom. Raise it for benchmarks and networks behind one NAT address.
    int maxPerAddress = 64;
    // New connections one address may open at once, refilled at this many per period: tabs are
    // opened by hand, not hundreds a second. 0: no limit.
    int newPerAddress = 64;
    int newPerAddressPeriodMs = 4000;
    int headerTimeoutMs = 10000; // time to send a whole request head after connecting
    // The connections handed to Qt's HTTP server (see httpgate.h):
    int maxRequestHead = 16 * 1024; // request line + headers; past it 431
    int idleTimeoutMs = 60000; // keep-alive connection with no request, or a stalled body
    int sendTimeoutMs = 30000; // unsent answer bytes that make no progress: closed
    qint64 pipelineWriteCap = 64 * 1024; // no next request for Qt while more is unsent
    qint64 maxHeldBytes = 256 * 1024 * 1024; // all connections' unread requests + unsent answers
};

class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)
public:
    class UpgradeRouter
    {
    public:
        // Whether this upgrade request is for the fast path (e.g. its path is an Engine.IO one).
        virtual bool wantsUpgrade(const WebSocket::RequestHead &head) = 0;
        // Takes over fd, whose request head has been read; release() must run once when fd is
        // closed (it frees the connection's slot).
        virtual void adoptUpgrade(int fd, const QHostAddress &peer, WebSocket::RequestHead head,
                                  std::function<void()> release)
                = 0;

    protected:
        ~UpgradeRouter() = default;
    };

    // wheel: the host's one timer wheel, for the request-head, body, idle and send timeouts.
    GuardedTcpServer(const ConnectionLimits &limits, TimerWheel *wheel, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    // The epoll transport (only in builds with CHATHOST_EPOLL_TRANSPORT).
    void setFastPath(WebSocket::Reactor *reactor, UpgradeRouter *router);
    // The largest request body per route, for the connections handed to Qt.
    void setBodyPolicy(const BodyPolicy &policy);
    // Uploads and downloads the gate hands to their routes (see streamroute.h).
    void setStreamRoutes(const QList<StreamRouteRule> &routes);
    // Told of each request refused with 413 before its body was read (method, target).
    void setBodyRefusedHook(std::function<void(const QByteArray &, const QByteArray &)> hook);

Q_SIGNALS:
    // Once per address per episode of refusals (not once per connection)...
    void connectionRefused(const QHostAddress &address, const QString &reason);
    // ...and once when the episode is over (no refusal for a few seconds).
    void refusalsEnded(const QString &address, int refused);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    class PendingHead; // a nested class: it sees the private members without a friend
    static QString addressKey(const QHostAddress &address);
    // Counts a new connection from peer, or returns the answer that refuses it (a cap is
    // reached; the refusal is reported once per episode).
    std::optional<QByteArray> admit(const QHostAddress &peer, const QString &key);
    // The epoll transport's accept and hand-over (guardedtcpserver_epoll.cpp).
    void acceptOnReactor(qintptr descriptor);
    void handToQt(int fd, const QString &key, int headDeadlineMs);
    void releaseSlot(const QString &key);
    // releaseSlot(key) for whoever ends the connection later (safe if this server is gone).
    std::function<void()> releaser(const QString &key);

    void reportEndedEpisodes();

    ConnectionLimits m_limits;
    ConnectionThrottle m_throttle;
    QElapsedTimer m_clock;
    QTimer m_episodeTimer;
    int m_total = 0;
    QHash<QString, int> m_perAddress;
    WebSocket::Reactor *m_reactor = nullptr;
    UpgradeRouter *m_router = nullptr;
    std::shared_ptr<GateShared> m_gate;
};

} // namespace ChatHost::Http
