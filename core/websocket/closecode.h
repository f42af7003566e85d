// The WebSocket close codes (RFC 6455, 7.4.1), named once, like QWebSocketProtocol::CloseCode.
// What the server sends is always one of these; what a peer sends may also be any code of the
// private range, so a field that carries a peer's code stays a plain quint16.
#pragma once

#include <QtGlobal>

namespace ChatHost::WebSocket {

enum class CloseCode : quint16 {
    Normal = 1000,
    GoingAway = 1001,
    ProtocolError = 1002,
    UnsupportedData = 1003,
    NoStatus = 1005, // never sent: reported when a close frame had no code
    Abnormal = 1006, // never sent: the connection ended without a close frame
    InvalidData = 1007, // a text message or close reason that is not UTF-8
    PolicyViolation = 1008,
    TooBig = 1009,
    MissingExtension = 1010,
    InternalError = 1011,
    TryAgainLater = 1013,
};

constexpr quint16 toNumber(CloseCode code)
{
    return quint16(code);
}

// Whether a peer may send this code in a close frame (RFC 6455, 7.4): 1000-1003, 1007-1011 and
// the range 3000-4999 for libraries and applications. 1005 and 1006 only ever describe a close.
constexpr bool isValidPeerCloseCode(quint16 code)
{
    if (code >= 3000 && code <= 4999)
        return true;
    return (code >= toNumber(CloseCode::Normal) && code <= toNumber(CloseCode::UnsupportedData))
            || (code >= toNumber(CloseCode::InvalidData)
                && code <= toNumber(CloseCode::InternalError));
}

} // namespace ChatHost::WebSocket
