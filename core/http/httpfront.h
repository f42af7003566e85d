// The HTTP side of ChatHost's one port: Engine.IO endpoints (polling and WebSocket upgrades),
// the embedded Socket.IO browser client, and static pages.
#pragma once

#include "http/guardedtcpserver.h"
#include "http/staticsite.h"
#include "http/streamroute.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

namespace ChatHost::EngineIO {
class Server;
struct HttpError;
} // namespace ChatHost::EngineIO

namespace ChatHost::WebSocket {
class HeldBudget;
class QtSendBudget;
} // namespace ChatHost::WebSocket

namespace ChatHost::Http {

class HttpFront final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpFront)
public:
    // wheel: the host's one timer wheel (request, transport and protocol deadlines); it must
    // outlive the front.
    explicit HttpFront(TimerWheel *wheel, QObject *parent = nullptr);
    ~HttpFront() override;

    // Requests whose path starts with path (e.g. "/socket.io/") go to engine.
    void mount(const QString &path, EngineIO::Server *engine);
    // Pages for every other path; none means 404.
    void setSite(StaticSite *site) { m_site = site; }
    // Uploads and downloads handled by the gate, not Qt (see streamroute.h). Before start().
    void addStreamRoute(StreamRouteRule rule) { m_streamRoutes.append(std::move(rule)); }

    // Binds and listens; false with errorString() set when that fails (e.g. port in use).
    bool start(const QHostAddress &address, quint16 port, const ConnectionLimits &limits = {});
    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }
    QAbstractSocket::SocketError error() const { return m_errorCode; }

Q_SIGNALS:
    void connectionRefused(const QHostAddress &address, const QString &reason);
    void refusalsEnded(const QString &address, int refused);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void onNewWebSocketConnection();
    EngineIO::Server *engineFor(const QString &path) const;
    void updateBodyPolicy();

    // The fast path (httpfront_epoll.cpp, only in builds with CHATHOST_EPOLL_TRANSPORT):
    // upgrades to an Engine.IO path, taken by the listener and served on ChatHost's own
    // WebSocket transport. Without it Qt's HTTP server upgrades every WebSocket (QtLink).
    class FastPath;
    void createFastPath();
    void attachFastPath(GuardedTcpServer *server);

    struct Mount
    {
        QString path;
        QPointer<EngineIO::Server> engine;
    };
    QList<Mount> m_mounts;
    StaticSite *m_site = nullptr;
    QList<StreamRouteRule> m_streamRoutes;
    QPointer<GuardedTcpServer> m_server;
    TimerWheel *m_wheel;
    // Shared by every WebSocket of this front (both transports): bytes of unfinished messages,
    // and what QtLinks have queued for their peers (docs/reliability.md). Shared pointers: the
    // links may outlive the front (they belong to the engine).
    std::shared_ptr<WebSocket::HeldBudget> m_heldBudget;
    std::shared_ptr<WebSocket::QtSendBudget> m_sendBudget;
    FastPath *m_fastPath = nullptr; // a child object
    quint16 m_port = 0;
    QString m_error;
    QAbstractSocket::SocketError m_errorCode = QAbstractSocket::UnknownSocketError;
    // Why the last upgrade request was refused: handleRequest returns false, then Qt calls
    // missingHandler for the same request, where the error is written (before any 101).
    std::unique_ptr<EngineIO::HttpError> m_refusal;
};

} // namespace ChatHost::Http
