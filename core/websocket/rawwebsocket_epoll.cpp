// See rawwebsocket.h.
#include "websocket/rawwebsocket.h"

#include "common/logging.h"

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>

namespace ChatHost::WebSocket {

namespace {
constexpr quint32 kRead = EPOLLIN | EPOLLRDHUP;
constexpr int kMaxIov = 64;
constexpr qsizetype kReadChunk = 64 * 1024;
constexpr int kReadsPerEvent = 4; // then let other connections have their turn
} // namespace

RawWebSocket::RawWebSocket(Reactor *reactor, qint64 maxMessageSize,
                           std::shared_ptr<HeldBudget> held)
    : m_reactor(reactor)
    , m_reader(maxMessageSize)
    , m_heldBudget(std::move(held))
{
    m_linger.setCallback([this] { finish(); });
    m_unfinished.setCallback([this] {
        if (m_state != State::Open)
            return;
        fail(CloseCode::PolicyViolation, "message not finished in time");
        accountHeld();
    });
}

RawWebSocket::~RawWebSocket()
{
    m_heldBudget->change(m_held, 0);
}

RawWebSocket *RawWebSocket::adopt(Reactor *reactor, int fd, qint64 maxMessageSize,
                                  std::shared_ptr<HeldBudget> held)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        ::close(fd);
        return nullptr;
    }
    auto *ws = new RawWebSocket(reactor, maxMessageSize, std::move(held));
    if (!reactor->add(ws, fd, kRead)) {
        ::close(fd);
        delete ws;
        return nullptr;
    }
    return ws;
}

void RawWebSocket::send(const OutgoingMessage &message)
{
    if (m_state != State::Open || message.isNull())
        return;
    queue(message.wire());
}

void RawWebSocket::queue(const QByteArray &bytes)
{
    if (m_tooSlow)
        return;
    if (m_outBytes + bytes.size() > kMaxQueuedBytes) {
        // Dropped in flush(), not here: the sender may be in the middle of a broadcast.
        m_tooSlow = true;
        m_reactor->markDirty(this);
        return;
    }
    m_out.push_back(bytes);
    m_outBytes += bytes.size();
    m_reactor->markDirty(this);
}

void RawWebSocket::close(CloseCode code, QByteArrayView reason)
{
    m_listener = nullptr;
    if (m_state != State::Open)
        return;
    startClosing(code, reason);
}

void RawWebSocket::startClosing(CloseCode code, QByteArrayView reason)
{
    queue(OutgoingMessage::close(code, reason).wire());
    m_state = State::Closing;
    m_linger.start(m_reactor->wheel(), kLingerMs);
}

void RawWebSocket::handleEvents(quint32 events)
{
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
        readAvailable();
    if (isRetired())
        return;
    if (events & EPOLLOUT)
        flush();
}

void RawWebSocket::readAvailable()
{
    char buffer[kReadChunk];
    for (int round = 0; round < kReadsPerEvent && !isRetired(); ++round) {
        const ssize_t n = ::recv(descriptor(), buffer, sizeof buffer, MSG_DONTWAIT);
        if (n == 0) {
            peerGone();
            return;
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                peerGone();
            return;
        }
        if (m_state == State::Open) {
            const auto sink
                    = [this](MessageReader::Message &&m) { return onMessage(std::move(m)); };
            if (m_in.isEmpty()) {
                const QByteArrayView data(buffer, n);
                const qsizetype used = m_reader.feed(data, sink);
                if (m_state == State::Open && !m_reader.errorCode() && used < n)
                    m_in = data.sliced(used).toByteArray();
            } else {
                m_in.append(buffer, n);
                const qsizetype used = m_reader.feed(m_in, sink);
                m_in.remove(0, used);
                if (m_in.isEmpty())
                    m_in = QByteArray(); // an idle connection keeps no buffer
            }
            if (m_reader.errorCode() && m_state == State::Open)
                fail(CloseCode(m_reader.errorCode()), m_reader.errorText());
            accountHeld();
        }
        // Closing or draining: what the peer still sends is read and dropped.
        if (n < ssize_t(sizeof buffer))
            return;
    }
}

bool RawWebSocket::onMessage(MessageReader::Message &&message)
{
    switch (message.opcode) {
    case Opcode::Text:
        m_messageDone = true;
        if (m_listener)
            m_listener->linkText(this, message.text);
        break;
    case Opcode::Binary:
        m_messageDone = true;
        if (m_listener)
            m_listener->linkBinary(this, message.data);
        break;
    case Opcode::Ping: queue(OutgoingMessage::control(Opcode::Pong, message.data).wire()); break;
    case Opcode::Pong: break;
    case Opcode::Close: {
        // Answer with the same code (RFC 6455 5.5.1), then the listener hears of it. The peer's
        // code may be one of the private range, which the enum does not name.
        const CloseCode code = message.closeCode == toNumber(CloseCode::NoStatus)
                ? CloseCode::Normal
                : CloseCode(message.closeCode);
        startClosing(code, {});
        notifyClosed();
        return false;
    }
    case Opcode::Continuation: break;
    }
    return m_state == State::Open;
}

