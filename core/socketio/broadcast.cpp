// Broadcasts: choose the recipients, encode once, hand the same frame to each.
#include "socketio/broadcast.h"

#include "socketio/client.h"
#include "socketio/namespace.h"
#include "socketio/socket.h"

namespace ChatHost::SocketIO {

BroadcastOperator BroadcastOperator::to(const QString &room) const
{
    BroadcastOperator b = *this;
    b.m_rooms.insert(room);
    return b;
}

BroadcastOperator BroadcastOperator::except(const QString &room) const
{
    BroadcastOperator b = *this;
    b.m_exceptRooms.insert(room);
    return b;
}

BroadcastOperator BroadcastOperator::exceptSocket(const QString &socketId) const
{
    BroadcastOperator b = *this;
    b.m_exceptIds.insert(socketId);
    return b;
}

QSet<Socket *> BroadcastOperator::targets() const
{
    QSet<Socket *> result;
    if (m_rooms.isEmpty()) {
        for (Socket *s : m_nsp->socketsById())
            result.insert(s);
    } else {
        for (const QString &room : m_rooms)
            result.unite(m_nsp->socketsInRoom(room));
    }
    for (const QString &room : m_exceptRooms) {
        for (Socket *s : m_nsp->socketsInRoom(room))
            result.remove(s);
    }
    for (const QString &id : m_exceptIds)
        result.remove(m_nsp->socketsById().value(id));
    return result;
}

void BroadcastOperator::emit(const QString &event, const Arguments &args) const
{
    Packet packet;
    packet.type = PacketType::Event;
    packet.nsp = m_nsp->name();
    Arguments data;
    data.reserve(args.size() + 1);
    data.push_back(JsonValue(event));
    data.insert(data.end(), args.begin(), args.end());
    packet.data = JsonValue(std::move(data));
    // Encoded and framed once; every recipient gets the same bytes, never a copy.
    const Client::Frames frames = Client::frames(encode(packet));
    if (m_rooms.isEmpty() && m_exceptRooms.isEmpty() && m_exceptIds.isEmpty()) {
        // Everyone (the chat's common case): no recipient set to build.
        for (Socket *s : m_nsp->socketsById())
            s->client()->sendFrames(frames);
        return;
    }
    const QSet<Socket *> recipients = targets();
    for (Socket *s : recipients)
        s->client()->sendFrames(frames);
}

} // namespace ChatHost::SocketIO
