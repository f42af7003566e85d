// Routing of every HTTP request and WebSocket upgrade on ChatHost's port.
#include "http/httpfront.h"

#include "common/httpreply.h"
#include "common/logging.h"
#include "engineio/server.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QWebSocket>

namespace ChatHost::Http {

namespace {

bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive)
            == 0;
}

} // namespace

HttpFront::HttpFront(QObject *parent)
    : QAbstractHttpServer(parent)
{
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this,
            &HttpFront::onNewWebSocketConnection);
}

HttpFront::~HttpFront() = default;

void HttpFront::mount(const QString &path, EngineIO::Server *engine)
{
    m_mounts.append({path, engine});
}

bool HttpFront::start(const QHostAddress &address, quint16 port, const ConnectionLimits &limits)
{
    auto *server = new GuardedTcpServer(limits, this);
    connect(server, &GuardedTcpServer::connectionRefused, this, &HttpFront::connectionRefused);
    // A connection storm must not overflow the accept queue (Qt's default backlog is 50).
    server->setListenBacklogSize(4096);
    if (!server->listen(address, port)) {
        m_error = server->errorString();
        m_errorCode = server->serverError();
        delete server;
        return false;
    }
    m_port = server->serverPort();
    bind(server);
    return true;
}

EngineIO::Server *HttpFront::engineFor(const QString &path) const
{
    for (const Mount &m : m_mounts) {
        if (m.engine && (path == m.path || path.startsWith(m.path)))
            return m.engine;
    }
    return nullptr;
}

bool HttpFront::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Chat frames are small: without TCP_NODELAY, Nagle's algorithm and delayed ACKs hold some
    // back for ~40 ms. Once per connection (keep-alive requests reuse the socket).
    GuardedTcpServer::markActive(socket);
    if (!socket->property("chathostNoDelay").toBool()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setProperty("chathostNoDelay", true);
    }
    const QString path = request.url().path();
    // The client bundle lives under the Engine.IO path, as in socket.io.
    if (m_site && !isWebSocketUpgrade(request) && StaticSite::isClientFile(path)) {
        QHttpServerResponder responder = makeResponder(request, socket);
        m_site->serve(request, responder);
        return true;
    }
    if (EngineIO::Server *engine = engineFor(path)) {
        if (isWebSocketUpgrade(request)) {
            if (auto error = engine->checkUpgradeRequest(request)) {
                m_refusal = std::make_unique<EngineIO::HttpError>(*error);
                return false;
            }
            return true; // Qt completes the handshake, then newWebSocketConnection
        }
        engine->handlePollingRequest(
                request, std::make_unique<QHttpServerResponder>(makeResponder(request, socket)));
        return true;
    }
    if (isWebSocketUpgrade(request))
        return false;
    if (m_site) {
        QHttpServerResponder responder = makeResponder(request, socket);
        if (m_site->serve(request, responder))
            return true;
        writeReply(responder, 404,
                   {{QByteArrayLiteral("Content-Type"),
                     QByteArrayLiteral("text/plain; charset=utf-8")},
                    {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}},
                   QByteArrayLiteral("Not Found"));
        return true;
    }
    return false;
}

void HttpFront::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    if (m_refusal) {
        const std::unique_ptr<EngineIO::HttpError> error = std::move(m_refusal);
        writeReply(responder, error->status,
                   {{QByteArrayLiteral("Content-Type"), error->contentType}}, error->body);
        return;
    }
    writeReply(
            responder, 404,
            {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")}},
            QByteArrayLiteral("Not Found"));
}

void HttpFront::onNewWebSocketConnection()
{
    while (hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection();
        if (!socket)
            continue;
        EngineIO::Server *engine = engineFor(socket->requestUrl().path());
        if (!engine) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated);
            continue;
        }
        engine->handleWebSocket(socket.release());
    }
}

} // namespace ChatHost::Http
