// A client's connection to one namespace, as the application sees it.
#pragma once

#include "common/timerwheel.h"
#include "engineio/session.h"
#include "socketio/broadcast.h"
#include "socketio/packet.h"
#include "socketio/types.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <map>
#include <memory>
#include <vector>

namespace ChatHost::SocketIO {

class Client;
class Namespace;

class Socket final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Socket)
public:
    ~Socket() override;

    QString id() const { return m_id; }
    Namespace *nsp() const { return m_nsp; }
    // The CONNECT payload ({} when the client sent none).
    const JsonValue &auth() const { return m_auth; }
    const EngineIO::Handshake &handshake() const;
    EngineIO::Session::Transport transport() const;
    bool isConnected() const { return m_connected; }
    // The Engine.IO connection's Socket.IO side (a broadcast hands it the frames it encoded once).
    Client *client() const { return m_client; }

    // Per-socket data for the application (e.g. the chosen nickname).
    QVariantMap &data() { return m_data; }

    void on(const QString &event, EventHandler handler);
    // Called for events that have no handler of their own.
    void onAny(AnyEventHandler handler) { m_anyHandler = std::move(handler); }

    void emit(const QString &event, const Arguments &args = {});
    // Asks the client to acknowledge; response is called once, with the answer or a timeout.
    void emitWithAck(const QString &event, const Arguments &args, int timeoutMs,
                     AckResponse response);

    void join(const QString &room);
    void leave(const QString &room);
    QSet<QString> rooms() const { return QSet<QString>(m_rooms.cbegin(), m_rooms.cend()); }
    bool isInRoom(const QString &room) const { return m_rooms.contains(room); }
    // Broadcast to a room, or to the whole namespace, except this socket.
    BroadcastOperator to(const QString &room) const;
    BroadcastOperator broadcast() const;

    // Server-side disconnect from this namespace; close also ends the whole connection.
    void disconnect(bool close = false);

Q_SIGNALS:
    void disconnected(const QString &reason);
    // The connection moved from long-polling to WebSocket.
    void upgraded();

private:
    // The connection creates the socket, marks it connected, feeds it its packets and ends it.
    // Those steps of the handshake are not for the application, so they stay private to the
    // Socket.IO layer instead of becoming public API.
    friend class Client;
    Socket(Client *client, Namespace *nsp, JsonValue auth);

    void sendPacket(const Packet &packet);
    void handleEvent(const Packet &packet);
    void handleAck(const Packet &packet);
    void onDisconnect(const QString &reason);

    Client *m_client;
    Namespace *m_nsp;
    QString m_id;
    JsonValue m_auth;
    bool m_connected = false;
    QVariantMap m_data;
    // A socket is in a few rooms and has a few handlers: small lists, not hash tables (a Qt
    // hash allocates over a kilobyte for its first entry, for every connection).
    QStringList m_rooms;
    std::vector<std::pair<QString, EventHandler>> m_handlers;
    AnyEventHandler m_anyHandler;
    // Acks awaited, each with its timeout on the session's timer wheel (a node does not move:
    // held by pointer). Usually none or a few, but a peer may leave thousands unanswered: an
    // ordered map (no allocation while empty, O(log n) to find an answer's id).
    struct PendingAck
    {
        qint64 id = 0;
        AckResponse response;
        WheelTimer timeout;
    };
    std::unique_ptr<PendingAck> takeAck(qint64 id);
    std::map<qint64, std::unique_ptr<PendingAck>> m_acks;
    qint64 m_nextAckId = 0;
};

} // namespace ChatHost::SocketIO
