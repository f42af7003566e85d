// Routing of every HTTP request and WebSocket upgrade on ChatHost's port.
#include "http/httpfront.h"

#include "common/httpliterals.h"
#include "common/httpreply.h"
#include "common/logging.h"
#include "engineio/server.h"
#include "websocket/qtlink.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QWebSocket>

namespace ChatHost::Http {

using namespace HttpLiterals;

namespace {

constexpr qint64 kSmallBody = 4096; // bytes of body accepted on routes that take none

bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    // Qt compares header names without regard to case.
    return request.value(upgradeHeader()).compare(websocketValue(), Qt::CaseInsensitive) == 0;
}

EngineIO::Handshake handshakeFrom(const QWebSocket &socket)
{
    EngineIO::Handshake h;
    h.address = socket.peerAddress();
    h.query = QUrlQuery(socket.requestUrl());
    const QNetworkRequest request = socket.request();
    for (const QByteArray &name : request.rawHeaderList())
        h.headers.append({name, request.rawHeader(name)});
    h.time = QDateTime::currentDateTimeUtc();
    return h;
}

} // namespace

HttpFront::HttpFront(TimerWheel *wheel, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_wheel(wheel)
    , m_heldBudget(std::make_shared<WebSocket::HeldBudget>())
    , m_sendBudget(std::make_shared<WebSocket::QtSendBudget>())
{
#if CHATHOST_EPOLL_TRANSPORT
    createFastPath();
#endif
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this,
            &HttpFront::onNewWebSocketConnection);
}

HttpFront::~HttpFront() = default;

void HttpFront::mount(const QString &path, EngineIO::Server *engine)
{
    m_mounts.append({path, engine});
    updateBodyPolicy();
}

void HttpFront::updateBodyPolicy()
{
    if (!m_server)
        return;
    // Large bodies only where they belong: Engine.IO's polling POSTs, up to its maxPayload.
    // Anything else that needs one (e.g. an upload) needs its own rule here. Other requests may
    // carry a few bytes, so that their route answers as it always has (405, 404); a larger body
    // is refused with 413 before it is read.
    BodyPolicy bodies(kSmallBody);
    for (const StreamRouteRule &rule : std::as_const(m_streamRoutes))
        bodies.stream(rule.method, rule.pathPrefix);
    for (const Mount &m : std::as_const(m_mounts)) {
        if (m.engine)
            bodies.allow(QByteArrayLiteral("POST"), m.path.toUtf8(),
                         m.engine->options().maxPayload);
    }
    m_server->setBodyPolicy(bodies);
}

bool HttpFront::start(const QHostAddress &address, quint16 port, const ConnectionLimits &limits)
{
    auto *server = new GuardedTcpServer(limits, m_wheel, this);
#if CHATHOST_EPOLL_TRANSPORT
    attachFastPath(server);
#endif
    m_server = server;
    server->setStreamRoutes(m_streamRoutes);
    updateBodyPolicy();
    // A polling POST refused before its body was read ends its session, as one read would.
    server->setBodyRefusedHook(
            [self = QPointer<HttpFront>(this)](const QByteArray &method, const QByteArray &target) {
                const QUrl url(QString::fromUtf8(target));
                if (self && method == "POST")
                    if (EngineIO::Server *engine = self->engineFor(url.path()))
                        engine->bodyRefused(QUrlQuery(url));
            });
    connect(server, &GuardedTcpServer::connectionRefused, this, &HttpFront::connectionRefused);
    connect(server, &GuardedTcpServer::refusalsEnded, this, &HttpFront::refusalsEnded);
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
            // What RFC 6455 requires first, with the answers of the own transport (426 names
            // the version), then Engine.IO's checks.
            WebSocket::RequestHead head;
            head.method = request.method() == QHttpServerRequest::Method::Get
                    ? QByteArrayLiteral("GET")
                    : QByteArrayLiteral("OTHER");
            head.version = http11();
            head.headers = request.headers();
            if (auto refusal = WebSocket::checkUpgradeRequest(head)) {
                m_refusal = std::make_unique<EngineIO::HttpError>(
                        EngineIO::HttpError{refusal->status, refusal->reason, textPlainUtf8()});
                return false;
            }
            if (auto error
                = engine->checkUpgradeRequest(EngineIO::Server::handshakeFrom(request))) {
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
        writeReply(responder, Status::NotFound,
                   {{contentTypeHeader(), textPlainUtf8()},
                    {contentTypeOptionsHeader(), nosniffValue()}},
                   QByteArrayLiteral("Not Found"));
        return true;
    }
    return false;
}

void HttpFront::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    if (m_refusal) {
        // A refused upgrade: the answer, then the connection ends (as on the own transport).
        const std::unique_ptr<EngineIO::HttpError> error = std::move(m_refusal);
        HeaderList headers{{contentTypeHeader(), error->contentType},
                           {connectionHeader(), closeValue()}};
        if (error->status == Status::UpgradeRequired)
            headers.append({secWebSocketVersionHeader(), webSocketVersion13()});
        writeReply(responder, error->status, headers, error->body);
        socket->disconnectFromHost();
        return;
    }
    writeReply(responder, Status::NotFound, {{contentTypeHeader(), textPlainUtf8()}},
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
            socket->close(WebSocket::toQt(WebSocket::CloseCode::PolicyViolation));
            continue;
        }
        socket->setMaxAllowedIncomingFrameSize(quint64(engine->options().maxPayload));
        socket->setMaxAllowedIncomingMessageSize(quint64(engine->options().maxPayload));
        const EngineIO::Handshake handshake = handshakeFrom(*socket);
        auto *link = new WebSocket::QtLink(socket.release(), {m_sendBudget, m_heldBudget, m_wheel},
                                           engine);
        engine->handleWebSocket(link, handshake);
    }
}

} // namespace ChatHost::Http
