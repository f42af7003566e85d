// See guardedtcpserver.h: the listener's side of the epoll transport (Linux, built with
// CHATHOST_EPOLL_TRANSPORT). Each admitted connection's first request head is peeked at on the
// reactor before Qt sees the socket.
#include "http/guardedtcpserver.h"

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

void GuardedTcpServer::setFastPath(WebSocket::Reactor *reactor, UpgradeRouter *router)
{
    m_reactor = reactor && reactor->isValid() ? reactor : nullptr;
    m_router = router;
}

void GuardedTcpServer::acceptOnReactor(qintptr descriptor)
{
    const int fd = int(descriptor);
    const QHostAddress peer = peerOf(fd);
    const QString key = addressKey(peer);
    if (const std::optional<QByteArray> refusal = admit(peer, key)) {
        // A clear answer, then close: the client learns why and when to retry instead of hanging.
        ::send(fd, refusal->constData(), size_t(refusal->size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::close(fd);
        return;
    }
    auto *pending = new PendingHead(this, m_reactor, peer, key);
    pending->watch(fd, m_limits.headerTimeoutMs);
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
