// Content negotiation for the static files: which of the stored representations (identity,
// gzip, brotli) a request accepts (RFC 9110, 12.5.3 Accept-Encoding) and whether an
// If-None-Match list names a representation's ETag (RFC 9110, 13.1.2). Pure: no I/O, no state.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace ChatHost::Http::ContentCoding {

// The codings ChatHost stores, in the server's order of preference (smallest first).
enum class Coding { Brotli, Gzip, Identity };

// The Content-Encoding token of a coding; empty for identity.
QByteArray token(Coding coding);

// One parsed Accept-Encoding field. A q-value is kept in thousandths (0..1000).
struct AcceptEncoding
{
    struct Entry
    {
        QByteArray coding; // lower case; "x-gzip" is stored as "gzip"; "*" for the wildcard
        int quality = 1000;
    };
    bool present = false; // the request had the field at all (an empty value counts)
    QList<Entry> entries; // first mention of each coding; malformed elements are left out
};

// At most this many elements are read from one field; the rest are ignored.
inline constexpr int kMaxElements = 32;

// Parses the field value(s) (several fields are joined with ',' by the caller). Elements with a
// malformed coding or q-value are ignored, as if absent.
AcceptEncoding parseAcceptEncoding(QByteArrayView value, bool present = true);

// The representation to send among `available` (in the server's order; identity is always
// available): the acceptable coding with the highest q-value, ties going to the server's order.
// Without the field, identity. nullopt when nothing is acceptable (the caller answers 406).
std::optional<Coding> choose(const AcceptEncoding &accept, const QList<Coding> &available);

// If-None-Match: true if the field lists `etag` (weak comparison: W/ is ignored) or is "*".
bool etagMatches(QByteArrayView ifNoneMatch, QByteArrayView etag);

} // namespace ChatHost::Http::ContentCoding