void RawWebSocket::accountHeld()
{
    qint64 now = m_state == State::Open ? qint64(m_in.size()) + m_reader.pendingBytes() : 0;
    if (now != m_held && !m_heldBudget->change(m_held, now)) {
        qCInfo(lcHttp) << "closing a WebSocket: unfinished messages of all connections over"
                       << m_heldBudget->limit() / (1024 * 1024) << "MB";
        fail(CloseCode::TooBig, "server busy: too many unfinished messages");
        m_heldBudget->change(m_held, 0);
        now = 0;
    }
    m_held = now;
    // The deadline runs from the first byte of the oldest message still incomplete: a peer
    // streaming whole messages (reads that end inside the next one) is not cut off.
    if (now == 0)
        m_unfinished.stop();
    else if (!m_unfinished.isActive() || m_messageDone)
        m_unfinished.start(m_reactor->wheel(), HeldBudget::kUnfinishedMessageMs);
    m_messageDone = false;
}

void RawWebSocket::fail(CloseCode code, const char *why)
{
    qCDebug(lcHttp) << "WebSocket protocol error, closing with" << toNumber(code) << ":" << why;
    m_in = QByteArray();
    m_reader.dropPending();
    startClosing(code, QByteArrayView(why));
    notifyClosed();
}

void RawWebSocket::notifyClosed()
{
    if (Listener *l = std::exchange(m_listener, nullptr))
        l->linkClosed(this);
}

void RawWebSocket::flush()
{
    if (isRetired())
        return;
    if (m_tooSlow && m_state == State::Open) {
        qCInfo(lcHttp) << "dropping a WebSocket peer that does not read (over"
                       << kMaxQueuedBytes / (1024 * 1024) << "MB queued)";
        notifyClosed();
        finish();
        return;
    }
    if (!writeQueued()) {
        peerGone();
        return;
    }
    const bool pending = !m_out.empty();
    if (pending != m_watchingWrites) {
        m_watchingWrites = pending;
        m_reactor->modify(this, pending ? kRead | EPOLLOUT : kRead);
    }
    if (!pending && m_state == State::Closing) {
        // Our close frame is out: no more writes, wait for the peer's close or its FIN.
        ::shutdown(descriptor(), SHUT_WR);
        m_state = State::Draining;
    }
}

bool RawWebSocket::writeQueued()
{
    while (!m_out.empty()) {
        const ssize_t written = writeSome();
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return errno == EAGAIN || errno == EWOULDBLOCK;
        }
        dropWritten(written);
    }
    return true;
}

ssize_t RawWebSocket::writeSome()
{
    iovec iov[kMaxIov];
    int count = 0;
    for (size_t i = 0; i < m_out.size() && count < kMaxIov; ++i, ++count) {
        const QByteArray &b = m_out[i];
        const qsizetype skip = i == 0 ? m_outOffset : 0;
        iov[count].iov_base = const_cast<char *>(b.constData()) + skip;
        iov[count].iov_len = size_t(b.size() - skip);
    }
    if (count == 1) {
        // One frame waiting (the usual case): plain send(), no iovec to import.
        return ::send(descriptor(), iov[0].iov_base, iov[0].iov_len, MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = size_t(count);
    return ::sendmsg(descriptor(), &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
}

void RawWebSocket::dropWritten(qsizetype written)
{
    m_outBytes -= written;
    qsizetype left = written;
    size_t done = 0;
    while (done < m_out.size() && left > 0) {
        const qsizetype rest = m_out[done].size() - m_outOffset;
        if (left >= rest) {
            left -= rest;
            m_outOffset = 0;
            ++done;
        } else {
            m_outOffset += left;
            left = 0;
        }
    }
    m_out.erase(m_out.begin(), m_out.begin() + qsizetype(done));
}

void RawWebSocket::peerGone()
{
    notifyClosed();
    finish();
}

void RawWebSocket::abandon()
{
    notifyClosed();
    m_linger.stop();
    m_unfinished.stop();
    m_state = State::Done;
    ::close(descriptor());
    if (m_finished)
        std::exchange(m_finished, {})();
}

void RawWebSocket::finish()
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    m_linger.stop();
    m_unfinished.stop();
    m_out.clear();
    const int fd = descriptor();
    m_reactor->retire(this);
    ::close(fd);
    if (m_finished)
        std::exchange(m_finished, {})();
}

} // namespace ChatHost::WebSocket
