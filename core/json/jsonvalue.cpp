// JSON parsing and JSON.stringify-compatible writing for JsonValue.
#include "jsonvalue.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <charconv>
#include <cmath>
#include <limits>

namespace ChatHost::Json {

namespace {

QByteArray formatDouble(double d)
{
    if (!std::isfinite(d))
        return QByteArrayLiteral("null"); // what JSON.stringify writes for NaN and Infinity
    if (d == 0)
        return QByteArrayLiteral("0"); // also for -0, like JavaScript
    double intPart = 0;
    if (std::modf(d, &intPart) == 0 && std::fabs(d) < 1e21)
        return QByteArray::number(static_cast<qint64>(d));
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
    QByteArray text(buffer, result.ptr - buffer);
    // to_chars writes "1e-07"; JavaScript writes "1e-7" and "1e+21".
    const qsizetype e = text.indexOf('e');
    if (e >= 0) {
        QByteArray exponent = text.mid(e + 1);
        const char sign = exponent.startsWith('-') ? '-' : '+';
        if (exponent.startsWith('-') || exponent.startsWith('+'))
            exponent.remove(0, 1);
        while (exponent.size() > 1 && exponent.startsWith('0'))
            exponent.remove(0, 1);
        text = text.left(e + 1) + sign + exponent;
    }
    return text;
}

const JsonValue &nullValue()
{
    static const JsonValue null;
    return null;
}

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

void appendString(QString &out, const QString &s)
{
    static constexpr char16_t hex[] = u"0123456789abcdef";
    out.append(u'"');
    const qsizetype n = s.size();
    const QChar *data = s.constData();
    qsizetype runStart = 0;
    auto flush = [&](qsizetype end) {
        if (end > runStart)
            out.append(data + runStart, end - runStart);
    };
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = data[i].unicode();
        const char16_t *escape = nullptr;
        char16_t unicodeEscape = 0;
        bool needUnicode = false;
        switch (c) {
        case u'"': escape = u"\\\""; break;
        case u'\\': escape = u"\\\\"; break;
        case u'\b': escape = u"\\b"; break;
        case u'\f': escape = u"\\f"; break;
        case u'\n': escape = u"\\n"; break;
        case u'\r': escape = u"\\r"; break;
        case u'\t': escape = u"\\t"; break;
        default:
            if (c < 0x20) {
                needUnicode = true;
            } else if (QChar::isHighSurrogate(c)) {
                if (i + 1 < n && QChar::isLowSurrogate(data[i + 1].unicode())) {
                    ++i; // a valid pair stays as it is
                    continue;
                }
                needUnicode = true; // lone surrogates are escaped (well-formed JSON.stringify)
            } else if (QChar::isLowSurrogate(c)) {
                needUnicode = true;
            }
            unicodeEscape = c;
        }
        if (!escape && !needUnicode)
            continue;
        flush(i);
        runStart = i + 1;
        if (escape) {
            out.append(QStringView(escape));
        } else {
            const char16_t chars[] = {u'\\',
                                      u'u',
                                      hex[(unicodeEscape >> 12) & 0xF],
                                      hex[(unicodeEscape >> 8) & 0xF],
                                      hex[(unicodeEscape >> 4) & 0xF],
                                      hex[unicodeEscape & 0xF]};
            out.append(QStringView(chars, 6));
        }
    }
    flush(n);
    out.append(u'"');
}

} // namespace

JsonValue::JsonValue(int n)
    : m_value(Number{QByteArray::number(n)})
{ }
JsonValue::JsonValue(qint64 n)
    : m_value(Number{QByteArray::number(n)})
{ }
JsonValue::JsonValue(double d)
{
    if (std::isfinite(d))
        m_value = Number{formatDouble(d)};
}

JsonValue JsonValue::fromNumberText(QByteArray text)
{
    JsonValue v;
    v.m_value = Number{std::move(text)};
    return v;
}

