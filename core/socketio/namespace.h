// A Socket.IO namespace: its middleware, its connected sockets and their rooms, and broadcasts.
#pragma once

#include "socketio/broadcast.h"
#include "socketio/types.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

namespace ChatHost::SocketIO {

class Server;
class Client;

class Namespace final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Namespace)
public:
    QString name() const { return m_name; }
    Server *server() const { return m_server; }

    // Middleware runs in order for each connection attempt, before the CONNECT reply.
    void use(Middleware middleware) { m_middleware.append(std::move(middleware)); }
    // Called for each socket once it is connected (after its CONNECT reply was sent).
    void onConnection(std::function<void(Socket *)> handler);

    // Broadcasts to every socket of the namespace (or narrowed with to()/except()).
    void emit(const QString &event, const Arguments &args = {}) const;
    BroadcastOperator to(const QString &room) const;
    BroadcastOperator except(const QString &room) const;

    QList<Socket *> sockets() const { return m_sockets.values(); }
    // The same without a copy, e.g. for a broadcast to every socket.
    const QHash<QString, Socket *> &socketsById() const { return m_sockets; }
    Socket *socket(const QString &id) const { return m_sockets.value(id); }
    int socketCount() const { return int(m_sockets.size()); }
    QSet<Socket *> socketsInRoom(const QString &room) const;

Q_SIGNALS:
    void socketConnected(ChatHost::SocketIO::Socket *socket);
    void socketDisconnected(ChatHost::SocketIO::Socket *socket, const QString &reason);

private:
    // Only the server creates namespaces; the connection runs the middleware and adds the
    // socket; a socket joins, leaves and removes itself. Public versions would let the
    // application bypass Socket::join()/leave() and the handshake, so the friends stay.
    friend class Server;
    friend class Client;
    friend class Socket;
    Namespace(Server *server, QString name);

    void runMiddleware(Socket *socket, int index,
                       std::function<void(std::optional<ConnectError>)> done);
    void addSocket(Socket *socket);
    // rooms: the socket's rooms, which it forgets right after.
    void removeSocket(Socket *socket, const QStringList &rooms, const QString &reason);
    void joinRoom(Socket *socket, const QString &room);
    void leaveRoom(Socket *socket, const QString &room);

    Server *m_server;
    QString m_name;
    QList<Middleware> m_middleware;
    QList<std::function<void(Socket *)>> m_connectionHandlers;
    QHash<QString, Socket *> m_sockets;
    QHash<QString, QSet<Socket *>> m_rooms;
};

} // namespace ChatHost::SocketIO
