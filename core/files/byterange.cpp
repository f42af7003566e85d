#include "files/byterange.h"

#include "files/decimal.h"

#include <limits>
#include <optional>

namespace ChatHost::Files {

namespace {

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

} // namespace

ByteRange parseRange(QByteArrayView header, qint64 size)
{
    const ByteRange whole;
    header = trimmed(header);
    const qsizetype equals = header.indexOf('=');
    if (equals < 0 || trimmed(header.first(equals)).compare("bytes", Qt::CaseInsensitive) != 0)
        return whole;
    const QByteArrayView spec = trimmed(header.sliced(equals + 1));
    if (spec.contains(','))
        return whole; // several ranges: served whole rather than as multipart/byteranges
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return whole;
    const QByteArrayView from = trimmed(spec.first(dash));
    const QByteArrayView to = trimmed(spec.sliced(dash + 1));

    if (from.isEmpty()) { // "-N": the last N bytes
        const std::optional<qint64> suffix = parseDecimal(to);
        if (!suffix)
            return whole;
        if (*suffix == 0 || size == 0)
            return {ByteRange::Unsatisfiable, 0, -1};
        return {ByteRange::Part, std::max<qint64>(0, size - *suffix), size - 1};
    }
    const std::optional<qint64> first = parseDecimal(from);
    if (!first)
        return whole;
    std::optional<qint64> last = std::numeric_limits<qint64>::max();
    if (!to.isEmpty()) {
        last = parseDecimal(to);
        if (!last || *last < *first)
            return whole;
    }
    if (*first >= size)
        return {ByteRange::Unsatisfiable, 0, -1};
    return {ByteRange::Part, *first, std::min(*last, size - 1)};
}

QByteArray contentRange(const ByteRange &range, qint64 size)
{
    QByteArray header("bytes ");
    if (range.kind == ByteRange::Part)
        header.append(QByteArray::number(range.first))
                .append('-')
                .append(QByteArray::number(range.last));
    else
        header.append('*');
    return header.append('/').append(QByteArray::number(size));
}

} // namespace ChatHost::Files
