// Which bytes of a file of a known size a Range request header asks for (RFC 9110 section 14):
// one range of bytes is served as 206 Partial Content, a range that starts past the end is 416,
// and anything else (no header, another unit, several ranges, a malformed or reversed one) is
// ignored: the whole file, 200, as the RFC allows.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace ChatHost::Files {

struct ByteRange
{
    enum Kind { Whole, Part, Unsatisfiable };
    Kind kind = Whole;
    qint64 first = 0; // on Part: the first and last byte, inclusive
    qint64 last = -1;

    qint64 length() const { return last - first + 1; }
};

ByteRange parseRange(QByteArrayView header, qint64 size);

// "bytes 0-99/1000" for a Part; "bytes */1000" for Unsatisfiable.
QByteArray contentRange(const ByteRange &range, qint64 size);

} // namespace ChatHost::Files
