// See systemrandom.h. The portable build: Qt's system generator (the platform's own source).
#include "common/systemrandom.h"

#include <QRandomGenerator>

#include <cstring>

namespace ChatHost {

bool fillFromSystem(char *out, qsizetype size)
{
    quint32 words[256];
    while (size > 0) {
        const qsizetype n = qMin(size, qsizetype(sizeof words));
        QRandomGenerator::system()->fillRange(words, (n + 3) / 4);
        std::memcpy(out, words, size_t(n));
        out += n;
        size -= n;
    }
    std::memset(words, 0, sizeof words);
    return true;
}

} // namespace ChatHost
