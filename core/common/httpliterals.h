// The HTTP vocabulary of every layer: status codes and their reason phrases, the status line,
// header names and the content types ChatHost sends. Spelled once (like qBittorrent's
// src/base/http/types.h and qthttpserver's qhttpserverliterals_p.h), so that the answers written
// raw on the fast path (websocket/, http/) and those written through Qt (common/httpreply,
// engineio/) cannot drift apart. The functions return QByteArrayLiteral: static data, nothing is
// allocated per use.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace ChatHost::HttpLiterals {

// The status codes ChatHost answers with.
namespace Status {
inline constexpr int SwitchingProtocols = 101;
inline constexpr int Ok = 200;
inline constexpr int Created = 201;
inline constexpr int PartialContent = 206;
inline constexpr int NotModified = 304;
inline constexpr int BadRequest = 400;
inline constexpr int Unauthorized = 401;
inline constexpr int Forbidden = 403;
inline constexpr int NotFound = 404;
inline constexpr int MethodNotAllowed = 405;
inline constexpr int NotAcceptable = 406;
inline constexpr int LengthRequired = 411;
inline constexpr int ContentTooLarge = 413;
inline constexpr int RangeNotSatisfiable = 416;
inline constexpr int UpgradeRequired = 426;
inline constexpr int TooManyRequests = 429;
inline constexpr int HeaderFieldsTooLarge = 431;
inline constexpr int InternalServerError = 500;
inline constexpr int NotImplemented = 501;
inline constexpr int ServiceUnavailable = 503;
inline constexpr int InsufficientStorage = 507;
} // namespace Status

// The reason phrase of a status line (RFC 9110, 15); "Error" for a code ChatHost does not send.
constexpr const char *reasonPhrase(int status)
{
    switch (status) {
    case Status::SwitchingProtocols: return "Switching Protocols";
    case Status::Ok: return "OK";
    case Status::Created: return "Created";
    case Status::PartialContent: return "Partial Content";
    case Status::NotModified: return "Not Modified";
    case Status::BadRequest: return "Bad Request";
    case Status::Unauthorized: return "Unauthorized";
    case Status::Forbidden: return "Forbidden";
    case Status::NotFound: return "Not Found";
    case Status::MethodNotAllowed: return "Method Not Allowed";
    case Status::NotAcceptable: return "Not Acceptable";
    case Status::LengthRequired: return "Length Required";
    case Status::ContentTooLarge: return "Content Too Large";
    case Status::RangeNotSatisfiable: return "Range Not Satisfiable";
    case Status::UpgradeRequired: return "Upgrade Required";
    case Status::TooManyRequests: return "Too Many Requests";
    case Status::HeaderFieldsTooLarge: return "Request Header Fields Too Large";
    case Status::InternalServerError: return "Internal Server Error";
    case Status::NotImplemented: return "Not Implemented";
    case Status::ServiceUnavailable: return "Service Unavailable";
    case Status::InsufficientStorage: return "Insufficient Storage";
    default: return "Error";
    }
}

// The only protocol version ChatHost answers in, and the prefix of the versions it reads.
inline QByteArray http11()
{
    return QByteArrayLiteral("HTTP/1.1");
}
inline constexpr QByteArrayView kHttp1Prefix = "HTTP/1.";

// "HTTP/1.1 <status> <reason>\r\n"
inline QByteArray statusLine(int status)
{
    QByteArray line = http11();
    line.reserve(48);
    line += ' ';
    line += QByteArray::number(status);
    line += ' ';
    line += reasonPhrase(status);
    line += "\r\n";
    return line;
}

// Header names as ChatHost writes them. Names a peer sends are compared without regard to case
// (RFC 9110, 5.1), so these serve for lookups too.
inline QByteArray acceptEncodingHeader()
{
    return QByteArrayLiteral("Accept-Encoding");
}
inline QByteArray allowHeader()
{
    return QByteArrayLiteral("Allow");
}
inline QByteArray cacheControlHeader()
{
    return QByteArrayLiteral("Cache-Control");
}
inline QByteArray connectionHeader()
{
    return QByteArrayLiteral("Connection");
}
inline QByteArray contentEncodingHeader()
{
    return QByteArrayLiteral("Content-Encoding");
}
inline QByteArray contentLengthHeader()
{
    return QByteArrayLiteral("Content-Length");
}
inline QByteArray contentSecurityPolicyHeader()
{
    return QByteArrayLiteral("Content-Security-Policy");
}
inline QByteArray contentTypeHeader()
{
    return QByteArrayLiteral("Content-Type");
}
inline QByteArray contentTypeOptionsHeader()
{
    return QByteArrayLiteral("X-Content-Type-Options");
}
inline QByteArray etagHeader()
{
    return QByteArrayLiteral("ETag");
}
inline QByteArray hostHeader()
{
    return QByteArrayLiteral("Host");
}
inline QByteArray ifNoneMatchHeader()
{
    return QByteArrayLiteral("If-None-Match");
}
inline QByteArray referrerPolicyHeader()
{
    return QByteArrayLiteral("Referrer-Policy");
}
inline QByteArray retryAfterHeader()
{
    return QByteArrayLiteral("Retry-After");
}
inline QByteArray secWebSocketAcceptHeader()
{
    return QByteArrayLiteral("Sec-WebSocket-Accept");
}
inline QByteArray secWebSocketKeyHeader()
{
    return QByteArrayLiteral("Sec-WebSocket-Key");
}
inline QByteArray secWebSocketVersionHeader()
{
    return QByteArrayLiteral("Sec-WebSocket-Version");
}
inline QByteArray transferEncodingHeader()
{
    return QByteArrayLiteral("Transfer-Encoding");
}
inline QByteArray varyHeader()
{
    return QByteArrayLiteral("Vary");
}
inline QByteArray upgradeHeader()
{
    return QByteArrayLiteral("Upgrade");
}

// Header values.
inline QByteArray closeValue()
{
    return QByteArrayLiteral("close");
} // Connection: close
inline QByteArray keepAliveValue()
{
    return QByteArrayLiteral("keep-alive");
} // Connection: keep-alive (HTTP/1.0)
inline QByteArray chunkedValue()
{
    return QByteArrayLiteral("chunked");
}
inline QByteArray noStoreValue()
{
    return QByteArrayLiteral("no-store");
} // Cache-Control
inline QByteArray nosniffValue()
{
    return QByteArrayLiteral("nosniff");
}
inline QByteArray upgradeValue()
{
    return QByteArrayLiteral("Upgrade");
} // Connection: Upgrade
inline QByteArray websocketValue()
{
    return QByteArrayLiteral("websocket");
} // Upgrade: websocket
inline QByteArray webSocketVersion13()
{
    return QByteArrayLiteral("13");
}

// Content types.
inline QByteArray textPlainUtf8()
{
    return QByteArrayLiteral("text/plain; charset=utf-8");
}
// The reference Engine.IO server spells its plain-text errors so; clients and tests compare it.
inline QByteArray engineIoTextPlain()
{
    return QByteArrayLiteral("text/plain; charset=UTF-8");
}
inline QByteArray textHtml()
{
    return QByteArrayLiteral("text/html");
}
inline QByteArray applicationJson()
{
    return QByteArrayLiteral("application/json");
}
inline QByteArray applicationJsonUtf8()
{
    return QByteArrayLiteral("application/json; charset=utf-8");
}
inline QByteArray applicationOctetStream()
{
    return QByteArrayLiteral("application/octet-stream");
}

} // namespace ChatHost::HttpLiterals
