// Socket.IO server: namespaces and the hand-over of Engine.IO connections.
#include "socketio/server.h"

#include "socketio/client.h"
#include "socketio/namespace.h"

namespace ChatHost::SocketIO {

Server::Server(EngineIO::Server *engine, const Options &options, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_options(options)
{
    connect(engine, &EngineIO::Server::connection, this, &Server::onEngineConnection);
}

Server::~Server() = default;

Namespace *Server::of(const QString &name)
{
    const QString key = name.startsWith(u'/') ? name : u'/' + name;
    Namespace *&nsp = m_namespaces[key];
    if (!nsp)
        nsp = new Namespace(this, key);
    return nsp;
}

int Server::clientCount() const
{
    return m_engine->sessionCount();
}

void Server::onEngineConnection(EngineIO::Session *session)
{
    // The client lives as long as the session: it is the session's child.
    new Client(this, session);
}

} // namespace ChatHost::SocketIO
