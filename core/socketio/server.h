// The Socket.IO v5 server on top of an Engine.IO server: namespaces, middleware, rooms and the
// per-connection packet handling. Its API follows socket.io's Node server:
//     server.of("/")->onConnection([](Socket *s) { s->on("chat", ...); });
#pragma once

#include "engineio/server.h"
#include "socketio/types.h"

#include <QHash>
#include <QObject>

namespace ChatHost::SocketIO {

class Namespace;

struct Options
{
    int connectTimeout = 45000; // ms a new connection has to CONNECT to a namespace
    // ms a binary packet has, from its header, until its last attachment arrives; a packet
    // still incomplete then closes the connection (its attachments are not held any longer).
    int attachmentTimeout = 10000;
    // Characters of JSON a CONNECT's auth may have: it is kept as long as the socket lives. Real
    // ones (a name, a token, a password) are tiny; a nickname far too long must still reach the
    // chat, which refuses it with a reason. Longer closes the connection.
    qsizetype maxAuthLength = 128 * 1024;
};

class Server final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Server)
public:
    // The Engine.IO server must outlive this one.
    explicit Server(EngineIO::Server *engine, const Options &options = {},
                    QObject *parent = nullptr);
    ~Server() override;

    // The namespace of that name, created on first use. Clients can only join namespaces that
    // were created this way; others get "Invalid namespace".
    Namespace *of(const QString &name);
    Namespace *findNamespace(const QString &name) const { return m_namespaces.value(name); }
    EngineIO::Server *engine() const { return m_engine; }
    const Options &options() const { return m_options; }
    int clientCount() const;

private:
    void onEngineConnection(EngineIO::Session *session);

    EngineIO::Server *m_engine;
    Options m_options;
    QHash<QString, Namespace *> m_namespaces;
};

} // namespace ChatHost::SocketIO
