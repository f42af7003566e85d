// Fuzzes the upload head parser (core/files/uploadhead.h). The input is a request target on the
// first line and "name: value" header lines after it. An accepted upload always has a size within
// the limit, a clean non-empty name within the byte limit, a caption within its limit and a
// URL-safe token; a refusal always has one of the documented statuses and a code.
#include "files/filename.h"
#include "files/uploadhead.h"

#include <cstdint>
#include <cstdlib>

using namespace ChatHost::Files;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<QByteArray> lines = input.split('\n');
    HeaderList headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            headers.append({lines[i].left(colon), lines[i].mid(colon + 1)});
    }
    UploadLimits limits;
    limits.maxFileBytes = 1 << 20;
    limits.maxCaptionLength = 100;
    const UploadParse parsed = parseUploadHead(lines.value(0), headers, limits);
    if (const auto *head = std::get_if<UploadHead>(&parsed)) {
        if (head->size < 0 || head->size > limits.maxFileBytes)
            std::abort();
        if (head->name.isEmpty() || cleanFileName(head->name) != head->name
            || head->name.toUtf8().size() > kMaxNameBytes)
            std::abort();
        if (head->caption.toUcs4().size() > limits.maxCaptionLength)
            std::abort();
        if (head->token.isEmpty() || head->token.contains('/') || head->token.contains(' '))
            std::abort();
    } else {
        const auto &refusal = std::get<UploadRefusal>(parsed);
        const int s = refusal.status;
        if ((s != 400 && s != 401 && s != 411 && s != 413) || refusal.code.isEmpty())
            std::abort();
    }
    return 0;
}
