// JSON text to JsonValue: a recursive-descent parser that keeps key order and number text,
// bounded in depth and width (see Limits in jsonvalue.h).
#include "jsonvalue.h"

#include <QHash>

namespace ChatHost::Json {

namespace {

class Parser
{
public:
    Parser(QStringView text, const Limits &limits)
        : m_text(text)
        , m_limits(limits)
    { }

    ParseResult run(bool wholeText)
    {
        ParseResult result;
        skipSpace();
        JsonValue value;
        if (parseValue(value, 0)) {
            if (wholeText) {
                skipSpace();
                if (m_pos != m_text.size())
                    fail(QStringLiteral("unexpected data after the value"));
            }
        }
        if (m_error.isEmpty())
            result.value = std::move(value);
        result.error = m_error;
        result.offset = m_pos;
        return result;
    }

private:
    bool fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return false;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size()) {
            const char16_t c = m_text[m_pos].unicode();
            if (c != u' ' && c != u'\t' && c != u'\n' && c != u'\r')
                break;
            ++m_pos;
        }
    }

    bool literal(QStringView word)
    {
        if (m_text.mid(m_pos).startsWith(word)) {
            m_pos += word.size();
            return true;
        }
        return fail(QStringLiteral("invalid literal"));
    }

    bool parseValue(JsonValue &out, int depth)
    {
        if (m_pos >= m_text.size())
            return fail(QStringLiteral("unexpected end of input"));
        switch (m_text[m_pos].unicode()) {
        case u'{': return parseObject(out, depth + 1);
        case u'[': return parseArray(out, depth + 1);
        case u'"': {
            QString s;
            if (!parseString(s))
                return false;
            out = JsonValue(std::move(s));
            return true;
        }
        case u't': out = JsonValue(true); return literal(u"true");
        case u'f': out = JsonValue(false); return literal(u"false");
        case u'n': out = JsonValue(); return literal(u"null");
        default: return parseNumber(out);
        }
    }

