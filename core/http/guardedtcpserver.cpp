// See guardedtcpserver.h. Qt's socket API only; the epoll transport's side of the listener is in
// guardedtcpserver_epoll.cpp (Linux, built with CHATHOST_EPOLL_TRANSPORT).
#include "http/guardedtcpserver.h"

#include "common/httpliterals.h"
#include "common/logging.h"
#include "http/httpgate.h"

#include <QPointer>

#include <algorithm>

namespace ChatHost::Http {

GuardedTcpServer::GuardedTcpServer(const ConnectionLimits &limits, TimerWheel *wheel,
                                   QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_throttle(limits.maxPerAddress, limits.newPerAddress, limits.newPerAddressPeriodMs)
    , m_gate(std::make_shared<GateShared>())
{
    m_clock.start();
    m_episodeTimer.setInterval(1000);
    connect(&m_episodeTimer, &QTimer::timeout, this, &GuardedTcpServer::reportEndedEpisodes);
    m_gate->wheel = wheel;
    m_gate->maxHead = limits.maxRequestHead;
    m_gate->headerTimeoutMs = limits.headerTimeoutMs;
    m_gate->idleTimeoutMs = limits.idleTimeoutMs;
    m_gate->sendTimeoutMs = limits.sendTimeoutMs;
    m_gate->writeCap = limits.pipelineWriteCap;
    m_gate->maxHeldBytes = limits.maxHeldBytes;
}

GuardedTcpServer::~GuardedTcpServer() = default;

void GuardedTcpServer::setBodyPolicy(const BodyPolicy &policy)
{
    m_gate->policy = policy;
}

void GuardedTcpServer::setStreamRoutes(const QList<StreamRouteRule> &routes)
{
    m_gate->streamRoutes = routes;
}

void GuardedTcpServer::setBodyRefusedHook(
        std::function<void(const QByteArray &, const QByteArray &)> hook)
{
    m_gate->bodyRefused = std::move(hook);
}

QString GuardedTcpServer::addressKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

void GuardedTcpServer::releaseSlot(const QString &key)
{
    --m_total;
    auto it = m_perAddress.find(key);
    if (it != m_perAddress.end() && --it.value() <= 0)
        m_perAddress.erase(it);
}

std::function<void()> GuardedTcpServer::releaser(const QString &key)
{
    return [self = QPointer<GuardedTcpServer>(this), key] {
        if (self)
            self->releaseSlot(key);
    };
}

std::optional<QByteArray> GuardedTcpServer::admit(const QHostAddress &peer, const QString &key)
{
    const qint64 now = m_clock.elapsed();
    int status = HttpLiterals::Status::ServiceUnavailable;
    qint64 retryAfterMs = 10000;
    bool firstOfEpisode = false;
    QString refusal;
    if (m_total >= m_limits.maxConnections) {
        refusal = QStringLiteral("too many connections");
        firstOfEpisode = m_throttle.noteRefusal(key, now);
    } else if (const auto r = m_throttle.admit(key, m_perAddress.value(key), now)) {
        status = r->status;
        retryAfterMs = r->retryAfterMs;
        firstOfEpisode = r->firstOfEpisode;
        refusal = r->status == HttpLiterals::Status::TooManyRequests
                ? QStringLiteral("too many new connections from this address; retry in %1 s")
                          .arg((retryAfterMs + 999) / 1000)
                : QStringLiteral("too many connections from this address (at most %1)")
                          .arg(m_limits.maxPerAddress);
    }
    if (refusal.isEmpty()) {
        ++m_total;
        ++m_perAddress[key];
        return std::nullopt;
    }
    // Said once per address per episode, not once per connection.
    if (firstOfEpisode) {
        qCInfo(lcHttp) << "refusing connections from" << key << ":" << refusal;
        Q_EMIT connectionRefused(peer, refusal);
        if (!m_episodeTimer.isActive())
            m_episodeTimer.start();
    }
    const QByteArray retryAfter
            = QByteArray::number(std::max<qint64>(1, (retryAfterMs + 999) / 1000));
    return WebSocket::httpResponse(status, HttpLiterals::textPlainUtf8(),
                                   QByteArray(refusal.toUtf8() + '\n'),
                                   {{HttpLiterals::retryAfterHeader(), retryAfter}});
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
#if CHATHOST_EPOLL_TRANSPORT
    if (m_reactor) {
        acceptOnReactor(descriptor);
        return;
    }
#endif
    // Qt's socket API only (the portable build): the gate takes the socket at once, which also
    // starts the header timeout; a connection over a cap is answered and closed.
    auto *socket = new GatedSocket(m_gate, m_limits.headerTimeoutMs, {}, this);
    if (!socket->adopt(descriptor)) {
        // As QTcpServer itself does: Qt has no call that closes a descriptor it could not take.
        qCWarning(lcHttp) << "could not take a new connection:" << socket->errorString();
        delete socket;
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    const QString key = addressKey(peer);
    if (const std::optional<QByteArray> refusal = admit(peer, key)) {
        // A clear answer, then close: the client learns why and when to retry instead of hanging.
        socket->write(*refusal);
        socket->flush();
        socket->abort();
        socket->deleteLater();
        return;
    }
    socket->setRelease(releaser(key));
    addPendingConnection(socket);
    Q_EMIT newConnection();
}

void GuardedTcpServer::reportEndedEpisodes()
{
    const auto ended = m_throttle.takeEndedEpisodes(m_clock.elapsed());
    for (const ConnectionThrottle::Episode &e : ended) {
        qCInfo(lcHttp) << "stopped refusing" << e.address << "after" << e.refused << "refusals";
        Q_EMIT refusalsEnded(e.address, e.refused);
    }
    if (!m_throttle.hasOpenEpisodes())
        m_episodeTimer.stop();
}

} // namespace ChatHost::Http
