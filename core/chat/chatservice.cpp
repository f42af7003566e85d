// See chatservice.h.
#include "chat/chatservice.h"

#include "socketio/namespace.h"
#include "socketio/socket.h"

namespace ChatHost::Chat {

using SocketIO::Arguments;
using SocketIO::JsonValue;

ChatService::ChatService(SocketIO::Server *io, QObject *parent)
    : QObject(parent)
    , m_nsp(io->of(QStringLiteral("/")))
{
    m_nsp->onConnection([this](SocketIO::Socket *socket) {
        const QString id = socket->id();
        Q_EMIT userConnected(id, socket->handshake().address.toString());
        socket->on(QStringLiteral("chat message"),
                   [this, id](const Arguments &args, const SocketIO::AckFunction &ack) {
                       if (args.empty())
                           return;
                       m_nsp->emit(QStringLiteral("chat message"), {args.front()});
                       Q_EMIT messageRelayed(id, args.front().toString());
                       if (ack)
                           ack({});
                   });
        connect(socket, &SocketIO::Socket::disconnected, this,
                [this, id](const QString &reason) { Q_EMIT userDisconnected(id, reason); });
    });
}

int ChatService::connectedCount() const
{
    return m_nsp->socketCount();
}

void ChatService::broadcastAsHost(const QString &text)
{
    m_nsp->emit(QStringLiteral("chat message"), {JsonValue(text)});
}

} // namespace ChatHost::Chat
