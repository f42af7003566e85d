// See contentcoding.h.
#include "http/contentcoding.h"

namespace ChatHost::Http::ContentCoding {

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths.
std::optional<int> parseQuality(QByteArrayView s)
{
    if (s.isEmpty() || s.size() > 5 || (s[0] != '0' && s[0] != '1'))
        return std::nullopt;
    int value = (s[0] - '0') * 1000;
    if (s.size() == 1)
        return value;
    if (s[1] != '.')
        return std::nullopt;
    int scale = 100;
    for (qsizetype i = 2; i < s.size(); ++i, scale /= 10) {
        const char c = s[i];
        if (c < '0' || c > '9' || (value == 1000 && c != '0'))
            return std::nullopt;
        value += (c - '0') * scale;
    }
    return value;
}

QByteArrayView trimmed(QByteArrayView s)
{
    return s.trimmed();
}

} // namespace

QByteArray token(Coding coding)
{
    switch (coding) {
    case Coding::Brotli: return QByteArrayLiteral("br");
    case Coding::Gzip: return QByteArrayLiteral("gzip");
    case Coding::Identity: break;
    }
    return QByteArray();
}

AcceptEncoding parseAcceptEncoding(QByteArrayView value, bool present)
{
    AcceptEncoding result;
    result.present = present;
    int elements = 0;
    qsizetype start = 0;
    while (start <= value.size() && elements < kMaxElements) {
        qsizetype end = value.indexOf(',', start);
        if (end < 0)
            end = value.size();
        const QByteArrayView element = trimmed(value.sliced(start, end - start));
        start = end + 1;
        if (element.isEmpty())
            continue; // "#rule" lists allow empty elements
        ++elements;
        qsizetype semicolon = element.indexOf(';');
        const QByteArrayView name = trimmed(semicolon < 0 ? element : element.first(semicolon));
        if (!isToken(name))
            continue;
        int quality = 1000;
        bool valid = true;
        while (semicolon >= 0 && valid) {
            qsizetype next = element.indexOf(';', semicolon + 1);
            const QByteArrayView param = trimmed(element.sliced(
                    semicolon + 1, (next < 0 ? element.size() : next) - semicolon - 1));
            semicolon = next;
            if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
                const std::optional<int> q = parseQuality(param.sliced(2));
                if (q)
                    quality = *q;
                else
                    valid = false;
            } // other parameters are not defined for codings: ignored
        }
        if (!valid)
            continue;
        QByteArray coding = name.toByteArray().toLower();
        if (coding == "x-gzip")
            coding = QByteArrayLiteral("gzip");
        bool seen = false;
        for (const AcceptEncoding::Entry &e : std::as_const(result.entries))
            seen = seen || e.coding == coding;
        if (!seen)
            result.entries.append({coding, quality});
    }
    return result;
}

std::optional<Coding> choose(const AcceptEncoding &accept, const QList<Coding> &available)
{
    if (!accept.present)
        return Coding::Identity;
    auto listed = [&](const QByteArray &coding) -> std::optional<int> {
        for (const AcceptEncoding::Entry &e : accept.entries) {
            if (e.coding == coding)
                return e.quality;
        }
        return std::nullopt;
    };
    const std::optional<int> star = listed(QByteArrayLiteral("*"));
    std::optional<Coding> best;
    int bestQuality = 0;
    QList<Coding> candidates = available;
    candidates.removeAll(Coding::Identity);
    candidates.append(Coding::Identity); // always available, least preferred on a tie
    for (Coding c : std::as_const(candidates)) {
        int quality = 0;
        if (c == Coding::Identity) {
            // Acceptable unless excluded by "identity;q=0" or by "*;q=0" without an own entry;
            // when not named at all it ranks below every coding that is.
            const std::optional<int> own = listed(QByteArrayLiteral("identity"));
            quality = own ? *own : (star ? (*star > 0 ? 1 : 0) : 1);
        } else {
            const std::optional<int> own = listed(token(c));
            quality = own ? *own : star.value_or(0);
        }
        if (quality > bestQuality) {
            best = c;
            bestQuality = quality;
        }
    }
    return best;
}

bool etagMatches(QByteArrayView ifNoneMatch, QByteArrayView etag)
{
    auto opaque = [](QByteArrayView tag) {
        tag = tag.trimmed();
        if (tag.startsWith("W/"))
            tag = tag.sliced(2);
        return tag;
    };
    const QByteArrayView wanted = opaque(etag);
    if (wanted.size() < 2 || !wanted.startsWith('"') || !wanted.endsWith('"'))
        return false;
    const QByteArrayView field = ifNoneMatch.trimmed();
    if (field == "*")
        return true;
    qsizetype start = 0;
    int elements = 0;
    while (start < field.size() && elements < 64) {
        qsizetype end = field.indexOf(',', start);
        if (end < 0)
            end = field.size();
        const QByteArrayView tag = opaque(field.sliced(start, end - start));
        start = end + 1;
        if (tag.isEmpty())
            continue;
        ++elements;
        if (tag == wanted)
            return true;
    }
    return false;
}

} // namespace ChatHost::Http::ContentCoding
