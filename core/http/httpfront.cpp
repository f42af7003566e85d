// Routing of every HTTP request and WebSocket upgrade on ChatHost's port.
#include "http/httpfront.h"

#include "common/httpliterals.h"
#include "common/httpreply.h"
#include "common/logging.h"
#include "engineio/server.h"
#include "websocket/qtlink.h"
#include "websocket/rawwebsocket.h"
#include "websocket/reactor.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QWebSocket>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

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

// Writes a whole answer to a socket that is then closed (a refusal before the 101).
void answerAndClose(int fd, const QByteArray &response)
{
    ::send(fd, response.constData(), size_t(response.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::close(fd);
}

} // namespace

HttpFront::HttpFront(TimerWheel *wheel, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_wheel(wheel)
    , m_reactor(new WebSocket::Reactor(wheel, this))
{
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
    server->setFastPath(m_reactor, this);
    m_server = server;
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
        const std::unique_ptr<EngineIO::HttpError> error = std::move(m_refusal);
        writeReply(responder, error->status, {{contentTypeHeader(), error->contentType}},
                   error->body);
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
        socket->setMaxAllowedIncomingMessageSize(quint64(engine->options().maxPayload));
        const EngineIO::Handshake handshake = handshakeFrom(*socket);
        engine->handleWebSocket(new WebSocket::QtLink(socket.release(), engine), handshake);
    }
}

bool HttpFront::wantsUpgrade(const WebSocket::RequestHead &head)
{
    return engineFor(QString::fromUtf8(head.path())) != nullptr;
}

void HttpFront::adoptUpgrade(int fd, const QHostAddress &peer, WebSocket::RequestHead head,
                             std::function<void()> release)
{
    EngineIO::Server *engine = engineFor(QString::fromUtf8(head.path()));
    if (auto refusal = WebSocket::checkUpgradeRequest(head); refusal || !engine) {
        WebSocket::HeaderList extra;
        if (refusal && refusal->status == Status::UpgradeRequired)
            extra.append({secWebSocketVersionHeader(), webSocketVersion13()});
        answerAndClose(fd,
                       WebSocket::httpResponse(refusal ? refusal->status : Status::NotFound,
                                               textPlainUtf8(),
                                               refusal ? refusal->reason : "Not Found", extra));
        release();
        return;
    }
    const QByteArray key = head.header(secWebSocketKeyHeader());
    EngineIO::Handshake handshake;
    handshake.address = peer;
    handshake.query = QUrlQuery(QString::fromUtf8(head.query()));
    handshake.headers = std::move(head.headers);
    handshake.time = QDateTime::currentDateTimeUtc();
    if (auto error = engine->checkUpgradeRequest(handshake)) {
        answerAndClose(fd, WebSocket::httpResponse(error->status, error->contentType, error->body));
        release();
        return;
    }
    const QByteArray accept = WebSocket::switchingProtocols(key);
    // The socket's buffer is empty: the 101 is written whole or the peer is gone.
    if (::send(fd, accept.constData(), size_t(accept.size()), MSG_NOSIGNAL | MSG_DONTWAIT)
        != accept.size()) {
        ::close(fd);
        release();
        return;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto *link = WebSocket::RawWebSocket::adopt(m_reactor, fd, engine->options().maxPayload);
    if (!link) {
        release();
        return;
    }
    link->setFinishedHook(std::move(release));
    engine->handleWebSocket(link, std::move(handshake));
}

} // namespace ChatHost::Http
