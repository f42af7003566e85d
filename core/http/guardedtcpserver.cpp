// See guardedtcpserver.h.
#include "http/guardedtcpserver.h"

#include "common/logging.h"

#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

namespace ChatHost::Http {

namespace {
const char *const kActive = "chathostRequestSeen";

QString addressKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}
} // namespace

GuardedTcpServer::GuardedTcpServer(const ConnectionLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{ }

void GuardedTcpServer::markActive(QTcpSocket *socket)
{
    socket->setProperty(kActive, true);
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        delete socket;
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    const QString key = addressKey(peer);
    QString refusal;
    if (m_total >= m_limits.maxConnections)
        refusal = QStringLiteral("too many connections");
    else if (m_perAddress.value(key) >= m_limits.maxPerAddress)
        refusal = QStringLiteral("too many connections from this address");
    if (!refusal.isEmpty()) {
        // A clear answer, then close: the client learns why instead of hanging.
        const QByteArray body = refusal.toUtf8();
        const QByteArray response
                = QByteArrayLiteral("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; "
                                    "charset=utf-8\r\n"
                                    "Connection: close\r\nRetry-After: 10\r\nContent-Length: ")
                + QByteArray::number(body.size()) + QByteArrayLiteral("\r\n\r\n") + body;
        ::send(int(descriptor), response.constData(), size_t(response.size()),
               MSG_NOSIGNAL | MSG_DONTWAIT);
        qCInfo(lcHttp) << "refused a connection from" << key << ":" << refusal;
        Q_EMIT connectionRefused(peer, refusal);
        socket->abort();
        socket->deleteLater();
        return;
    }
    ++m_total;
    ++m_perAddress[key];
    connect(socket, &QObject::destroyed, this, [this, key] {
        --m_total;
        auto it = m_perAddress.find(key);
        if (it != m_perAddress.end() && --it.value() <= 0)
            m_perAddress.erase(it);
    });
    // Whoever has not sent a whole request head in time is dropped.
    QTimer::singleShot(m_limits.headerTimeoutMs, socket, [socket] {
        if (!socket->property(kActive).toBool()) {
            qCDebug(lcHttp) << "header timeout" << socket->peerAddress();
            socket->abort();
        }
    });
    addPendingConnection(socket);
    Q_EMIT newConnection();
}

} // namespace ChatHost::Http