    bool parseArray(JsonValue &out, int depth)
    {
        if (depth > m_limits.maxDepth)
            return fail(QStringLiteral("nesting too deep"));
        ++m_pos; // [
        JsonValue::Array array;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == u']') {
            ++m_pos;
            out = JsonValue(std::move(array));
            return true;
        }
        for (;;) {
            skipSpace();
            if (qsizetype(array.size()) >= m_limits.maxElements)
                return fail(QStringLiteral("too many elements in an array"));
            JsonValue element;
            if (!parseValue(element, depth))
                return false;
            array.push_back(std::move(element));
            skipSpace();
            if (m_pos >= m_text.size())
                return fail(QStringLiteral("unterminated array"));
            const QChar c = m_text[m_pos++];
            if (c == u']')
                break;
            if (c != u',')
                return fail(QStringLiteral("expected ',' or ']'"));
        }
        out = JsonValue(std::move(array));
        return true;
    }

    bool parseObject(JsonValue &out, int depth)
    {
        if (depth > m_limits.maxDepth)
            return fail(QStringLiteral("nesting too deep"));
        ++m_pos; // {
        JsonValue::Object object;
        // Key -> index in object, built once the object outgrows a linear scan. The views point
        // into the keys' own storage, which does not move when the vector reallocates.
        QHash<QStringView, qsizetype> index;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == u'}') {
            ++m_pos;
            out = JsonValue(std::move(object));
            return true;
        }
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != u'"')
                return fail(QStringLiteral("expected a string key"));
            QString key;
            if (!parseString(key))
                return false;
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != u':')
                return fail(QStringLiteral("expected ':'"));
            ++m_pos;
            skipSpace();
            JsonValue value;
            if (!parseValue(value, depth))
                return false;
            // JSON.parse keeps the last of duplicate keys, at the position of the first.
            const qsizetype existing = findKey(object, index, key);
            if (existing >= 0) {
                object[size_t(existing)].second = std::move(value);
            } else {
                if (qsizetype(object.size()) >= m_limits.maxMembers)
                    return fail(QStringLiteral("too many members in an object"));
                object.emplace_back(std::move(key), std::move(value));
                if (!index.isEmpty())
                    index.insert(QStringView(object.back().first), qsizetype(object.size()) - 1);
            }
            skipSpace();
            if (m_pos >= m_text.size())
                return fail(QStringLiteral("unterminated object"));
            const QChar c = m_text[m_pos++];
            if (c == u'}')
                break;
            if (c != u',')
                return fail(QStringLiteral("expected ',' or '}'"));
        }
        out = JsonValue(std::move(object));
        return true;
    }

    // Small objects (nearly all of them) are scanned; past kLinearScanMembers the hash is built
    // once and kept up to date, so a wide object costs linear time, not quadratic.
    static constexpr qsizetype kLinearScanMembers = 8;
    static qsizetype findKey(const JsonValue::Object &object, QHash<QStringView, qsizetype> &index,
                             const QString &key)
    {
        if (index.isEmpty()) {
            const qsizetype n = qsizetype(object.size());
            if (n <= kLinearScanMembers) {
                for (qsizetype i = 0; i < n; ++i) {
                    if (object[size_t(i)].first == key)
                        return i;
                }
                return -1;
            }
            index.reserve(n * 2);
            for (qsizetype i = 0; i < n; ++i)
                index.insert(QStringView(object[size_t(i)].first), i);
        }
        return index.value(QStringView(key), -1);
    }

    int hexDigit(char16_t c) const
    {
        if (c >= u'0' && c <= u'9')
            return c - u'0';
        if (c >= u'a' && c <= u'f')
            return c - u'a' + 10;
        if (c >= u'A' && c <= u'F')
            return c - u'A' + 10;
        return -1;
    }

    bool parseString(QString &out)
    {
        ++m_pos; // opening quote
        const qsizetype start = m_pos;
        // Fast path: no escapes.
        while (m_pos < m_text.size()) {
            const char16_t c = m_text[m_pos].unicode();
            if (c == u'"') {
                out = m_text.mid(start, m_pos - start).toString();
                ++m_pos;
                return true;
            }
            if (c == u'\\')
                break;
            if (c < 0x20)
                return fail(QStringLiteral("control character in string"));
            ++m_pos;
        }
        out = m_text.mid(start, m_pos - start).toString();
        while (m_pos < m_text.size()) {
            const char16_t c = m_text[m_pos++].unicode();
            if (c == u'"')
                return true;
            if (c < 0x20)
                return fail(QStringLiteral("control character in string"));
            if (c != u'\\') {
                out.append(QChar(c));
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            const char16_t e = m_text[m_pos++].unicode();
            switch (e) {
            case u'"': out.append(u'"'); break;
            case u'\\': out.append(u'\\'); break;
            case u'/': out.append(u'/'); break;
            case u'b': out.append(u'\b'); break;
            case u'f': out.append(u'\f'); break;
            case u'n': out.append(u'\n'); break;
            case u'r': out.append(u'\r'); break;
            case u't': out.append(u'\t'); break;
            case u'u': {
                if (m_pos + 4 > m_text.size())
                    return fail(QStringLiteral("truncated \\u escape"));
                int code = 0;
                for (int i = 0; i < 4; ++i) {
                    const int d = hexDigit(m_text[m_pos + i].unicode());
                    if (d < 0)
                        return fail(QStringLiteral("invalid \\u escape"));
                    code = code * 16 + d;
                }
                m_pos += 4;
                out.append(QChar(static_cast<char16_t>(code)));
                break;
            }
            default: return fail(QStringLiteral("invalid escape"));
            }
        }
        return fail(QStringLiteral("unterminated string"));
    }

    bool isDigit(qsizetype pos) const
    {
        return pos < m_text.size() && m_text[pos] >= u'0' && m_text[pos] <= u'9';
    }

    bool parseNumber(JsonValue &out)
    {
        const qsizetype start = m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == u'-')
            ++m_pos;
        if (!isDigit(m_pos))
            return fail(QStringLiteral("invalid value"));
        if (m_text[m_pos] == u'0') {
            ++m_pos;
        } else {
            while (isDigit(m_pos))
                ++m_pos;
        }
        if (m_pos < m_text.size() && m_text[m_pos] == u'.') {
            ++m_pos;
            if (!isDigit(m_pos))
                return fail(QStringLiteral("invalid number"));
            while (isDigit(m_pos))
                ++m_pos;
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == u'e' || m_text[m_pos] == u'E')) {
            ++m_pos;
            if (m_pos < m_text.size() && (m_text[m_pos] == u'+' || m_text[m_pos] == u'-'))
                ++m_pos;
            if (!isDigit(m_pos))
                return fail(QStringLiteral("invalid number"));
            while (isDigit(m_pos))
                ++m_pos;
        }
        out = JsonValue::fromNumberText(m_text.mid(start, m_pos - start).toLatin1());
        return true;
    }

    QStringView m_text;
    qsizetype m_pos = 0;
    Limits m_limits;
    QString m_error;
};

} // namespace

ParseResult parse(QStringView text, const Limits &limits)
{
    return Parser(text, limits).run(true);
}

ParseResult parse(QStringView text, int maxDepth)
{
    Limits limits;
    limits.maxDepth = maxDepth;
    return parse(text, limits);
}

ParseResult parsePrefix(QStringView text, const Limits &limits)
{
    return Parser(text, limits).run(false);
}

ParseResult parsePrefix(QStringView text, int maxDepth)
{
    Limits limits;
    limits.maxDepth = maxDepth;
    return parsePrefix(text, limits);
}

} // namespace ChatHost::Json
