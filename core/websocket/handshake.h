// The HTTP/1.1 side of a WebSocket opening handshake (RFC 6455, 4.2): finding and parsing a
// request head, checking an upgrade request, and the answers. Pure value code, no sockets.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

#include <optional>

namespace ChatHost::WebSocket {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The first value of a header, by case-insensitive name; empty if absent.
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);

struct RequestHead
{
    QByteArray method;
    QByteArray target; // origin-form, e.g. /socket.io/?EIO=4&transport=websocket
    QByteArray version; // HTTP/1.1
    HeaderList headers; // names as sent, values trimmed

    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
    // The path part of the target, without the query.
    QByteArray path() const;
    QByteArray query() const;
};

inline constexpr qsizetype kMaxRequestHead = 16 * 1024;

// Where the head ends in data: the index just past the blank line, 0 while it is incomplete,
// -1 if data cannot be the start of a head we accept (too long, or not HTTP at all).
qsizetype findHeadEnd(QByteArrayView data);

// Parses a complete head (request line and header lines, the final blank line optional).
std::optional<RequestHead> parseRequestHead(QByteArrayView head);

// Whether the request asks for a WebSocket (an Upgrade header naming websocket).
bool wantsWebSocket(const RequestHead &head);

struct Refusal
{
    int status = 400;
    QByteArray reason; // for the plain-text body
};

// Checks the parts of an upgrade request RFC 6455 requires; nullopt if it can be accepted.
std::optional<Refusal> checkUpgradeRequest(const RequestHead &head);

// Sec-WebSocket-Accept for a Sec-WebSocket-Key.
QByteArray acceptKey(QByteArrayView key);

// The 101 answer that completes the handshake.
QByteArray switchingProtocols(QByteArrayView key);

// A whole HTTP/1.1 answer that closes the connection (for refusals before the 101).
QByteArray httpResponse(int status, QByteArrayView contentType, QByteArrayView body,
                        const HeaderList &extraHeaders = {});

} // namespace ChatHost::WebSocket
