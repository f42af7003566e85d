// See guardedtcpserver.h.
#include "http/guardedtcpserver.h"

#include "common/httpliterals.h"
#include "common/logging.h"
#include "common/timerwheel.h"
#include "http/httpgate.h"
#include "websocket/reactor.h"

#include <QDeadlineTimer>
#include <QPointer>

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace ChatHost::Http {

namespace {

QString addressKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

QHostAddress peerOf(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&storage));
}
} // namespace

// A new connection whose request head has not arrived yet. Edge-triggered: it wakes once per
// arrival of bytes and peeks at all of them, so a slow head does not spin the loop.
class GuardedTcpServer::PendingHead final : public WebSocket::Reactor::Handler
{
public:
    PendingHead(GuardedTcpServer *server, WebSocket::Reactor *reactor, QHostAddress peer,
                QString key)
        : m_server(server)
        , m_reactor(reactor)
        , m_peer(std::move(peer))
        , m_key(std::move(key))
        , m_timeout([this] {
            qCDebug(lcHttp) << "header timeout" << m_peer;
            drop();
        })
    { }

    void watch(int fd, int timeoutMs)
    {
        m_fd = fd;
        if (!m_reactor->add(this, fd, EPOLLIN | EPOLLRDHUP | EPOLLET)) {
            ::close(fd);
            release();
            delete this;
            return;
        }
        m_deadline.setRemainingTime(timeoutMs);
        m_timeout.start(m_reactor->wheel(), timeoutMs);
    }

protected:
    void handleEvents(quint32 events) override
    {
        char buffer[WebSocket::kMaxRequestHead];
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_PEEK | MSG_DONTWAIT);
        if (n == 0) {
            drop();
            return;
        }
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                drop();
            return;
        }
        const QByteArrayView data(buffer, n);
        const qsizetype end = WebSocket::findHeadEnd(data);
        if (end == 0 && !(events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
            return; // wait for the rest of the head
        if (end > 0 && m_server && m_server->m_router) {
            auto head = WebSocket::parseRequestHead(data.first(end));
            if (head && WebSocket::wantsWebSocket(*head)
                && m_server->m_router->wantsUpgrade(*head)) {
                // Now consume the head; the frames after it stay for the WebSocket.
                if (::recv(m_fd, buffer, size_t(end), MSG_DONTWAIT) != end) {
                    drop();
                    return;
                }
                leave();
                m_server->m_router->adoptUpgrade(m_fd, m_peer, std::move(*head),
                                                 m_server->releaser(m_key));
                return;
            }
        }
        // Anything else is Qt's HTTP server's, with every byte still unread.
        leave();
        if (m_server)
            m_server->handToQt(m_fd, m_key, int(m_deadline.remainingTime()));
        else
            ::close(m_fd);
    }

    void abandon() override
    {
        m_timeout.stop();
        ::close(m_fd);
        release();
    }

private:
    void leave()
    {
        m_timeout.stop();
        m_reactor->retire(this);
    }
    void drop()
    {
        leave();
        ::close(m_fd);
        release();
    }
    void release()
    {
        if (m_server)
            m_server->releaseSlot(m_key);
    }

    QPointer<GuardedTcpServer> m_server;
    WebSocket::Reactor *m_reactor;
    QHostAddress m_peer;
    QString m_key;
    int m_fd = -1;
    WheelTimer m_timeout;
    QDeadlineTimer m_deadline; // the header timeout goes on in Qt's hands
};

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

void GuardedTcpServer::setFastPath(WebSocket::Reactor *reactor, UpgradeRouter *router)
{
    m_reactor = reactor && reactor->isValid() ? reactor : nullptr;
    m_router = router;
}

void GuardedTcpServer::setBodyPolicy(const BodyPolicy &policy)
{
    m_gate->policy = policy;
}

void GuardedTcpServer::setBodyRefusedHook(
        std::function<void(const QByteArray &, const QByteArray &)> hook)
{
    m_gate->bodyRefused = std::move(hook);
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

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    const int fd = int(descriptor);
    const QHostAddress peer = peerOf(fd);
    const QString key = addressKey(peer);
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
    if (!refusal.isEmpty()) {
        // A clear answer, then close: the client learns why and when to retry instead of hanging.
        const QByteArray retryAfter
                = QByteArray::number(std::max<qint64>(1, (retryAfterMs + 999) / 1000));
        const QByteArray response = WebSocket::httpResponse(
                status, HttpLiterals::textPlainUtf8(), QByteArray(refusal.toUtf8() + '\n'),
                {{HttpLiterals::retryAfterHeader(), retryAfter}});
        ::send(fd, response.constData(), size_t(response.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::close(fd);
        // Said once per address per episode, not once per connection.
        if (firstOfEpisode) {
            qCInfo(lcHttp) << "refusing connections from" << key << ":" << refusal;
            Q_EMIT connectionRefused(peer, refusal);
            if (!m_episodeTimer.isActive())
                m_episodeTimer.start();
        }
        return;
    }
    ++m_total;
    ++m_perAddress[key];
    if (m_reactor) {
        auto *pending = new PendingHead(this, m_reactor, peer, key);
        pending->watch(fd, m_limits.headerTimeoutMs);
        return;
    }
    handToQt(fd, key, m_limits.headerTimeoutMs);
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

void GuardedTcpServer::handToQt(int fd, const QString &key, int headDeadlineMs)
{
    // The gate reads the requests and gives them to Qt one at a time, within the limits; it also
    // keeps the header timeout running from accept.
    auto *socket = new GatedSocket(m_gate, headDeadlineMs, releaser(key), this);
    if (!socket->adopt(fd)) {
        ::close(fd);
        delete socket; // releases the slot
        return;
    }
    addPendingConnection(socket);
    Q_EMIT newConnection();
}

} // namespace ChatHost::Http
