// The chat on top of Socket.IO. For now the tutorial's behaviour: every "chat message" is relayed
// to everyone on "/".
#pragma once

#include "socketio/server.h"

#include <QObject>

namespace ChatHost::Chat {

class ChatService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatService)
public:
    explicit ChatService(SocketIO::Server *io, QObject *parent = nullptr);

    int connectedCount() const;
    // Sends an announcement from the host to everyone.
    void broadcastAsHost(const QString &text);

Q_SIGNALS:
    void userConnected(const QString &socketId, const QString &address);
    void userDisconnected(const QString &socketId, const QString &reason);
    void messageRelayed(const QString &socketId, const QString &text);

private:
    SocketIO::Namespace *m_nsp;
};

} // namespace ChatHost::Chat
