// The JsonValue type itself: construction, typed access, and conversion to and from Qt's JSON
// and variant types. Parsing is in jsonparser.cpp, writing JSON text in jsonwriter.cpp.
#include "jsonvalue.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <cmath>

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

bool operator==(const JsonValue &a, const JsonValue &b)
{
    return a.m_value == b.m_value;
}

} // namespace ChatHost::Json
