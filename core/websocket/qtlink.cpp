// See qtlink.h.
#include "websocket/qtlink.h"

#include "common/logging.h"

#include <algorithm>
#include <vector>

namespace ChatHost::WebSocket {

static_assert(toNumber(CloseCode::Normal) == QWebSocketProtocol::CloseCodeNormal);
static_assert(toNumber(CloseCode::GoingAway) == QWebSocketProtocol::CloseCodeGoingAway);
static_assert(toNumber(CloseCode::ProtocolError) == QWebSocketProtocol::CloseCodeProtocolError);
static_assert(toNumber(CloseCode::InvalidData) == QWebSocketProtocol::CloseCodeWrongDatatype);
static_assert(toNumber(CloseCode::PolicyViolation) == QWebSocketProtocol::CloseCodePolicyViolated);
static_assert(toNumber(CloseCode::TooBig) == QWebSocketProtocol::CloseCodeTooMuchData);
static_assert(toNumber(CloseCode::InternalError) == QWebSocketProtocol::CloseCodeBadOperation);

QtSendBudget::QtSendBudget(qint64 limit, QObject *parent)
    : QObject(parent)
    , m_limit(limit)
{ }

QtSendBudget::~QtSendBudget() = default;

void QtSendBudget::change(qint64 before, qint64 now)
{
    m_queued += now - before;
    if (m_queued > m_limit && !m_trimPending) {
        // Later, not here: the sender may be in the middle of a broadcast.
        m_trimPending = true;
        QMetaObject::invokeMethod(this, &QtSendBudget::trim, Qt::QueuedConnection);
    }
}

void QtSendBudget::trim()
{
    m_trimPending = false;
    if (m_queued <= m_limit)
        return;
    std::vector<QtLink *> behind;
    for (QtLink *link : m_links) {
        if (link->m_queued >= kMinBacklog && !link->m_closing && !link->m_tooSlow)
            behind.push_back(link);
    }
    std::sort(behind.begin(), behind.end(),
              [](const QtLink *a, const QtLink *b) { return a->m_queued > b->m_queued; });
    const qint64 target = m_limit / 4 * 3;
    for (QtLink *link : behind) {
        if (m_queued <= target)
            break;
        // Dropping one may close others (their listeners react), but deletes none at once.
        if (!link->m_closing && !link->m_tooSlow)
            link->dropSlowPeer("the queues of all WebSocket peers are over the budget");
    }
}

QtLink::QtLink(QWebSocket *socket, QtLinkBudgets budgets, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_budgets(std::move(budgets))
{
    Q_ASSERT(m_budgets.send && m_budgets.held && m_budgets.wheel);
    m_budgets.send->add(this);
    socket->setParent(this);
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        if (m_listener)
            m_listener->linkText(this, text);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        if (m_listener)
            m_listener->linkBinary(this, data);
    });
    // Every frame, before the message it completes: what an incomplete message holds (Qt keeps
    // text as UTF-16).
    connect(socket, &QWebSocket::textFrameReceived, this,
            [this](const QString &frame, bool last) { frameReceived(frame.size() * 2, last); });
    connect(socket, &QWebSocket::binaryFrameReceived, this,
            [this](const QByteArray &frame, bool last) { frameReceived(frame.size(), last); });
    connect(socket, &QWebSocket::bytesWritten, this, &QtLink::accountQueued);
    connect(socket, &QWebSocket::disconnected, this, [this] {
        if (Listener *l = std::exchange(m_listener, nullptr))
            l->linkClosed(this);
        deleteLater();
    });
    m_unfinished.setCallback(
            [this] { fail(CloseCode::PolicyViolation, "message not finished in time"); });
    m_linger.setCallback([this] {
        if (m_socket)
            m_socket->abort();
        deleteLater();
    });
}

QtLink::~QtLink()
{
    m_budgets.send->remove(this);
    m_budgets.send->change(m_queued, 0);
    m_budgets.held->change(m_held, 0);
}

void QtLink::send(const OutgoingMessage &message)
{
    if (!m_socket || m_closing || m_tooSlow)
        return;
    if (m_socket->bytesToWrite() + message.payload().size() > kMaxQueuedBytes) {
        // Dropped later, not here: the sender may be in the middle of a broadcast.
        m_tooSlow = true;
        accountQueued();
        QMetaObject::invokeMethod(
                this, [this] { dropSlowPeer("a WebSocket peer that does not read"); },
                Qt::QueuedConnection);
        return;
    }
    if (message.isBinary())
        m_socket->sendBinaryMessage(message.payload().toByteArray());
    else
        m_socket->sendTextMessage(QString::fromUtf8(message.payload()));
    accountQueued();
}

void QtLink::accountQueued()
{
    const qint64 now = m_socket && !m_tooSlow && !m_closing ? m_socket->bytesToWrite() : 0;
    if (now == m_queued)
        return;
    m_budgets.send->change(std::exchange(m_queued, now), now);
}

void QtLink::frameReceived(qint64 size, bool isLastFrame)
{
    if (m_closing)
        return;
    const qint64 now = isLastFrame ? 0 : m_held + size;
    if (!m_budgets.held->change(m_held, now)) {
        qCInfo(lcHttp) << "closing a WebSocket: unfinished messages of all connections over"
                       << m_budgets.held->limit() / (1024 * 1024) << "MB";
        fail(CloseCode::TooBig, "server busy: too many unfinished messages");
        return;
    }
    if (now == 0)
        m_unfinished.stop();
    else if (m_held == 0)
        m_unfinished.start(m_budgets.wheel, HeldBudget::kUnfinishedMessageMs);
    m_held = now;
}

void QtLink::dropSlowPeer(const char *why)
{
    if (m_closing)
        return;
    qCInfo(lcHttp) << "dropping" << why << "(" << m_queued / 1024 << "KB queued)";
    m_closing = true;
    m_tooSlow = true;
    accountQueued();
    if (Listener *l = std::exchange(m_listener, nullptr))
        l->linkClosed(this);
    if (m_socket)
        m_socket->abort();
    deleteLater();
}

void QtLink::fail(CloseCode code, const char *why)
{
    if (m_closing)
        return;
    qCDebug(lcHttp) << "WebSocket closed with" << toNumber(code) << ":" << why;
    Listener *l = std::exchange(m_listener, nullptr);
    closeSocket(code, QByteArrayView(why));
    if (l)
        l->linkClosed(this);
}

void QtLink::close(CloseCode code, QByteArrayView reason)
{
    m_listener = nullptr;
    if (m_closing)
        return;
    closeSocket(code, reason);
}

void QtLink::closeSocket(CloseCode code, QByteArrayView reason)
{
    m_closing = true;
    m_unfinished.stop();
    m_budgets.held->change(std::exchange(m_held, 0), 0);
    accountQueued();
    if (!m_socket || m_socket->state() == QAbstractSocket::UnconnectedState) {
        deleteLater();
        return;
    }
    // Qt writes the close frame and closes the TCP connection once it is out; the link goes
    // when the socket is disconnected, or after the linger time if the peer never reads.
    m_socket->close(toQt(code), QString::fromUtf8(reason));
    if (!m_socket || m_socket->state() == QAbstractSocket::UnconnectedState)
        deleteLater();
    else
        m_linger.start(m_budgets.wheel, kLingerMs);
}

} // namespace ChatHost::WebSocket
