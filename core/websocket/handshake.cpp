// See handshake.h.
#include "websocket/handshake.h"

#include "common/httpliterals.h"

#include <QCryptographicHash>

namespace ChatHost::WebSocket {

namespace Status = HttpLiterals::Status;

namespace {

bool hasToken(QByteArrayView list, QByteArrayView token)
{
    // A comma-separated header value such as "keep-alive, Upgrade".
    qsizetype start = 0;
    while (start <= list.size()) {
        qsizetype end = list.indexOf(',', start);
        if (end < 0)
            end = list.size();
        if (list.sliced(start, end - start).trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
        start = end + 1;
    }
    return false;
}

bool isTokenChar(char c)
{
    // RFC 9110 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

} // namespace

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QByteArray RequestHead::path() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

QByteArray RequestHead::query() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? QByteArray() : target.mid(q + 1);
}

qsizetype findHeadEnd(QByteArrayView data)
{
    // Only methods are accepted as a start: anything else is not for this fast path.
    const qsizetype checked = qMin<qsizetype>(data.size(), 8);
    for (qsizetype i = 0; i < checked; ++i) {
        if (data[i] == ' ')
            break;
        if (!isTokenChar(data[i]))
            return -1;
    }
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end >= 0)
        return end + 4 <= kMaxRequestHead ? end + 4 : -1;
    return data.size() >= kMaxRequestHead ? -1 : 0;
}

std::optional<RequestHead> parseRequestHead(QByteArrayView head)
{
    RequestHead r;
    qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArrayView requestLine = lineEnd < 0 ? head : head.first(lineEnd);
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 <= sp1 + 1 || requestLine.indexOf(' ', sp2 + 1) >= 0)
        return std::nullopt;
    r.method = requestLine.first(sp1).toByteArray();
    r.target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1).toByteArray();
    r.version = requestLine.sliced(sp2 + 1).toByteArray();
    for (char c : std::as_const(r.method)) {
        if (!isTokenChar(c))
            return std::nullopt;
    }
    if (!r.target.startsWith('/') || !r.version.startsWith(HttpLiterals::kHttp1Prefix))
        return std::nullopt;
    for (char c : std::as_const(r.target)) {
        if (quint8(c) <= 0x20 || c == 0x7F)
            return std::nullopt;
    }
    qsizetype pos = lineEnd < 0 ? head.size() : lineEnd + 2;
    while (pos < head.size()) {
        lineEnd = head.indexOf("\r\n", pos);
        const qsizetype end = lineEnd < 0 ? head.size() : lineEnd;
        const QByteArrayView line = head.sliced(pos, end - pos);
        pos = end + 2;
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return std::nullopt; // also refuses obsolete line folding (a leading space)
        const QByteArrayView name = line.first(colon);
        for (char c : name) {
            if (!isTokenChar(c))
                return std::nullopt;
        }
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        for (char c : value) {
            if ((quint8(c) < 0x20 && c != '\t') || c == 0x7F)
                return std::nullopt;
        }
        r.headers.append({name.toByteArray(), value.toByteArray()});
    }
    return r;
}

bool wantsWebSocket(const RequestHead &head)
{
    return hasToken(head.header(HttpLiterals::upgradeHeader()), HttpLiterals::websocketValue());
}

std::optional<Refusal> checkUpgradeRequest(const RequestHead &head)
{
    using namespace HttpLiterals;
    if (head.method != "GET")
        return Refusal{Status::BadRequest, "WebSocket upgrades must use GET"};
    if (head.version != http11())
        return Refusal{Status::BadRequest, "WebSocket upgrades need HTTP/1.1"};
    if (!hasToken(head.header(connectionHeader()), upgradeValue()))
        return Refusal{Status::BadRequest, "Connection header must contain Upgrade"};
    if (head.header(hostHeader()).isEmpty())
        return Refusal{Status::BadRequest, "missing Host header"};
    if (head.header(secWebSocketVersionHeader()) != webSocketVersion13())
        return Refusal{Status::UpgradeRequired, "unsupported WebSocket version (13 is supported)"};
    const QByteArray key = head.header(secWebSocketKeyHeader());
    const auto decoded
            = QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 16)
        return Refusal{Status::BadRequest, "invalid Sec-WebSocket-Key"};
    return std::nullopt;
}

QByteArray acceptKey(QByteArrayView key)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(key);
    sha1.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    return sha1.result().toBase64();
}

QByteArray switchingProtocols(QByteArrayView key)
{
    using namespace HttpLiterals;
    return statusLine(Status::SwitchingProtocols) + upgradeHeader() + ": " + websocketValue()
            + "\r\n" + connectionHeader() + ": " + upgradeValue() + "\r\n"
            + secWebSocketAcceptHeader() + ": " + acceptKey(key) + "\r\n\r\n";
}

QByteArray httpResponse(int status, QByteArrayView contentType, QByteArrayView body,
                        const HeaderList &extraHeaders)
{
    using namespace HttpLiterals;
    QByteArray out = statusLine(status) + contentTypeHeader() + ": " + contentType + "\r\n"
            + contentLengthHeader() + ": " + QByteArray::number(body.size()) + "\r\n"
            + connectionHeader() + ": " + closeValue() + "\r\n";
    for (const auto &h : extraHeaders)
        out += h.first + ": " + h.second + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace ChatHost::WebSocket
