// See randomid.h.
#include "common/randomid.h"

#include "common/systemrandom.h"

#include <QByteArray>
#include <QRandomGenerator>

#include <cstring>

namespace ChatHost {

namespace {

// Bytes from the system's generator, fetched 4 KB at a time: one getrandom() (on Linux) per ~270
// ids instead of a hardware-generator call per byte (slow in virtual machines).
void fillRandom(char *out, int size)
{
    struct Pool
    {
        char bytes[4096];
        int used = sizeof bytes;
    };
    thread_local Pool pool;
    while (size > 0) {
        if (pool.used == int(sizeof pool.bytes)) {
            if (!fillFromSystem(pool.bytes, sizeof pool.bytes)) {
                QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(pool.bytes),
                                                      sizeof pool.bytes / sizeof(quint32));
            }
            pool.used = 0;
        }
        const int n = qMin(size, int(sizeof pool.bytes) - pool.used);
        std::memcpy(out, pool.bytes + pool.used, size_t(n));
        // What was handed out is not kept around.
        std::memset(pool.bytes + pool.used, 0, size_t(n));
        pool.used += n;
        out += n;
        size -= n;
    }
}

} // namespace

QString randomId(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    fillRandom(raw.data(), bytes);
    return QString::fromLatin1(
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace ChatHost
