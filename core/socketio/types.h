// Shared types of the Socket.IO layer's API.
#pragma once

#include "json/jsonvalue.h"

#include <functional>
#include <optional>

namespace ChatHost::SocketIO {

class Socket;
using Json::JsonValue;

// Event arguments, without the event name. Binary values are JsonValue::fromBinary.
using Arguments = JsonValue::Array;

// Answers the client's ack; empty when the client did not ask for one. Only the first call
// counts.
using AckFunction = std::function<void(const Arguments &)>;
using EventHandler = std::function<void(const Arguments &args, const AckFunction &ack)>;
// Receives events that have no handler of their own.
using AnyEventHandler
        = std::function<void(const QString &event, const Arguments &args, const AckFunction &ack)>;

// Why a middleware refused a connection; sent to the client as CONNECT_ERROR.
struct ConnectError
{
    QString message;
    std::optional<JsonValue> data;
};

// Calls next() to let the connection through or next(error) to refuse it; may do so later.
using NextFunction = std::function<void(const std::optional<ConnectError> &)>;
using Middleware = std::function<void(Socket *socket, const NextFunction &next)>;

// Result of emitWithAck: either the client's answer or a timeout.
using AckResponse = std::function<void(bool timedOut, const Arguments &args)>;

} // namespace ChatHost::SocketIO
