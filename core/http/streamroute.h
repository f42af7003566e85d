// Routes whose request body (an upload) or answer (a download) is too large to pass through
// Qt's HTTP server, which holds both whole in memory. The gate (httpgate.h) hands such a request
// to its route as soon as the head is complete: an upload's body then goes to a StreamSink chunk
// by chunk as it arrives (what TCP cannot deliver faster than the sink writes stays in the
// kernel), a download's answer is read from a QIODevice chunk by chunk as the peer takes it.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QIODevice>
#include <QList>
#include <QPair>

#include <functional>
#include <memory>

namespace ChatHost::Http {

using StreamHeaders = QList<QPair<QByteArray, QByteArray>>;

struct StreamRequest
{
    QByteArray method;
    QByteArray target; // as sent: path and query
    StreamHeaders headers; // names as sent
    QHostAddress peer;

    // The first header with this name (any case); empty if none.
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[n, value] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// A whole answer (head fields and a small body), or the head of a streamed one.
struct StreamAnswer
{
    int status = 200;
    StreamHeaders headers; // besides Content-Length and Connection
    QByteArray body; // a small body sent as is (ignored when a source is given)
    std::unique_ptr<QIODevice> source; // read from its position for length bytes
    qint64 length = 0; // of the source
    bool headOnly = false; // HEAD: Content-Length of the source, no bytes
};

// Where an upload's body goes. The gate writes the body bytes in order, then calls finish()
// once; it never calls write() after finish(). Destroying a sink before finish() was called
// aborts the upload (the peer closed, stalled past the body timeout or sent too much).
class StreamSink
{
public:
    virtual ~StreamSink() = default;
    // false: the upload failed (e.g. the disk is full); the gate then answers with answer().
    virtual bool write(QByteArrayView bytes) = 0;
    // Called when all declared bytes arrived. done may run later (after work off the event
    // loop), on the gate's thread, with the answer; it must not run after the sink is destroyed
    // unless it is safe to (the gate guards its side).
    virtual void finish(std::function<void(StreamAnswer)> done) = 0;
    // The answer after write() returned false.
    virtual StreamAnswer failure() = 0;
};

// What a route makes of a request head: an answer now (a refusal, a download), or a sink that
// takes bodyLength bytes of body.
struct StreamStart
{
    StreamAnswer answer; // used when sink is null
    std::unique_ptr<StreamSink> sink;
    qint64 bodyLength = 0;
};

using StreamRoute = std::function<StreamStart(const StreamRequest &)>;

struct StreamRouteRule
{
    QByteArray method; // "POST", "GET" (GET rules take HEAD too)
    QByteArray pathPrefix;
    StreamRoute route;
};

} // namespace ChatHost::Http
