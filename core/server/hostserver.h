// Everything that serves on ChatHost's port, put together: HTTP front, Engine.IO and Socket.IO
// servers, the static site. The app, the conformance server and the tests all start it so.
#pragma once

#include "common/timerwheel.h"
#include "engineio/options.h"
#include "http/guardedtcpserver.h"
#include "http/streamroute.h"
#include "socketio/server.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>

namespace ChatHost::Http {
class HttpFront;
class StaticSite;
} // namespace ChatHost::Http

namespace ChatHost {

struct HostOptions
{
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = 3000;
    EngineIO::Options engine;
    SocketIO::Options socketIo;
    QString webRoot; // empty: the built-in page
    QString path = QStringLiteral("/socket.io/");
    // Other web origins allowed to connect (same origin always is; "*" allows any).
    QStringList allowedOrigins;
    Http::ConnectionLimits limits;
};

class HostServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostServer)
public:
    explicit HostServer(const HostOptions &options, QObject *parent = nullptr);
    ~HostServer() override;

    // Listens; false with errorString() when the port is taken or the address unusable.
    bool start();
    void stop();
    // Takes effect at the next start().
    void setListenAddress(const QHostAddress &address, quint16 port)
    {
        m_options.bindAddress = address;
        m_options.port = port;
    }
    // True when the last start() failed because the port was taken.
    bool portInUse() const { return m_portInUse; }
    bool isListening() const { return m_listening; }
    quint16 port() const;
    QString errorString() const { return m_error; }
    QStringList urls() const;
    const HostOptions &options() const { return m_options; }
    // A route served beside the chat whose body or answer is streamed (uploads, downloads); it
    // takes effect at the next start().
    void addStreamRoute(Http::StreamRouteRule rule) { m_streamRoutes.append(std::move(rule)); }
    // Whether a request with these Origin and Host headers comes from a page ChatHost allows.
    bool originAllowed(const QByteArray &origin, const QByteArray &host) const;

    SocketIO::Server *io() const { return m_io; }
    EngineIO::Server *engine() const { return m_engine; }
    Http::HttpFront *front() const { return m_front; }
    // The one timer wheel of every deadline on this port: request heads, bodies and idle
    // keep-alives, the WebSocket transports, Engine.IO heartbeats and Socket.IO timeouts.
    // Another server mounted on the front (e.g. the conformance echo) is given it too.
    TimerWheel *wheel() { return &m_wheel; }

Q_SIGNALS:
    void stateChanged(); // started or stopped
    void originRefused(const QString &origin, const QHostAddress &address);
    // Once per address while it is being refused, then once with how many were refused.
    void connectionRefused(const QHostAddress &address, const QString &reason);
    void refusalsEnded(const QString &address, int refused);

private:
    TimerWheel m_wheel; // first: it outlives everything that sets deadlines on it
    HostOptions m_options;
    EngineIO::Server *m_engine = nullptr;
    SocketIO::Server *m_io = nullptr;
    Http::HttpFront *m_front = nullptr;
    std::unique_ptr<Http::StaticSite> m_site;
    QList<Http::StreamRouteRule> m_streamRoutes;
    bool m_listening = false;
    bool m_portInUse = false;
    QString m_error;
};

} // namespace ChatHost
