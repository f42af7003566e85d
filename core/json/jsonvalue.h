// A JSON value that keeps what a relay must not change: object key order and the exact text of
// numbers (QJsonValue sorts keys and turns every number into a double). It can also hold raw
// bytes, which is how Socket.IO binary attachments travel inside event arguments.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QVariant>

#include <optional>
#include <utility>
#include <variant>
#include <vector>

namespace ChatHost::Json {

class JsonValue
{
public:
    enum class Type { Null, Bool, Number, String, Array, Object, Binary };
    using Array = std::vector<JsonValue>;
    using Member = std::pair<QString, JsonValue>;
    using Object = std::vector<Member>;

    JsonValue() = default;
    JsonValue(std::nullptr_t) { }
    JsonValue(bool b)
        : m_value(b)
    { }
    JsonValue(int n);
    JsonValue(qint64 n);
    JsonValue(double d);
    JsonValue(const QString &s)
        : m_value(s)
    { }
    JsonValue(const char16_t *s)
        : m_value(QString::fromUtf16(s))
    { }
    JsonValue(Array a)
        : m_value(std::move(a))
    { }
    JsonValue(Object o)
        : m_value(std::move(o))
    { }

    // A number given as its JSON text; the caller vouches that the text is a valid JSON number.
    static JsonValue fromNumberText(QByteArray text);
    static JsonValue fromBinary(QByteArray bytes);
    static JsonValue fromQJsonValue(const QJsonValue &value);
    static JsonValue fromVariant(const QVariant &value);

    Type type() const { return static_cast<Type>(m_value.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isNumber() const { return type() == Type::Number; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }
    bool isBinary() const { return type() == Type::Binary; }

    bool toBool(bool fallback = false) const;
    double toDouble(double fallback = 0) const;
    // Exact for integers up to 64 bits; sets *ok to false for fractions or out-of-range values.
    qint64 toInteger(bool *ok = nullptr) const;
    QByteArray numberText() const;
    QString toString(const QString &fallback = {}) const;
    QByteArray toBinary() const;
    const Array &toArray() const;
    const Object &toObject() const;
    Array *arrayPtr() { return std::get_if<Array>(&m_value); }
    Object *objectPtr() { return std::get_if<Object>(&m_value); }

    // Object member lookup; a missing key (or a non-object) gives null.
    const JsonValue &operator[](QStringView key) const;
    bool contains(QStringView key) const;
    void insert(const QString &key, JsonValue value); // replaces an existing key in place

    // True if this value or anything inside it is binary.
    bool hasBinary() const;

    QJsonValue toQJsonValue() const; // binary becomes a base64 string
    QVariant toVariant() const;

    // Compact JSON text, as JavaScript's JSON.stringify writes it. Binary values are written as
    // Socket.IO placeholders numbered from *attachments' size and appended to it; with no
    // attachments list they are written as null.
    QString toJson(std::vector<QByteArray> *attachments = nullptr) const;
    void appendJson(QString &out, std::vector<QByteArray> *attachments = nullptr) const;

    friend bool operator==(const JsonValue &a, const JsonValue &b);
    friend bool operator!=(const JsonValue &a, const JsonValue &b) { return !(a == b); }

private:
    struct Number
    {
        QByteArray text;
        friend bool operator==(const Number &a, const Number &b) { return a.text == b.text; }
    };
    struct Binary
    {
        QByteArray bytes;
        friend bool operator==(const Binary &a, const Binary &b) { return a.bytes == b.bytes; }
    };
    // Order matches Type.
    std::variant<std::monostate, bool, Number, QString, Array, Object, Binary> m_value;
};

struct ParseResult
{
    std::optional<JsonValue> value;
    QString error; // empty on success
    qsizetype offset = 0; // where parsing stopped (error position, or end of the value)
};

// Default nesting limit: deep enough for any real payload, shallow enough that a hostile one
// cannot exhaust the stack.
inline constexpr int kDefaultMaxDepth = 128;
// Default width limits: far above what a chat sends, low enough that one message cannot turn a
// megabyte of text into hundreds of thousands of values. Parsing is linear in the input whatever
// the limits (duplicate keys are found through a hash once an object has a few members).
inline constexpr qsizetype kDefaultMaxMembers = 10000; // per object
inline constexpr qsizetype kDefaultMaxElements = 100000; // per array

struct Limits
{
    int maxDepth = kDefaultMaxDepth;
    qsizetype maxMembers = kDefaultMaxMembers;
    qsizetype maxElements = kDefaultMaxElements;
};

// Parses exactly one JSON value spanning all of text (surrounding white space allowed).
ParseResult parse(QStringView text, const Limits &limits);
ParseResult parse(QStringView text, int maxDepth = kDefaultMaxDepth);
// Parses one JSON value at the start of text and reports where it ended in offset.
ParseResult parsePrefix(QStringView text, const Limits &limits);
ParseResult parsePrefix(QStringView text, int maxDepth = kDefaultMaxDepth);

} // namespace ChatHost::Json
