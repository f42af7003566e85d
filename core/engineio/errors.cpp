// Engine.IO error responses.
#include "errors.h"

namespace ChatHost::EngineIO {

HttpError httpError(ErrorCode code)
{
    static const char *const messages[]
            = {"Transport unknown", "Session ID unknown", "Bad handshake method",
               "Bad request",       "Forbidden",          "Unsupported protocol version"};
    const int n = int(code);
    HttpError e;
    e.status = code == ErrorCode::Forbidden ? HttpLiterals::Status::Forbidden
                                            : HttpLiterals::Status::BadRequest;
    e.body = QByteArrayLiteral("{\"code\":");
    e.body.append(QByteArray::number(n))
            .append(",\"message\":\"")
            .append(messages[n])
            .append("\"}");
    return e;
}

HttpError plainHttpError(int status, const QByteArray &message)
{
    HttpError e;
    e.status = status;
    e.body = message;
    e.contentType = HttpLiterals::engineIoTextPlain();
    return e;
}

} // namespace ChatHost::EngineIO
