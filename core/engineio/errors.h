// The Engine.IO error codes of the reference server, and how they are sent over HTTP.
#pragma once

#include "common/httpliterals.h"

#include <QByteArray>

namespace ChatHost::EngineIO {

enum class ErrorCode {
    UnknownTransport = 0,
    UnknownSid = 1,
    BadHandshakeMethod = 2,
    BadRequest = 3,
    Forbidden = 4,
    UnsupportedProtocolVersion = 5,
};

struct HttpError
{
    int status = HttpLiterals::Status::BadRequest;
    QByteArray body; // {"code":N,"message":"..."}
    QByteArray contentType = HttpLiterals::applicationJson();
};

HttpError httpError(ErrorCode code);
// A plain HTTP error that is not one of the Engine.IO codes (e.g. 413 for an oversize body).
HttpError plainHttpError(int status, const QByteArray &message);

} // namespace ChatHost::EngineIO