JsonValue JsonValue::fromBinary(QByteArray bytes)
{
    JsonValue v;
    v.m_value = Binary{std::move(bytes)};
    return v;
}

JsonValue JsonValue::fromQJsonValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool: return JsonValue(value.toBool());
    case QJsonValue::Double: {
        const QVariant v = value.toVariant();
        if (v.userType() == QMetaType::LongLong)
            return JsonValue(v.toLongLong());
        return JsonValue(value.toDouble());
    }
    case QJsonValue::String: return JsonValue(value.toString());
    case QJsonValue::Array: {
        Array array;
        const QJsonArray source = value.toArray();
        array.reserve(source.size());
        for (const QJsonValue &element : source)
            array.push_back(fromQJsonValue(element));
        return JsonValue(std::move(array));
    }
    case QJsonValue::Object: {
        Object object;
        const QJsonObject source = value.toObject();
        for (auto it = source.begin(); it != source.end(); ++it)
            object.emplace_back(it.key(), fromQJsonValue(it.value()));
        return JsonValue(std::move(object));
    }
    default: return JsonValue();
    }
}

JsonValue JsonValue::fromVariant(const QVariant &value)
{
    switch (value.userType()) {
    case QMetaType::QByteArray: return fromBinary(value.toByteArray());
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt: return JsonValue(value.toLongLong());
    case QMetaType::QVariantList: {
        Array array;
        const QVariantList list = value.toList();
        for (const QVariant &element : list)
            array.push_back(fromVariant(element));
        return JsonValue(std::move(array));
    }
    case QMetaType::QVariantMap: {
        Object object;
        const QVariantMap map = value.toMap();
        for (auto it = map.begin(); it != map.end(); ++it)
            object.emplace_back(it.key(), fromVariant(it.value()));
        return JsonValue(std::move(object));
    }
    default: return fromQJsonValue(QJsonValue::fromVariant(value));
    }
}

bool JsonValue::toBool(bool fallback) const
{
    const bool *b = std::get_if<bool>(&m_value);
    return b ? *b : fallback;
}

double JsonValue::toDouble(double fallback) const
{
    const Number *n = std::get_if<Number>(&m_value);
    if (!n)
        return fallback;
    bool ok = false;
    const double d = n->text.toDouble(&ok);
    return ok ? d : fallback;
}

qint64 JsonValue::toInteger(bool *ok) const
{
    bool converted = false;
    qint64 result = 0;
    if (const Number *n = std::get_if<Number>(&m_value))
        result = n->text.toLongLong(&converted);
    if (ok)
        *ok = converted;
    return converted ? result : 0;
}

QByteArray JsonValue::numberText() const
{
    const Number *n = std::get_if<Number>(&m_value);
    return n ? n->text : QByteArray();
}

QString JsonValue::toString(const QString &fallback) const
{
    const QString *s = std::get_if<QString>(&m_value);
    return s ? *s : fallback;
}

QByteArray JsonValue::toBinary() const
{
    const Binary *b = std::get_if<Binary>(&m_value);
    return b ? b->bytes : QByteArray();
}

const JsonValue::Array &JsonValue::toArray() const
{
    static const Array empty;
    const Array *a = std::get_if<Array>(&m_value);
    return a ? *a : empty;
}

const JsonValue::Object &JsonValue::toObject() const
{
    static const Object empty;
    const Object *o = std::get_if<Object>(&m_value);
    return o ? *o : empty;
}

const JsonValue &JsonValue::operator[](QStringView key) const
{
    for (const Member &m : toObject()) {
        if (m.first == key)
            return m.second;
    }
    return nullValue();
}

bool JsonValue::contains(QStringView key) const
{
    const Object &o = toObject();
    return std::any_of(o.begin(), o.end(), [key](const Member &m) { return m.first == key; });
}

