// JsonValue to compact JSON text, as JavaScript's JSON.stringify writes it (binary values as
// Socket.IO placeholders).
#include "jsonvalue.h"

namespace ChatHost::Json {

namespace {

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

} // namespace ChatHost::Json
