// One Engine.IO connection: its transport (long-polling or WebSocket), the upgrade between
// them, its send queue and its heartbeat.
#pragma once

#include "common/timerwheel.h"
#include "engineio/options.h"
#include "engineio/packet.h"
#include "websocket/handshake.h"
#include "websocket/link.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QUrlQuery>

#include <memory>

class QHttpServerResponder;
class QTcpSocket;

namespace ChatHost::EngineIO {

class Server;

// What the client said when it opened the connection; kept for the layers above.
struct Handshake
{
    QHostAddress address;
    QUrlQuery query;
    WebSocket::HeaderList headers;
    QDateTime time;

    QByteArray header(QByteArrayView name) const { return WebSocket::headerValue(headers, name); }
};

class Session final
    : public QObject
    , private WebSocket::Link::Listener
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)
public:
    enum class Transport { Polling, WebSocket };
    Q_ENUM(Transport)

    ~Session() override;

    QString id() const { return m_id; }
    Transport transport() const { return m_transport; }
    bool isUpgrading() const { return m_probe != nullptr; }
    bool isOpen() const { return m_state == State::Open; }
    const Handshake &handshake() const { return m_handshake; }
    // The server's timer wheel, for the layers above (null once the server is gone).
    TimerWheel *wheel() const;

    // Queues one Engine.IO packet, already framed: a broadcast frames it once and hands the
    // same bytes to every session (text: the encoded packet, e.g. "4..."; binary: raw data).
    void send(const WebSocket::OutgoingMessage &message);
    void sendMessage(QStringView data);
    void sendBinary(const QByteArray &data);

    // Server-initiated close: what is queued is still delivered, then the close packet.
    void close(const QString &reason = QStringLiteral("forced close"));

Q_SIGNALS:
    void messageReceived(const QString &data);
    void binaryReceived(const QByteArray &data);
    void upgraded();
    // Emitted once; the session is deleted later.
    void closed(const QString &reason);

private:
    // The server creates sessions and hands them their requests and WebSockets; those entry
    // points (and the server pointer it clears when it goes first) are not for the layers
    // above, so they stay private to the pair instead of becoming public API.
    friend class Server;
    enum class State { Open, Closing, Closed };
    using Outgoing = WebSocket::OutgoingMessage;

    Session(Server *server, QString id, Transport transport, Handshake handshake);

    // Polling
    void handleGet(std::unique_ptr<QHttpServerResponder> responder);
    QString openPayload(bool upgradable) const;
    void handlePost(const QByteArray &body, QHttpServerResponder &responder, bool binaryBody);
    void answerPendingGet(const QByteArray &body);
    QByteArray pollingBody() const;
    void flushPolling();
    // WebSocket
    void attachWebSocket(WebSocket::Link *link);
    void attachProbe(WebSocket::Link *link);
    void onProbeText(const QString &text);
    void completeUpgrade();
    void abortUpgrade();
    void linkText(WebSocket::Link *link, const QString &text) override;
    void linkBinary(WebSocket::Link *link, const QByteArray &data) override;
    void linkClosed(WebSocket::Link *link) override;

    void handlePacket(const Packet &packet);
    void enqueue(const Outgoing &out);
    void clearQueue();
    void startHeartbeat();
    void sendPing();
    bool pongOverdue() const;
    void finishClose(const QString &reason);

    Server *m_server;
    QString m_id;
    Transport m_transport;
    Handshake m_handshake;
    State m_state = State::Open;
    QString m_closeReason;

    QList<Outgoing> m_queue;
    qint64 m_queueBytes = 0; // what m_queue puts on the wire (binary as base64)
    std::unique_ptr<QHttpServerResponder> m_pendingGet;
    QPointer<QTcpSocket> m_pendingGetSocket;
    QMetaObject::Connection m_pendingGetWatch;

    WebSocket::Link *m_webSocket = nullptr; // not owned: see Link::close()
    WebSocket::Link *m_probe = nullptr;
    bool m_probeAnswered = false;
    WheelTimer m_upgradeTimer;

    // pingInterval after the last pong: send a ping; pingTimeout after a ping: the client is gone;
    // once closing: the end of the wait for the close packet to be fetched. One node on the
    // server's timer wheel, not a QTimer per purpose.
    WheelTimer m_heartbeat;
    QElapsedTimer m_pingSentAt;
    bool m_awaitingPong = false;
};

} // namespace ChatHost::EngineIO
