// A QWebSocket behind the Link interface: used for the WebSocket upgrades that Qt's HTTP server
// completes itself: every one in the portable build (no CHATHOST_EPOLL_TRANSPORT), and on Linux
// an upgrade sent on a connection that already carried HTTP requests.
#pragma once

#include "websocket/link.h"

#include <QObject>
#include <QPointer>
#include <QWebSocket>

namespace ChatHost::WebSocket {

// The same code in Qt's vocabulary (their numbers agree: checked in qtlink.cpp).
inline QWebSocketProtocol::CloseCode toQt(CloseCode code)
{
    return QWebSocketProtocol::CloseCode(toNumber(code));
}

class QtLink final
    : public QObject
    , public Link
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QtLink)
public:
    // Largest amount queued for a peer that does not read (as RawWebSocket's); past it the peer
    // is dropped.
    static constexpr qint64 kMaxQueuedBytes = 16 * 1024 * 1024;

    // Takes ownership of socket.
    explicit QtLink(QWebSocket *socket, QObject *parent = nullptr);
    ~QtLink() override;

    void setListener(Listener *listener) override { m_listener = listener; }
    void send(const OutgoingMessage &message) override;
    void close(CloseCode code = CloseCode::Normal, QByteArrayView reason = {}) override;

private:
    void dropSlowPeer();

    QPointer<QWebSocket> m_socket;
    Listener *m_listener = nullptr;
    bool m_closing = false;
    bool m_tooSlow = false;
};

} // namespace ChatHost::WebSocket
