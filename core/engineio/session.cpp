// Engine.IO v4 session: polling, WebSocket, upgrade, heartbeat and close.
#include "engineio/session.h"

#include "common/httpliterals.h"
#include "common/httpreply.h"
#include "common/logging.h"
#include "engineio/server.h"

#include <QHttpServerResponder>
#include <QStringDecoder>
#include <QTcpSocket>

namespace ChatHost::EngineIO {

namespace {

namespace L = HttpLiterals;

void writeText(QHttpServerResponder &responder, const QByteArray &body)
{
    writeReply(responder, L::Status::Ok,
               {{L::contentTypeHeader(), L::engineIoTextPlain()},
                {L::cacheControlHeader(), L::noStoreValue()}},
               body);
}

void writeJsonError(QHttpServerResponder &responder, const HttpError &error)
{
    writeReply(responder, error.status, {{L::contentTypeHeader(), error.contentType}}, error.body);
}

bool socketUsable(const QPointer<QTcpSocket> &socket)
{
    return socket && socket->state() == QAbstractSocket::ConnectedState;
}

} // namespace

Session::Session(Server *server, QString id, Transport transport, Handshake handshake)
    : QObject(server)
    , m_server(server)
    , m_id(std::move(id))
    , m_transport(transport)
    , m_handshake(std::move(handshake))
{
    // One node for every deadline of the session in turn: the next ping, the pong, and once
    // closing, the end of the wait for the close packet to be fetched.
    m_heartbeat.setCallback([this] {
        if (m_state == State::Closing)
            finishClose(m_closeReason);
        else if (m_awaitingPong)
            finishClose(QStringLiteral("ping timeout"));
        else
            sendPing();
    });
    m_upgradeTimer.setCallback([this] { abortUpgrade(); });
}

Session::~Session()
{
    if (m_webSocket)
        std::exchange(m_webSocket, nullptr)->close();
    if (m_probe)
        std::exchange(m_probe, nullptr)->close();
    if (m_pendingGetWatch)
        disconnect(m_pendingGetWatch);
}

TimerWheel *Session::wheel() const
{
    return m_server ? m_server->wheel() : nullptr;
}

QString Session::openPayload(bool upgradable) const
{
    const Options &o = m_server->options();
    return QStringLiteral("{\"sid\":\"") + m_id + QStringLiteral("\",\"upgrades\":")
            + (upgradable && o.allowWebSocket ? QStringLiteral("[\"websocket\"]")
                                              : QStringLiteral("[]"))
            + QStringLiteral(",\"pingInterval\":") + QString::number(o.pingInterval)
            + QStringLiteral(",\"pingTimeout\":") + QString::number(o.pingTimeout)
            + QStringLiteral(",\"maxPayload\":") + QString::number(o.maxPayload) + u'}';
}

// ---- sending -------------------------------------------------------------------------------

void Session::send(const WebSocket::OutgoingMessage &message)
{
    enqueue(message);
}

void Session::sendMessage(QStringView data)
{
    enqueue(Outgoing::text((u'4' + data.toString()).toUtf8()));
}

void Session::sendBinary(const QByteArray &data)
{
    enqueue(Outgoing::binary(data));
}

void Session::enqueue(const Outgoing &out)
{
    if (m_state != State::Open)
        return;
    if (m_transport == Transport::WebSocket && m_webSocket) {
        m_webSocket->send(out);
        return;
    }
    m_queue.append(out);
    const qint64 size = out.payload().size();
    m_queueBytes += (out.isBinary() ? (size + 2) / 3 * 4 + 1 : size) + 1;
    if (m_queueBytes > m_server->options().maxPollingQueueBytes && !m_pendingGet) {
        qCInfo(lcEngineIo) << m_id << "closing: the client does not poll for what is sent to it ("
                           << m_queueBytes / (1024 * 1024) << "MB queued)";
        // Free the queue now; close once the caller (maybe a broadcast loop) is done.
        clearQueue();
        m_state = State::Closing;
        m_closeReason = QStringLiteral("transport error");
        m_awaitingPong = false;
        m_heartbeat.start(m_server->wheel(), 0);
        return;
    }
    flushPolling();
}

void Session::clearQueue()
{
    m_queue.clear();
    m_queueBytes = 0;
}

QByteArray Session::pollingBody() const
{
    QByteArray body;
    bool first = true;
    for (const Outgoing &o : std::as_const(m_queue)) {
        if (!first)
            body.append(char(kRecordSeparator));
        first = false;
        if (o.isBinary()) {
            body.append('b');
            body.append(o.payload().toByteArray().toBase64());
        } else {
            body.append(o.payload());
        }
    }
    return body;
}

void Session::flushPolling()
{
    if (!m_pendingGet || m_queue.isEmpty())
        return;
    const QByteArray body = pollingBody();
    clearQueue();
    answerPendingGet(body);
}

void Session::answerPendingGet(const QByteArray &body)
{
    if (!m_pendingGet)
        return;
    std::unique_ptr<QHttpServerResponder> responder = std::move(m_pendingGet);
    disconnect(m_pendingGetWatch);
    const QPointer<QTcpSocket> socket = m_pendingGetSocket;
    m_pendingGetSocket.clear();
    if (socketUsable(socket))
        writeText(*responder, body);
}

// ---- polling -------------------------------------------------------------------------------

void Session::handleGet(std::unique_ptr<QHttpServerResponder> responder)
{
    if (m_pendingGet) {
        // A second GET while one is held: the reference closes the session.
        qCDebug(lcEngineIo) << m_id << "overlapping GET";
        writeJsonError(*responder, httpError(ErrorCode::BadRequest));
        answerPendingGet(QByteArrayLiteral("1"));
        finishClose(QStringLiteral("transport error"));
        return;
    }
    if (m_state == State::Closing) {
        QByteArray body = pollingBody();
        if (!body.isEmpty())
            body.append(char(kRecordSeparator));
        body.append('1');
        clearQueue();
        writeText(*responder, body);
        finishClose(m_closeReason);
        return;
    }
    QTcpSocket *socket = responder->socket();
    m_pendingGet = std::move(responder);
    m_pendingGetSocket = socket;
    // If the client goes away, Qt deletes the socket: never write to it after that.
    m_pendingGetWatch = connect(socket, &QAbstractSocket::disconnected, this, [this] {
        m_pendingGet.reset();
        m_pendingGetSocket.clear();
    });
    if (isUpgrading() && m_queue.isEmpty()) {
        answerPendingGet(QByteArrayLiteral("6"));
        return;
    }
    flushPolling();
}

void Session::handlePost(const QByteArray &body, QHttpServerResponder &responder, bool binaryBody)
{
    if (binaryBody) {
        writeJsonError(responder, httpError(ErrorCode::BadRequest));
        finishClose(QStringLiteral("transport error"));
        return;
    }
    if (body.size() > m_server->options().maxPayload) {
        writeReply(responder, L::Status::ContentTooLarge,
                   {{L::contentTypeHeader(), L::engineIoTextPlain()}},
                   QByteArrayLiteral("Payload Too Large")); // the reference server's body
        finishClose(QStringLiteral("transport error"));
        return;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(body);
    if (decoder.hasError()) {
        writeJsonError(responder, httpError(ErrorCode::BadRequest));
        finishClose(QStringLiteral("parse error"));
        return;
    }
    writeReply(responder, L::Status::Ok, {{L::contentTypeHeader(), L::textHtml()}},
               QByteArrayLiteral("ok"));
    const DecodedPayload payload = decodePayload(text);
    QPointer<Session> self(this);
    for (const Packet &p : payload.packets) {
        handlePacket(p);
        if (!self || m_state != State::Open)
            return;
    }
    if (payload.error)
        finishClose(QStringLiteral("parse error"));
}

// ---- WebSocket -----------------------------------------------------------------------------

void Session::attachWebSocket(WebSocket::Link *link)
{
    m_webSocket = link;
    link->setListener(this);
}

void Session::attachProbe(WebSocket::Link *link)
{
    m_probe = link;
    m_probeAnswered = false;
    link->setListener(this);
    m_upgradeTimer.start(m_server->wheel(), m_server->options().upgradeTimeout);
}

void Session::onProbeText(const QString &text)
{
    if (text == u"2probe" && !m_probeAnswered) {
        m_probeAnswered = true;
        m_probe->send(Outgoing::text("3probe"));
        // Let a held GET return so the client can pause polling.
        if (m_pendingGet && m_queue.isEmpty())
            answerPendingGet(QByteArrayLiteral("6"));
        return;
    }
    if (text == u"5" && m_probeAnswered) {
        completeUpgrade();
        return;
    }
    qCDebug(lcEngineIo) << m_id << "unexpected packet during upgrade" << text.left(20);
    abortUpgrade();
}

void Session::completeUpgrade()
{
    m_upgradeTimer.stop();
    WebSocket::Link *link = std::exchange(m_probe, nullptr);
    if (m_pendingGet)
        answerPendingGet(QByteArrayLiteral("6"));
    m_transport = Transport::WebSocket;
    attachWebSocket(link);
    // Whatever was queued for polling goes first, in order.
    const QList<Outgoing> queued = std::exchange(m_queue, {});
    m_queueBytes = 0;
    for (const Outgoing &o : queued)
        link->send(o);
    qCDebug(lcEngineIo) << m_id << "upgraded to WebSocket";
    if (m_state == State::Closing) {
        finishClose(m_closeReason); // the close frame follows what was just flushed
        return;
    }
    Q_EMIT upgraded();
}

void Session::abortUpgrade()
{
    m_upgradeTimer.stop();
    if (WebSocket::Link *probe = std::exchange(m_probe, nullptr))
        probe->close();
}

void Session::linkText(WebSocket::Link *link, const QString &text)
{
    if (link == m_probe) {
        onProbeText(text);
        return;
    }
    auto packet = decodePacket(text);
    if (!packet || packet->isBinary) {
        finishClose(QStringLiteral("parse error"));
        return;
    }
    handlePacket(*packet);
}

void Session::linkBinary(WebSocket::Link *link, const QByteArray &data)
{
    if (link == m_probe) {
        abortUpgrade();
        return;
    }
    handlePacket(Packet::binaryMessage(data));
}

void Session::linkClosed(WebSocket::Link *link)
{
    if (link == m_probe) {
        m_probe = nullptr;
        abortUpgrade();
        return;
    }
    if (link != m_webSocket)
        return;
    m_webSocket = nullptr;
    finishClose(m_state == State::Closing ? m_closeReason : QStringLiteral("transport close"));
}

// ---- packets, heartbeat, close ------------------------------------------------------------

void Session::handlePacket(const Packet &packet)
{
    if (m_state != State::Open)
        return;
    switch (packet.type) {
    case PacketType::Message:
        if (packet.isBinary)
            Q_EMIT binaryReceived(packet.binary);
        else
            Q_EMIT messageReceived(packet.text);
        return;
    case PacketType::Pong:
        if (pongOverdue()) {
            finishClose(QStringLiteral("ping timeout"));
            return;
        }
        m_awaitingPong = false;
        m_heartbeat.start(m_server->wheel(), m_server->options().pingInterval);
        return;
    case PacketType::Ping: finishClose(QStringLiteral("invalid heartbeat direction")); return;
    case PacketType::Close:
        if (m_pendingGet)
            answerPendingGet(QByteArrayLiteral("6"));
        finishClose(QStringLiteral("transport close"));
        return;
    case PacketType::Open: finishClose(QStringLiteral("parse error")); return;
    case PacketType::Upgrade:
    case PacketType::Noop: return;
    }
}

void Session::startHeartbeat()
{
    m_heartbeat.start(m_server->wheel(), m_server->options().pingInterval);
}

void Session::sendPing()
{
    static const Outgoing ping = Outgoing::text("2");
    m_awaitingPong = true;
    m_pingSentAt.start();
    m_heartbeat.start(m_server->wheel(), m_server->options().pingTimeout);
    enqueue(ping);
}

bool Session::pongOverdue() const
{
    return m_awaitingPong && m_server && m_pingSentAt.elapsed() > m_server->options().pingTimeout;
}

void Session::close(const QString &reason)
{
    if (m_state != State::Open)
        return;
    if (m_transport == Transport::WebSocket && m_webSocket) {
        finishClose(reason);
        return;
    }
    if (m_pendingGet) {
        m_queue.append(Outgoing::text("1"));
        flushPolling();
        finishClose(reason);
        return;
    }
    // Deliver the queue and the close packet with the next GET, or over the WebSocket if an
    // upgrade under way completes first (the client stops polling while it upgrades); give up
    // after a heartbeat.
    m_state = State::Closing;
    m_closeReason = reason;
    m_awaitingPong = false;
    m_heartbeat.start(m_server->wheel(),
                      m_server->options().pingInterval + m_server->options().pingTimeout);
}

void Session::finishClose(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_heartbeat.stop();
    abortUpgrade();
    if (m_pendingGet)
        answerPendingGet(QByteArrayLiteral("1"));
    clearQueue();
    if (m_webSocket)
        std::exchange(m_webSocket, nullptr)->close();
    qCDebug(lcEngineIo) << m_id << "closed:" << reason;
    // The server forgets the session first: its connection to closed() is the first one.
    Q_EMIT closed(reason);
    deleteLater();
}

} // namespace ChatHost::EngineIO
