// Fuzzes the HTTP request framer (core/http/requestframer.h): the verdicts (where each request
// ends, which refusal at which byte) are the same whether the bytes come whole or in pieces of
// any size; a step never consumes more than it was given; a complete request consumes at least
// one byte.
#include "http/requestframer.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <cstdlib>

using namespace ChatHost::Http;

namespace {

QList<QString> verdicts(const BodyPolicy &policy, QByteArrayView data, qsizetype piece)
{
    RequestFramer framer(&policy, 512);
    QList<QString> out;
    qsizetype offset = 0;
    while (offset < data.size()) {
        QByteArrayView view = data.sliced(offset);
        view = view.first(qMin(view.size(), piece));
        const RequestFramer::Step step = framer.feed(view);
        if (step.consumed < 0 || step.consumed > view.size())
            std::abort();
        if (step.kind == RequestFramer::Step::Refuse) {
            out.append(QStringLiteral("refuse %1@%2").arg(step.status).arg(offset + step.consumed));
            return out;
        }
        if (step.kind == RequestFramer::Step::Complete && step.consumed == 0)
            std::abort();
        offset += step.consumed;
        if (step.kind == RequestFramer::Step::Complete)
            out.append(QStringLiteral("complete@%1").arg(offset));
    }
    out.append(framer.inRequest() ? QStringLiteral("partial") : QStringLiteral("idle"));
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype piece = 1 + data[0] % 17;
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    BodyPolicy policy(8);
    policy.allow("POST", "/socket.io/", 300);
    if (verdicts(policy, input, input.size() + 1) != verdicts(policy, input, piece))
        std::abort();
    return 0;
}
