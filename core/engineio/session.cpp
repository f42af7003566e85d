// Engine.IO v4 session: queue, WebSocket, upgrade, heartbeat and close (the polling
// transport is in sessionpolling.cpp).
#include "engineio/session.h"

#include "common/logging.h"
#include "engineio/server.h"

#include <QHttpServerResponder>

namespace ChatHost::EngineIO {

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
