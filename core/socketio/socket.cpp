// A namespace socket: events, acks both ways, rooms and disconnect.
#include "socketio/socket.h"

#include "common/logging.h"
#include "common/randomid.h"
#include "socketio/client.h"
#include "socketio/namespace.h"

namespace ChatHost::SocketIO {

namespace {

Packet eventPacket(const QString &nsp, const QString &event, const Arguments &args)
{
    Packet packet;
    packet.type = PacketType::Event;
    packet.nsp = nsp;
    Arguments data;
    data.reserve(args.size() + 1);
    data.push_back(JsonValue(event));
    data.insert(data.end(), args.begin(), args.end());
    packet.data = JsonValue(std::move(data));
    return packet;
}

} // namespace

Socket::Socket(Client *client, Namespace *nsp, JsonValue auth)
    : QObject(client)
    , m_client(client)
    , m_nsp(nsp)
    , m_id(randomId())
    , m_auth(std::move(auth))
{ }

Socket::~Socket() = default;

const EngineIO::Handshake &Socket::handshake() const
{
    static const EngineIO::Handshake none;
    return m_client->session() ? m_client->session()->handshake() : none;
}

EngineIO::Session::Transport Socket::transport() const
{
    return m_client->session() ? m_client->session()->transport()
                               : EngineIO::Session::Transport::Polling;
}

void Socket::sendPacket(const Packet &packet)
{
    if (m_connected)
        m_client->send(packet);
}

void Socket::emit(const QString &event, const Arguments &args)
{
    sendPacket(eventPacket(m_nsp->name(), event, args));
}

void Socket::emitWithAck(const QString &event, const Arguments &args, int timeoutMs,
                         AckResponse response)
{
    if (!m_connected) {
        if (response)
            response(true, {});
        return;
    }
    TimerWheel *wheel = m_client->session() ? m_client->session()->wheel() : nullptr;
    if (!wheel) { // no transport left to send on: the answer cannot come
        if (response)
            response(true, {});
        return;
    }
    Packet packet = eventPacket(m_nsp->name(), event, args);
    packet.id = m_nextAckId++;
    auto pending = std::make_unique<PendingAck>();
    pending->id = packet.id;
    pending->response = std::move(response);
    const qint64 id = packet.id;
    // The callback ends its own node (p goes at the end of it); it touches no capture after.
    pending->timeout.setCallback([this, id] {
        const std::unique_ptr<PendingAck> p = takeAck(id);
        if (p && p->response)
            p->response(true, {});
    });
    pending->timeout.start(wheel, timeoutMs);
    m_acks.emplace(id, std::move(pending));
    sendPacket(packet);
}

void Socket::handleEvent(const Packet &packet)
{
    const Arguments &all = packet.data->toArray();
    const QString event = all.front().isString() ? all.front().toString()
                                                 : QString::fromLatin1(all.front().numberText());
    const Arguments args(all.begin() + 1, all.end());
    AckFunction ack;
    if (packet.id >= 0) {
        QPointer<Socket> self(this);
        auto sent = std::make_shared<bool>(false);
        const qint64 id = packet.id;
        ack = [self, sent, id](const Arguments &reply) {
            if (*sent || !self)
                return;
            *sent = true;
            Packet p;
            p.type = PacketType::Ack;
            p.nsp = self->m_nsp->name();
            p.id = id;
            p.data = JsonValue(reply);
            self->sendPacket(p);
        };
    }
    const auto handler = std::find_if(m_handlers.cbegin(), m_handlers.cend(),
                                      [&event](const auto &h) { return h.first == event; });
    if (handler != m_handlers.cend())
        handler->second(args, ack);
    else if (m_anyHandler)
        m_anyHandler(event, args, ack);
}

void Socket::handleAck(const Packet &packet)
{
    const std::unique_ptr<PendingAck> p = takeAck(packet.id);
    if (!p) {
        qCDebug(lcSocketIo) << m_id << "ack for an unknown id" << packet.id;
        return;
    }
    if (p->response)
        p->response(false, packet.data->toArray());
}

std::unique_ptr<Socket::PendingAck> Socket::takeAck(qint64 id)
{
    const auto it = m_acks.find(id);
    if (it == m_acks.end())
        return nullptr;
    std::unique_ptr<PendingAck> p = std::move(it->second);
    m_acks.erase(it);
    p->timeout.stop();
    return p;
}

void Socket::join(const QString &room)
{
    if (!m_connected || m_rooms.contains(room))
        return;
    m_rooms.append(room);
    m_nsp->joinRoom(this, room);
}

void Socket::on(const QString &event, EventHandler handler)
{
    for (auto &h : m_handlers) {
        if (h.first == event) {
            h.second = std::move(handler);
            return;
        }
    }
    m_handlers.emplace_back(event, std::move(handler));
}

void Socket::leave(const QString &room)
{
    if (!m_rooms.removeOne(room))
        return;
    m_nsp->leaveRoom(this, room);
}

BroadcastOperator Socket::to(const QString &room) const
{
    return BroadcastOperator(m_nsp).to(room).exceptSocket(m_id);
}

BroadcastOperator Socket::broadcast() const
{
    return BroadcastOperator(m_nsp).exceptSocket(m_id);
}

void Socket::disconnect(bool close)
{
    if (!m_connected)
        return;
    Packet p;
    p.type = PacketType::Disconnect;
    p.nsp = m_nsp->name();
    sendPacket(p);
    if (close) {
        m_client->close(); // the Engine.IO close disconnects every socket of the client
        return;
    }
    onDisconnect(QStringLiteral("server namespace disconnect"));
}

void Socket::onDisconnect(const QString &reason)
{
    if (!m_connected) {
        deleteLater();
        return;
    }
    m_connected = false;
    m_client->removeSocket(this);
    m_nsp->removeSocket(this, m_rooms, reason);
    m_rooms.clear();
    // Pending acks will never be answered.
    const auto acks = std::exchange(m_acks, {});
    for (const auto &[id, p] : acks) {
        p->timeout.stop();
        if (p->response)
            p->response(true, {});
    }
    Q_EMIT disconnected(reason);
    deleteLater();
}

} // namespace ChatHost::SocketIO
