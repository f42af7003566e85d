// The listening socket, guarded: caps on connections in total and per address (a clear 503 to
// whoever is over), and a header timeout so that connections that never finish their request
// (slowloris, half-open sockets) are dropped. Qt 6.4's HTTP server has none of these.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QTcpServer>

class QTcpSocket;

namespace ChatHost::Http {

struct ConnectionLimits
{
    int maxConnections = 20000;
    int maxPerAddress = 2000; // a LAN behind one NAT address can be large
    int headerTimeoutMs = 10000; // time to send a whole request head after connecting
};

class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)
public:
    explicit GuardedTcpServer(const ConnectionLimits &limits, QObject *parent = nullptr);

    // The socket sent a complete request (or was upgraded): no header timeout any more.
    static void markActive(QTcpSocket *socket);
    int connectionCount() const { return m_total; }

Q_SIGNALS:
    void connectionRefused(const QHostAddress &address, const QString &reason);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    ConnectionLimits m_limits;
    int m_total = 0;
    QHash<QString, int> m_perAddress;
};

} // namespace ChatHost::Http
