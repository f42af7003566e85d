// See httpfront.h: the front's side of the epoll transport (Linux, built with
// CHATHOST_EPOLL_TRANSPORT). Upgrades to an Engine.IO path that the listener peeked at are
// answered here and served on ChatHost's own WebSocket transport.
#include "http/httpfront.h"

#include "common/httpliterals.h"
#include "engineio/server.h"
#include "websocket/rawwebsocket.h"
#include "websocket/reactor.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ChatHost::Http {

using namespace HttpLiterals;

namespace {

// Writes a whole answer to a socket that is then closed (a refusal before the 101).
void answerAndClose(int fd, const QByteArray &response)
{
    ::send(fd, response.constData(), size_t(response.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::close(fd);
}

} // namespace

// A child of the front (created before any listener, so deleted before them: the reactor's
// connections give their slots back to a listener that is still there).
class HttpFront::FastPath final
    : public QObject
    , public GuardedTcpServer::UpgradeRouter
{
public:
    FastPath(HttpFront *front, TimerWheel *wheel)
        : QObject(front)
        , m_front(front)
        , m_reactor(new WebSocket::Reactor(wheel, this))
    { }

    WebSocket::Reactor *reactor() const { return m_reactor; }

    bool wantsUpgrade(const WebSocket::RequestHead &head) override
    {
        return m_front->engineFor(QString::fromUtf8(head.path())) != nullptr;
    }

    void adoptUpgrade(int fd, const QHostAddress &peer, WebSocket::RequestHead head,
                      std::function<void()> release) override;

private:
    HttpFront *m_front;
    WebSocket::Reactor *m_reactor;
};

void HttpFront::createFastPath()
{
    m_fastPath = new FastPath(this, m_wheel);
}

void HttpFront::attachFastPath(GuardedTcpServer *server)
{
    server->setFastPath(m_fastPath->reactor(), m_fastPath);
}

void HttpFront::FastPath::adoptUpgrade(int fd, const QHostAddress &peer,
                                       WebSocket::RequestHead head, std::function<void()> release)
{
    EngineIO::Server *engine = m_front->engineFor(QString::fromUtf8(head.path()));
    if (auto refusal = WebSocket::checkUpgradeRequest(head); refusal || !engine) {
        WebSocket::HeaderList extra;
        if (refusal && refusal->status == Status::UpgradeRequired)
            extra.append({secWebSocketVersionHeader(), webSocketVersion13()});
        answerAndClose(fd,
                       WebSocket::httpResponse(refusal ? refusal->status : Status::NotFound,
                                               textPlainUtf8(),
                                               refusal ? refusal->reason : "Not Found", extra));
        release();
        return;
    }
    const QByteArray key = head.header(secWebSocketKeyHeader());
    EngineIO::Handshake handshake;
    handshake.address = peer;
    handshake.query = QUrlQuery(QString::fromUtf8(head.query()));
    handshake.headers = std::move(head.headers);
    handshake.time = QDateTime::currentDateTimeUtc();
    if (auto error = engine->checkUpgradeRequest(handshake)) {
        answerAndClose(fd, WebSocket::httpResponse(error->status, error->contentType, error->body));
        release();
        return;
    }
    const QByteArray accept = WebSocket::switchingProtocols(key);
    // The socket's buffer is empty: the 101 is written whole or the peer is gone.
    if (::send(fd, accept.constData(), size_t(accept.size()), MSG_NOSIGNAL | MSG_DONTWAIT)
        != accept.size()) {
        ::close(fd);
        release();
        return;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto *link = WebSocket::RawWebSocket::adopt(m_reactor, fd, engine->options().maxPayload,
                                                m_front->m_heldBudget);
    if (!link) {
        release();
        return;
    }
    link->setFinishedHook(std::move(release));
    engine->handleWebSocket(link, std::move(handshake));
}

} // namespace ChatHost::Http
