// See hostserver.h.
#include "server/hostserver.h"

#include "engineio/server.h"

#include "http/httpfront.h"
#include "http/networkaddresses.h"
#include "http/originpolicy.h"
#include "http/staticsite.h"
#include <QHttpServerRequest>

#include <algorithm>

namespace ChatHost {

HostServer::HostServer(const HostOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    // Sessions are capped like connections: one keep-alive connection could otherwise open
    // thousands of polling sessions a second, each held until its ping timeout.
    EngineIO::Options engine = options.engine;
    if (engine.maxSessions == 0)
        engine.maxSessions = std::max(0, options.limits.maxConnections);
    // Twice the people an address may have in the chat: a reload leaves the old session until
    // its ping timeout, and the chat's own, clearer refusal (too-many-from-address) comes first.
    if (engine.maxSessionsPerAddress == 0)
        engine.maxSessionsPerAddress = std::max(0, 2 * options.limits.maxPerAddress);
    m_engine = new EngineIO::Server(&m_wheel, engine, this);
    // Refused before the handshake: a page of another site cannot open a connection as its
    // visitor (cross-site WebSocket hijacking).
    m_engine->setAllowRequest(
            [this](const EngineIO::Handshake &request) -> std::optional<EngineIO::ErrorCode> {
                if (Http::originAllowed(request.header(QByteArrayLiteral("origin")),
                                        request.header(QByteArrayLiteral("host")),
                                        m_options.allowedOrigins))
                    return std::nullopt;
                Q_EMIT originRefused(QString::fromUtf8(request.header(QByteArrayLiteral("origin"))),
                                     request.address);
                return EngineIO::ErrorCode::Forbidden;
            });
    m_io = new SocketIO::Server(m_engine, options.socketIo, this);
    m_site = std::make_unique<Http::StaticSite>(
            options.webRoot.isEmpty() ? QStringLiteral(":/chathost/web") : options.webRoot);
}

HostServer::~HostServer()
{
    stop();
    // Before m_wheel goes (in the order they were made, as Qt would): nothing may set a
    // deadline on it after.
    delete m_engine;
    m_engine = nullptr;
    delete m_io;
    m_io = nullptr;
}

bool HostServer::start()
{
    if (m_listening)
        return true;
    m_front = new Http::HttpFront(&m_wheel, this);
    m_front->setSite(m_site.get());
    for (const Http::StreamRouteRule &rule : std::as_const(m_streamRoutes))
        m_front->addStreamRoute(rule);
    m_front->mount(m_options.path, m_engine);
    m_portInUse = false;
    connect(m_front, &Http::HttpFront::connectionRefused, this, &HostServer::connectionRefused);
    connect(m_front, &Http::HttpFront::refusalsEnded, this, &HostServer::refusalsEnded);
    if (!m_front->start(m_options.bindAddress, m_options.port, m_options.limits)) {
        m_portInUse = m_front->error() == QAbstractSocket::AddressInUseError;
        //: %1 is an address such as 0.0.0.0, %2 a port number, %3 the system's reason
        m_error = tr("Cannot listen on %1 port %2: %3")
                          .arg(m_options.bindAddress.toString())
                          .arg(m_options.port)
                          .arg(m_front->errorString());
        delete m_front;
        m_front = nullptr;
        return false;
    }
    m_listening = true;
    Q_EMIT stateChanged();
    return true;
}

void HostServer::stop()
{
    if (!m_listening)
        return;
    m_engine->closeAll();
    delete m_front; // closes the listening socket
    m_front = nullptr;
    m_listening = false;
    Q_EMIT stateChanged();
}

bool HostServer::originAllowed(const QByteArray &origin, const QByteArray &host) const
{
    return Http::originAllowed(origin, host, m_options.allowedOrigins);
}

quint16 HostServer::port() const
{
    return m_front ? m_front->port() : 0;
}

QStringList HostServer::urls() const
{
    return m_listening ? Http::reachableUrls(m_options.bindAddress, port()) : QStringList();
}

} // namespace ChatHost
