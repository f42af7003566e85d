// See httpreply.h.
#include "httpreply.h"

#include "httpliterals.h"

namespace ChatHost {

void writeReply(QHttpServerResponder &responder, int status, const HeaderList &headers,
                const QByteArray &body, bool headOnly)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
    for (const auto &h : headers)
        responder.writeHeader(h.first, h.second);
    // A 304's Content-Length would have to be the 200's (RFC 9110 8.6); it is left out instead.
    if (status != HttpLiterals::Status::NotModified)
        responder.writeHeader(HttpLiterals::contentLengthHeader(), QByteArray::number(body.size()));
    if (headOnly || body.isEmpty())
        responder.writeBody(QByteArray());
    else
        responder.writeBody(body);
}

} // namespace ChatHost
