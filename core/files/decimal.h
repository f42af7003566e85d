// A non-negative decimal number as HTTP writes it (Content-Length, Range): digits only, no sign,
// no spaces, at most 18 digits (so it never overflows qint64).
#pragma once

#include <QByteArrayView>

#include <optional>

namespace ChatHost::Files {

inline std::optional<qint64> parseDecimal(QByteArrayView digits)
{
    if (digits.isEmpty() || digits.size() > 18)
        return std::nullopt;
    qint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace ChatHost::Files
