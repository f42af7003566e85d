// See qtlink.h.
#include "websocket/qtlink.h"

#include "common/logging.h"

namespace ChatHost::WebSocket {

static_assert(toNumber(CloseCode::Normal) == QWebSocketProtocol::CloseCodeNormal);
static_assert(toNumber(CloseCode::GoingAway) == QWebSocketProtocol::CloseCodeGoingAway);
static_assert(toNumber(CloseCode::ProtocolError) == QWebSocketProtocol::CloseCodeProtocolError);
static_assert(toNumber(CloseCode::InvalidData) == QWebSocketProtocol::CloseCodeWrongDatatype);
static_assert(toNumber(CloseCode::PolicyViolation) == QWebSocketProtocol::CloseCodePolicyViolated);
static_assert(toNumber(CloseCode::TooBig) == QWebSocketProtocol::CloseCodeTooMuchData);
static_assert(toNumber(CloseCode::InternalError) == QWebSocketProtocol::CloseCodeBadOperation);

QtLink::QtLink(QWebSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        if (m_listener)
            m_listener->linkText(this, text);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        if (m_listener)
            m_listener->linkBinary(this, data);
    });
    connect(socket, &QWebSocket::disconnected, this, [this] {
        if (Listener *l = std::exchange(m_listener, nullptr))
            l->linkClosed(this);
        deleteLater();
    });
}

QtLink::~QtLink() = default;

void QtLink::send(const OutgoingMessage &message)
{
    if (!m_socket || m_closing || m_tooSlow)
        return;
    if (m_socket->bytesToWrite() + message.payload().size() > kMaxQueuedBytes) {
        // Dropped later, not here: the sender may be in the middle of a broadcast.
        m_tooSlow = true;
        QMetaObject::invokeMethod(this, &QtLink::dropSlowPeer, Qt::QueuedConnection);
        return;
    }
    if (message.isBinary())
        m_socket->sendBinaryMessage(message.payload().toByteArray());
    else
        m_socket->sendTextMessage(QString::fromUtf8(message.payload()));
}

void QtLink::dropSlowPeer()
{
    if (m_closing)
        return;
    qCInfo(lcHttp) << "dropping a WebSocket peer that does not read (over"
                   << kMaxQueuedBytes / (1024 * 1024) << "MB queued)";
    m_closing = true;
    if (Listener *l = std::exchange(m_listener, nullptr))
        l->linkClosed(this);
    if (m_socket)
        m_socket->abort();
    deleteLater();
}

void QtLink::close(CloseCode code, QByteArrayView reason)
{
    m_listener = nullptr;
    if (m_closing)
        return;
    m_closing = true;
    if (m_socket)
        m_socket->close(toQt(code), QString::fromUtf8(reason));
    deleteLater();
}

} // namespace ChatHost::WebSocket
