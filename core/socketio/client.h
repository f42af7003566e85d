// One Engine.IO connection seen from Socket.IO: decodes its packets and dispatches them to the
// namespace sockets it holds. Internal to the Socket.IO layer.
#pragma once

#include "engineio/session.h"
#include "socketio/packet.h"

#include "common/timerwheel.h"
#include <QHash>
#include <QObject>
#include <QPointer>

namespace ChatHost::SocketIO {

class Server;
class Socket;

class Client final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Client)
public:
    Client(Server *server, EngineIO::Session *session);
    ~Client() override;

    EngineIO::Session *session() const { return m_session; }
    void send(const Packet &packet);
    // A packet framed for the wire: the Engine.IO message and its binary attachments.
    struct Frames
    {
        WebSocket::OutgoingMessage packet;
        std::vector<WebSocket::OutgoingMessage> attachments;
    };
    static Frames frames(const EncodedPacket &encoded);
    // Sends an already framed packet (a broadcast frames once for every recipient).
    void sendFrames(const Frames &frames);
    void removeSocket(Socket *socket);
    void close();

private:
    void onMessage(const QString &text);
    void onBinary(const QByteArray &data);
    void onClosed(const QString &reason);
    void handlePacket(Packet packet);
    void connectNamespace(const Packet &packet);
    void sendConnected(const QString &nsp, const QString &sid); // the CONNECT reply
    void sendConnectError(const QString &nsp, JsonValue body);
    void fail(const QString &why);
    void handleDecoded(Decoder::Result result);

    Server *m_server;
    QPointer<EngineIO::Session> m_session;
    Decoder m_decoder;
    // One entry per namespace joined, usually one: small lists, not hash tables (a Qt hash
    // allocates over a kilobyte for its first entry, for every connection).
    QList<Socket *> m_sockets;
    QStringList m_connecting; // namespaces whose middleware is still running
    Socket *socketFor(const QString &nsp) const;
    WheelTimer m_connectTimer;
    WheelTimer m_attachmentTimer; // runs while a binary packet waits for its attachments
};

} // namespace ChatHost::SocketIO