void JsonValue::insert(const QString &key, JsonValue value)
{
    Object *o = objectPtr();
    if (!o) {
        m_value = Object();
        o = objectPtr();
    }
    for (Member &m : *o) {
        if (m.first == key) {
            m.second = std::move(value);
            return;
        }
    }
    o->emplace_back(key, std::move(value));
}

bool JsonValue::hasBinary() const
{
    switch (type()) {
    case Type::Binary: return true;
    case Type::Array: {
        const Array &a = toArray();
        return std::any_of(a.begin(), a.end(), [](const JsonValue &v) { return v.hasBinary(); });
    }
    case Type::Object: {
        const Object &o = toObject();
        return std::any_of(o.begin(), o.end(),
                           [](const Member &m) { return m.second.hasBinary(); });
    }
    default: return false;
    }
}

QJsonValue JsonValue::toQJsonValue() const
{
    switch (type()) {
    case Type::Null: return QJsonValue(QJsonValue::Null);
    case Type::Bool: return QJsonValue(toBool());
    case Type::Number: {
        bool isInteger = false;
        const qint64 i = toInteger(&isInteger);
        return isInteger ? QJsonValue(i) : QJsonValue(toDouble());
    }
    case Type::String: return QJsonValue(toString());
    case Type::Array: {
        QJsonArray array;
        for (const JsonValue &v : toArray())
            array.append(v.toQJsonValue());
        return array;
    }
    case Type::Object: {
        QJsonObject object;
        for (const Member &m : toObject())
            object.insert(m.first, m.second.toQJsonValue());
        return object;
    }
    case Type::Binary: return QJsonValue(QString::fromLatin1(toBinary().toBase64()));
    }
    return {};
}

QVariant JsonValue::toVariant() const
{
    switch (type()) {
    case Type::Null: return QVariant::fromValue(nullptr);
    case Type::Bool: return toBool();
    case Type::Number: {
        bool isInteger = false;
        const qint64 i = toInteger(&isInteger);
        return isInteger ? QVariant(i) : QVariant(toDouble());
    }
    case Type::String: return toString();
    case Type::Array: {
        QVariantList list;
        for (const JsonValue &v : toArray())
            list.append(v.toVariant());
        return list;
    }
    case Type::Object: {
        QVariantMap map;
        for (const Member &m : toObject())
            map.insert(m.first, m.second.toVariant());
        return map;
    }
    case Type::Binary: return toBinary();
    }
    return {};
}

QString JsonValue::toJson(std::vector<QByteArray> *attachments) const
{
    QString out;
    appendJson(out, attachments);
    return out;
}

void JsonValue::appendJson(QString &out, std::vector<QByteArray> *attachments) const
{
    switch (type()) {
    case Type::Null: out.append(u"null"); return;
    case Type::Bool: out.append(toBool() ? u"true" : u"false"); return;
    case Type::Number: out.append(QLatin1String(std::get<Number>(m_value).text)); return;
    case Type::String: appendString(out, std::get<QString>(m_value)); return;
    case Type::Array: {
        out.append(u'[');
        bool first = true;
        for (const JsonValue &v : std::get<Array>(m_value)) {
            if (!first)
                out.append(u',');
            first = false;
            v.appendJson(out, attachments);
        }
        out.append(u']');
        return;
    }
    case Type::Object: {
        out.append(u'{');
        bool first = true;
        for (const Member &m : std::get<Object>(m_value)) {
            if (!first)
                out.append(u',');
            first = false;
            appendString(out, m.first);
            out.append(u':');
            m.second.appendJson(out, attachments);
        }
        out.append(u'}');
        return;
    }
    case Type::Binary:
        if (!attachments) {
            out.append(u"null");
            return;
        }
        out.append(u"{\"_placeholder\":true,\"num\":");
        out.append(QString::number(attachments->size()));
        out.append(u'}');
        attachments->push_back(std::get<Binary>(m_value).bytes);
        return;
    }
}

bool operator==(const JsonValue &a, const JsonValue &b)
{
    return a.m_value == b.m_value;
}

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
