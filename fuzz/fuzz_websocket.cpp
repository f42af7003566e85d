// libFuzzer harness: what a WebSocket peer controls before and after the 101. Invariants: the
// request-head functions never crash; the frame reader never crashes, never reports a message
// over its limit or text that is not valid UTF-8, stops at its first error, and gives the same
// messages and error whether the bytes come at once or in pieces.
#include "websocket/frame.h"
#include "websocket/handshake.h"

#include <QByteArray>
#include <QStringList>

#include <cstdint>
#include <cstdlib>

using namespace ChatHost::WebSocket;

namespace {

constexpr qint64 kLimit = 4096;

struct Run
{
    QStringList events;
    quint16 error = 0;
};

Run read(QByteArrayView data, qsizetype chunk)
{
    MessageReader reader(kLimit);
    Run run;
    const auto sink = [&run, &reader](MessageReader::Message &&m) {
        if (reader.errorCode())
            std::abort(); // nothing after an error
        if (m.data.size() > kLimit || m.text.size() > kLimit)
            std::abort();
        if (m.opcode == Opcode::Text && !isValidUtf8(m.text.toUtf8()))
            std::abort();
        run.events << QString::number(int(m.opcode)) + u':' + m.text
                        + QString::fromLatin1(m.data.toHex()) + u':' + QString::number(m.closeCode);
        return true;
    };
    QByteArray pending;
    for (qsizetype i = 0; i < data.size() && !reader.errorCode(); i += chunk) {
        pending += data.sliced(i, qMin(chunk, data.size() - i));
        const qsizetype used = reader.feed(pending, sink);
        if (used < 0 || used > pending.size())
            std::abort();
        pending.remove(0, used);
        // What stays buffered is at most one frame: header, mask and a payload within limits.
        if (!reader.errorCode() && pending.size() > kLimit + 14)
            std::abort();
    }
    run.error = reader.errorCode();
    return run;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const QByteArrayView data(reinterpret_cast<const char *>(bytes), qsizetype(size));

    // The request head, as the peek at a new connection sees it.
    const qsizetype end = findHeadEnd(data);
    if (end > data.size())
        std::abort();
    if (auto head = parseRequestHead(end > 0 ? data.first(end) : data)) {
        (void)wantsWebSocket(*head);
        (void)checkUpgradeRequest(*head);
        (void)head->path();
        (void)head->query();
        if (!head->target.startsWith('/'))
            std::abort();
    }

    // Frames: all at once, then in pieces of a size taken from the input.
    if (size == 0)
        return 0;
    const Run whole = read(data.sliced(1), qMax<qsizetype>(1, data.size()));
    const Run pieces = read(data.sliced(1), 1 + bytes[0] % 17);
    if (whole.events != pieces.events || whole.error != pieces.error)
        std::abort();
    return 0;
}
