// Socket.IO namespace: middleware chain, membership and rooms.
#include "socketio/namespace.h"

#include "socketio/server.h"
#include "socketio/socket.h"

namespace ChatHost::SocketIO {

Namespace::Namespace(Server *server, QString name)
    : QObject(server)
    , m_server(server)
    , m_name(std::move(name))
{ }

void Namespace::onConnection(std::function<void(Socket *)> handler)
{
    m_connectionHandlers.append(std::move(handler));
}

void Namespace::emit(const QString &event, const Arguments &args) const
{
    BroadcastOperator(this).emit(event, args);
}

BroadcastOperator Namespace::to(const QString &room) const
{
    return BroadcastOperator(this).to(room);
}

BroadcastOperator Namespace::except(const QString &room) const
{
    return BroadcastOperator(this).except(room);
}

void Namespace::runMiddleware(Socket *socket, int index,
                              std::function<void(std::optional<ConnectError>)> done)
{
    if (index >= m_middleware.size()) {
        done(std::nullopt);
        return;
    }
    QPointer<Socket> guard(socket);
    auto called = std::make_shared<bool>(false);
    // Copy the middleware: a handler may add more while it runs.
    const Middleware middleware = m_middleware.at(index);
    middleware(socket,
               [this, guard, index, done, called](const std::optional<ConnectError> &error) {
                   if (*called || !guard)
                       return;
                   *called = true;
                   if (error)
                       done(error);
                   else
                       runMiddleware(guard, index + 1, done);
               });
}

void Namespace::addSocket(Socket *socket)
{
    m_sockets.insert(socket->id(), socket);
    socket->join(socket->id());
    QPointer<Socket> guard(socket);
    for (const auto &handler : std::as_const(m_connectionHandlers)) {
        if (!guard || !guard->isConnected())
            return;
        handler(socket);
    }
    if (guard && guard->isConnected())
        Q_EMIT socketConnected(socket);
}

void Namespace::removeSocket(Socket *socket, const QStringList &rooms, const QString &reason)
{
    if (m_sockets.remove(socket->id()) == 0)
        return;
    for (const QString &room : QStringList(rooms)) // a copy: the list is the socket's
        leaveRoom(socket, room);
    Q_EMIT socketDisconnected(socket, reason);
}

void Namespace::joinRoom(Socket *socket, const QString &room)
{
    // Every socket is in the room named by its id: that one is implicit (found through
    // m_sockets), which spares a set per connection.
    if (room == socket->id())
        return;
    m_rooms[room].insert(socket);
}

void Namespace::leaveRoom(Socket *socket, const QString &room)
{
    if (room == socket->id())
        return;
    auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    it->remove(socket);
    if (it->isEmpty())
        m_rooms.erase(it);
}

QSet<Socket *> Namespace::socketsInRoom(const QString &room) const
{
    QSet<Socket *> result = m_rooms.value(room);
    if (Socket *own = m_sockets.value(room); own && own->isInRoom(room))
        result.insert(own);
    return result;
}

} // namespace ChatHost::SocketIO
