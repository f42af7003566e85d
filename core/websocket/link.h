// What Engine.IO needs of a WebSocket connection, whoever implements it: ChatHost's own
// transport on a raw socket (RawWebSocket, the Linux fast path) or a QWebSocket (QtLink: every
// WebSocket of the portable build, and on Linux the rare upgrade that arrives on a reused HTTP
// connection).
#pragma once

#include "websocket/frame.h"

namespace ChatHost::WebSocket {

class Link
{
public:
    class Listener
    {
    public:
        virtual void linkText(Link *link, const QString &text) = 0;
        virtual void linkBinary(Link *link, const QByteArray &data) = 0;
        // The peer went away or broke the protocol. The link is no longer the listener's.
        virtual void linkClosed(Link *link) = 0;

    protected:
        ~Listener() = default;
    };

    virtual ~Link() = default;
    virtual void setListener(Listener *listener) = 0;
    // Queues one frame; frames go out in order. The bytes are shared, not copied.
    virtual void send(const OutgoingMessage &message) = 0;
    // Sends what is queued, then a close frame, and lets go: the link deletes itself when done
    // and calls no listener any more. The pointer must not be used after this.
    virtual void close(CloseCode code = CloseCode::Normal, QByteArrayView reason = {}) = 0;

protected:
    Link() = default;
};

} // namespace ChatHost::WebSocket
