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
    responder.writeHeader(HttpLiterals::contentLengthHeader(), QByteArray::number(body.size()));
    if (headOnly || body.isEmpty())
        responder.writeBody(QByteArray());
    else
        responder.writeBody(body);
}

} // namespace ChatHost
