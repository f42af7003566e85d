// Engine.IO v4 handshake and request routing.
#include "engineio/server.h"

#include "common/httpliterals.h"
#include "common/httpreply.h"
#include "common/logging.h"
#include "common/randomid.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>

namespace ChatHost::EngineIO {

namespace {

QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name)
{
    return request.value(name);
}

void writeError(QHttpServerResponder &responder, const HttpError &error)
{
    writeReply(responder, error.status, {{HttpLiterals::contentTypeHeader(), error.contentType}},
               error.body);
}

} // namespace

Handshake Server::handshakeFrom(const QHttpServerRequest &request)
{
    Handshake h;
    h.address = request.remoteAddress();
    h.query = request.query();
    h.headers = request.headers();
    h.time = QDateTime::currentDateTimeUtc();
    return h;
}

Server::Server(TimerWheel *wheel, const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_wheel(wheel)
{ }

Server::~Server()
{
    // Sessions are children; make sure none calls back into a half-destroyed server.
    const auto sessions = m_sessions;
    m_sessions.clear();
    for (Session *s : sessions)
        s->m_server = nullptr;
}

void Server::bodyRefused(const QUrlQuery &query)
{
    Session *s = m_sessions.value(query.queryItemValue(QStringLiteral("sid")));
    if (s && s->m_state == Session::State::Open)
        s->finishClose(QStringLiteral("transport error"));
}

std::optional<HttpError> Server::checkQuery(const QUrlQuery &query, bool isUpgrade) const
{
    // Engine.IO needs three parameters and clients add a few of their own. A handshake keeps
    // its query for the session's life: a megabyte of parameters would be kept as long.
    const auto items = query.queryItems(QUrl::FullyEncoded);
    qsizetype length = 0;
    for (const auto &item : items)
        length += item.first.size() + item.second.size() + 2;
    if (items.size() > kMaxQueryItems || length > kMaxQueryLength)
        return httpError(ErrorCode::BadRequest);
    const QString transport = query.queryItemValue(QStringLiteral("transport"));
    const bool pollingOk = transport == u"polling" && m_options.allowPolling;
    const bool wsOk = transport == u"websocket" && m_options.allowWebSocket;
    if (!pollingOk && !wsOk)
        return httpError(ErrorCode::UnknownTransport);
    if (query.queryItemValue(QStringLiteral("EIO")) != u"4")
        return httpError(query.queryItemValue(QStringLiteral("sid")).isEmpty()
                                 ? ErrorCode::UnsupportedProtocolVersion
                                 : ErrorCode::BadRequest);
    if (isUpgrade != wsOk) // a websocket transport without an Upgrade, or an upgrade for polling
        return httpError(ErrorCode::BadRequest);
    return std::nullopt;
}

Server::Check Server::checkRequest(const QUrlQuery &query, bool isGet, bool isUpgrade)
{
    Check c;
    c.error = checkQuery(query, isUpgrade);
    if (c.error)
        return c;
    const QString sid = query.queryItemValue(QStringLiteral("sid"));
    if (sid.isEmpty()) {
        if (!isGet)
            c.error = httpError(ErrorCode::BadHandshakeMethod);
        c.isNew = true; // refuseNewSession() decides
        return c;
    }
    Session *session = m_sessions.value(sid);
    if (!session || session->m_state == Session::State::Closed) {
        c.error = httpError(ErrorCode::UnknownSid);
        return c;
    }
    if (session->pongOverdue()) {
        // The timer may not have fired yet, but the deadline has passed: the session is dead.
        session->finishClose(QStringLiteral("ping timeout"));
        c.error = httpError(ErrorCode::UnknownSid);
        return c;
    }
    if (isUpgrade) {
        if (session->m_transport != Session::Transport::Polling || session->isUpgrading()) {
            if (session->m_transport == Session::Transport::WebSocket)
                return c; // completes the 101, then closes it (see handleWebSocket)
            c.error = httpError(ErrorCode::BadRequest);
            return c;
        }
    } else if (session->m_transport != Session::Transport::Polling) {
        c.error = httpError(ErrorCode::BadRequest);
        return c;
    }
    c.session = session;
    return c;
}

void Server::handlePollingRequest(const QHttpServerRequest &request,
                                  std::unique_ptr<QHttpServerResponder> responder)
{
    const bool isGet = request.method() == QHttpServerRequest::Method::Get;
    Check c = checkRequest(request.query(), isGet, false);
    if (c.error) {
        writeError(*responder, *c.error);
        return;
    }
    if (c.isNew) {
        // Only a new session needs the request's headers kept.
        Handshake h = handshakeFrom(request);
        if (auto refused = refuseNewSession(h)) {
            writeError(*responder, *refused);
            return;
        }
        Session *session = createSession(Session::Transport::Polling, std::move(h));
        // Heartbeat timers were started in createSession, before the response is written.
        const QByteArray open
                = encodePacket(Packet::control(PacketType::Open, session->openPayload(true)))
                          .toUtf8();
        writeReply(*responder, HttpLiterals::Status::Ok,
                   {{HttpLiterals::contentTypeHeader(), HttpLiterals::engineIoTextPlain()},
                    {HttpLiterals::cacheControlHeader(), HttpLiterals::noStoreValue()}},
                   open);
        Q_EMIT connection(session);
        return;
    }
    if (isGet) {
        c.session->handleGet(std::move(responder));
    } else if (request.method() == QHttpServerRequest::Method::Post) {
        const bool binaryBody = headerValue(request, HttpLiterals::contentTypeHeader())
                                        .startsWith(HttpLiterals::applicationOctetStream());
        c.session->handlePost(request.body(), *responder, binaryBody);
    } else {
        writeError(*responder, httpError(ErrorCode::BadRequest));
    }
}

std::optional<HttpError> Server::checkUpgradeRequest(const Handshake &request)
{
    Check c = checkRequest(request.query, true, true);
    if (!c.error && c.isNew)
        return refuseNewSession(request);
    return c.error;
}

namespace {
// One key per address: an IPv4-mapped IPv6 address counts as the IPv4 one.
QString addressKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}
} // namespace

