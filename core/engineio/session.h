// One Engine.IO connection: its transport (long-polling or WebSocket), the upgrade between
// them, its send queue and its heartbeat.
#pragma once

#include "engineio/options.h"
#include "engineio/packet.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

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
    QList<QPair<QByteArray, QByteArray>> headers;
    QDateTime time;

    QByteArray header(const QByteArray &name) const;
};

class Session final : public QObject
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

    // Queues one Engine.IO packet in its encoded text form ("4..." for a message). The string is
    // implicitly shared, so a broadcast hands the same bytes to every session.
    void sendEncoded(const QString &encodedPacket);
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
    friend class Server;
    enum class State { Open, Closing, Closed };
    struct Outgoing
    {
        QString text; // encoded text packet
        QByteArray binary;
        bool isBinary = false;
    };

    Session(Server *server, QString id, Transport transport, Handshake handshake);

    // Polling
    void handleGet(std::unique_ptr<QHttpServerResponder> responder);
    QString openPayload(bool upgradable) const;
    void handlePost(const QByteArray &body, QHttpServerResponder &responder, bool binaryBody);
    void answerPendingGet(const QString &body);
    void flushPolling();
    // WebSocket
    void attachWebSocket(QWebSocket *socket);
    void attachProbe(QWebSocket *socket);
    void onProbeText(const QString &text);
    void completeUpgrade();
    void abortUpgrade();
    void onWebSocketText(const QString &text);
    void onWebSocketBinary(const QByteArray &data);

    void handlePacket(const Packet &packet);
    void enqueue(Outgoing out);
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
    std::unique_ptr<QHttpServerResponder> m_pendingGet;
    QPointer<QTcpSocket> m_pendingGetSocket;
    QMetaObject::Connection m_pendingGetWatch;

    QPointer<QWebSocket> m_webSocket;
    QPointer<QWebSocket> m_probe;
    bool m_probeAnswered = false;
    QTimer m_upgradeTimer;

    QTimer m_pingTimer; // fires pingInterval after the last pong: send a ping
    QTimer m_pongTimer; // fires pingTimeout after a ping: the client is gone
    QElapsedTimer m_pingSentAt;
    bool m_awaitingPong = false;
};

} // namespace ChatHost::EngineIO
