// Selects the sockets a broadcast goes to (rooms, exclusions) and sends it, encoded once.
#pragma once

#include "socketio/types.h"

#include <QSet>
#include <QString>

namespace ChatHost::SocketIO {

class Namespace;

class BroadcastOperator
{
public:
    BroadcastOperator(const Namespace *nsp)
        : m_nsp(nsp)
    { }

    BroadcastOperator to(const QString &room) const;
    BroadcastOperator except(const QString &room) const;
    BroadcastOperator exceptSocket(const QString &socketId) const;

    void emit(const QString &event, const Arguments &args = {}) const;
    // The sockets this broadcast would reach now.
    QSet<Socket *> targets() const;

private:
    const Namespace *m_nsp;
    QSet<QString> m_rooms;
    QSet<QString> m_exceptRooms;
    QSet<QString> m_exceptIds;
};

} // namespace ChatHost::SocketIO