std::optional<HttpError> Server::refuseNewSession(const Handshake &request)
{
    if (m_options.maxSessions > 0 && m_sessions.size() >= m_options.maxSessions)
        return plainHttpError(HttpLiterals::Status::ServiceUnavailable,
                              "Too many sessions, try again later");
    if (m_options.maxSessionsPerAddress > 0
        && m_sessionsPerAddress.value(addressKey(request.address))
                >= m_options.maxSessionsPerAddress) {
        qCDebug(lcEngineIo) << "refused a session: too many from" << request.address;
        return plainHttpError(HttpLiterals::Status::ServiceUnavailable,
                              "Too many sessions from this address, try again later");
    }
    if (m_allowRequest) {
        if (auto refused = m_allowRequest(request))
            return httpError(*refused);
    }
    return std::nullopt;
}

void Server::handleWebSocket(WebSocket::Link *link, Handshake request)
{
    const QString sid = request.query.queryItemValue(QStringLiteral("sid"));
    if (sid.isEmpty()) {
        Session *session = createSession(Session::Transport::WebSocket, std::move(request));
        session->attachWebSocket(link);
        link->send(WebSocket::OutgoingMessage::text(
                encodePacket(Packet::control(PacketType::Open, session->openPayload(false)))
                        .toUtf8()));
        Q_EMIT connection(session);
        return;
    }
    Session *session = m_sessions.value(sid);
    if (!session || session->m_state != Session::State::Open
        || session->m_transport != Session::Transport::Polling || session->isUpgrading()) {
        // Already upgraded, or gone between the check and the 101: not an HTTP error any more.
        qCDebug(lcEngineIo) << "closing a WebSocket for a session that cannot upgrade" << sid;
        link->close(WebSocket::CloseCode::Normal);
        return;
    }
    session->attachProbe(link);
}

Session *Server::createSession(Session::Transport transport, Handshake request)
{
    QString id;
    do {
        id = randomId();
    } while (m_sessions.contains(id));
    auto *session = new Session(this, id, transport, std::move(request));
    m_sessions.insert(id, session);
    // Made before anyone else can connect: the session is forgotten before others hear of it.
    connect(session, &Session::closed, this, [this, session] { removeSession(session); });
    ++m_sessionsPerAddress[addressKey(session->handshake().address)];
    session->startHeartbeat();
    qCDebug(lcEngineIo) << "session opened" << id << transport;
    return session;
}

void Server::removeSession(Session *session)
{
    if (m_sessions.remove(session->id()) == 0)
        return;
    const auto it = m_sessionsPerAddress.find(addressKey(session->handshake().address));
    if (it != m_sessionsPerAddress.end() && --it.value() <= 0)
        m_sessionsPerAddress.erase(it);
}

void Server::closeAll()
{
    const auto sessions = m_sessions;
    for (Session *s : sessions)
        s->close(QStringLiteral("server shutting down"));
}

} // namespace ChatHost::EngineIO
