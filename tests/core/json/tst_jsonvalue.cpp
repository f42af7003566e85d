// JsonValue: parsing, JSON.stringify-compatible writing, key order and number precision.
#include "json/jsonvalue.h"

#include <QElapsedTimer>
#include <QTest>

using ChatHost::Json::JsonValue;
namespace Json = ChatHost::Json;
using namespace Qt::StringLiterals;

class TestJsonValue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void invalid_data();
    void invalid();
    void normalises_data();
    void normalises();
    void depthLimit();
    void wide_data();
    void wide();
    void accessors();
    void doubles_data();
    void doubles();
    void binaryPlaceholders();
    void qjsonConversion();
};

void TestJsonValue::roundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("null") << u"null"_s;
    QTest::newRow("true") << u"true"_s;
    QTest::newRow("int") << u"42"_s;
    QTest::newRow("negative") << u"-7"_s;
    QTest::newRow("big int keeps precision") << u"12345678901234567890"_s;
    QTest::newRow("beyond 2^53") << u"9007199254740993"_s;
    QTest::newRow("fraction") << u"3.14159"_s;
    QTest::newRow("exponent") << u"1e+300"_s;
    QTest::newRow("string") << u"\"hello\""_s;
    QTest::newRow("escapes") << u"\"a\\\"b\\\\c\\nd\\te\\u0001\""_s;
    QTest::newRow("unicode") << u"\"gr\u00fc\u00dfe \U0001F600\""_s;
    QTest::newRow("lone surrogate stays escaped") << u"\"\\ud800\""_s;
    QTest::newRow("empty array") << u"[]"_s;
    QTest::newRow("empty object") << u"{}"_s;
    QTest::newRow("key order kept")
            << u"{\"z\":1,\"a\":2,\"m\":[true,null,{\"b\":\"x\",\"a\":\"y\"}]}"_s;
    QTest::newRow("nested") << u"[[[[1]]],{\"a\":{\"b\":{}}}]"_s;
}

void TestJsonValue::roundTrip()
{
    QFETCH(QString, text);
    const auto parsed = Json::parse(text);
    QVERIFY2(parsed.value, qPrintable(parsed.error));
    QCOMPARE(parsed.value->toJson(), text);
}

void TestJsonValue::invalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("space only") << u"   "_s;
    QTest::newRow("trailing comma array") << u"[1,]"_s;
    QTest::newRow("trailing comma object") << u"{\"a\":1,}"_s;
    QTest::newRow("unquoted key") << u"{a:1}"_s;
    QTest::newRow("single quotes") << u"'a'"_s;
    QTest::newRow("unterminated string") << u"\"abc"_s;
    QTest::newRow("unterminated array") << u"[1,2"_s;
    QTest::newRow("unterminated object") << u"{\"a\":1"_s;
    QTest::newRow("raw control char") << u"\"a\nb\""_s;
    QTest::newRow("bad escape") << u"\"\\x41\""_s;
    QTest::newRow("short unicode escape") << u"\"\\u12\""_s;
    QTest::newRow("leading zero") << u"012"_s;
    QTest::newRow("bare minus") << u"-"_s;
    QTest::newRow("dot without digits") << u"1."_s;
    QTest::newRow("exponent without digits") << u"1e"_s;
    QTest::newRow("NaN") << u"NaN"_s;
    QTest::newRow("undefined") << u"undefined"_s;
    QTest::newRow("two values") << u"1 2"_s;
    QTest::newRow("truncated literal") << u"tru"_s;
    QTest::newRow("missing colon") << u"{\"a\" 1}"_s;
}

void TestJsonValue::invalid()
{
    QFETCH(QString, text);
    const auto parsed = Json::parse(text);
    QVERIFY(!parsed.value);
    QVERIFY(!parsed.error.isEmpty());
}

void TestJsonValue::normalises_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");
    QTest::newRow("white space") << u" [ 1 , { \"a\" : 2 } ] "_s << u"[1,{\"a\":2}]"_s;
    QTest::newRow("escaped slash") << u"\"a\\/b\""_s << u"\"a/b\""_s;
    QTest::newRow("escaped letter") << u"\"\\u0041\""_s << u"\"A\""_s;
    QTest::newRow("duplicate key: last wins, first position")
            << u"{\"a\":1,\"b\":2,\"a\":3}"_s << u"{\"a\":3,\"b\":2}"_s;
    QTest::newRow("U+2028 is not escaped") << u"\"\\u2028\""_s << u"\"\u2028\""_s;
    QTest::newRow("DEL is not escaped") << u"\"\\u007f\""_s << u"\"\u007f\""_s;
}

void TestJsonValue::normalises()
{
    QFETCH(QString, input);
    QFETCH(QString, output);
    const auto parsed = Json::parse(input);
    QVERIFY2(parsed.value, qPrintable(parsed.error));
    QCOMPARE(parsed.value->toJson(), output);
}

void TestJsonValue::depthLimit()
{
    const QString ok = QString(100, u'[') + QString(100, u']');
    QVERIFY(Json::parse(ok).value);
    const QString deep = QString(100000, u'[') + QString(100000, u']');
    const auto parsed = Json::parse(deep);
    QVERIFY(!parsed.value);
    QCOMPARE(parsed.error, u"nesting too deep"_s);
    const QString deepObjects
            = QString(200, u'{').replace(u"{"_s, u"{\"a\":"_s) + u"1"_s + QString(200, u'}');
    QVERIFY(!Json::parse(deepObjects).value);
}

namespace {

// {"k0":0,"k1":1,...}: count members whose keys cycle through distinct names (duplicates when
// count > distinct), each value the member's position.
QString wideObject(qsizetype count, qsizetype distinct)
{
    QString text = u"{"_s;
    for (qsizetype i = 0; i < count; ++i) {
        if (i > 0)
            text += u',';
        text += u"\"k"_s + QString::number(i % distinct) + u"\":"_s + QString::number(i);
    }
    return text + u'}';
}

QString wideArray(qsizetype count)
{
    QString text = u"["_s;
    text.reserve(count * 2 + 2);
    for (qsizetype i = 0; i < count; ++i)
        text += i > 0 ? u",0"_s : u"0"_s;
    return text + u']';
}

} // namespace

void TestJsonValue::wide_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error"); // empty: accepted
    QTest::addColumn<qsizetype>("size"); // members or elements after parsing
    const qsizetype members = Json::kDefaultMaxMembers;
    const qsizetype elements = Json::kDefaultMaxElements;
    QTest::newRow("object at the member cap")
            << wideObject(members, members) << QString() << members;
    QTest::newRow("object one over the member cap")
            << wideObject(members + 1, members + 1) << u"too many members in an object"_s
            << qsizetype(0);
    QTest::newRow("80,000 short keys (869 KB attack)")
            << wideObject(80000, 80000) << u"too many members in an object"_s << qsizetype(0);
    // Duplicates do not count against the cap, so they must not cost a scan each either.
    QTest::newRow("80,000 members, 10,000 distinct keys")
            << wideObject(80000, members) << QString() << members;
    QTest::newRow("array at the element cap") << wideArray(elements) << QString() << elements;
    QTest::newRow("array one over the element cap")
            << wideArray(elements + 1) << u"too many elements in an array"_s << qsizetype(0);
    QTest::newRow("240,000 elements")
            << wideArray(240000) << u"too many elements in an array"_s << qsizetype(0);
}

void TestJsonValue::wide()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QFETCH(qsizetype, size);
    QElapsedTimer timer;
    timer.start();
    const auto parsed = Json::parse(text);
    // Linear parsing takes milliseconds here; the quadratic duplicate scan took seconds.
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(parsed.error, error);
    if (!error.isEmpty()) {
        QVERIFY(!parsed.value);
        return;
    }
    QVERIFY(parsed.value);
    const JsonValue &v = *parsed.value;
    QCOMPARE(qsizetype(v.isObject() ? v.toObject().size() : v.toArray().size()), size);
    if (v.isObject()) {
        // The last duplicate wins, at the position of the first.
        const qsizetype count = text.count(u':');
        const JsonValue::Object &o = v.toObject();
        for (qsizetype i = 0; i < size; ++i) {
            QCOMPARE(o[size_t(i)].first, u"k"_s + QString::number(i));
            const qsizetype last = i + ((count - 1 - i) / size) * size;
            QCOMPARE(o[size_t(i)].second.toInteger(), last);
        }
    }
}

void TestJsonValue::accessors()
{
    const auto v
            = *Json::parse(u"{\"n\":9007199254740993,\"s\":\"x\",\"b\":true,\"f\":1.5,\"a\":[1]}"_s)
                       .value;
    bool ok = false;
    QCOMPARE(v[u"n"].toInteger(&ok), Q_INT64_C(9007199254740993));
    QVERIFY(ok);
    v[u"f"].toInteger(&ok);
    QVERIFY(!ok);
    QCOMPARE(v[u"f"].toDouble(), 1.5);
    QCOMPARE(v[u"s"].toString(), u"x"_s);
    QVERIFY(v[u"b"].toBool());
    QVERIFY(v[u"missing"].isNull());
    QCOMPARE(v[u"a"].toArray().size(), size_t(1));
    QVERIFY(v.contains(u"s"));
    QVERIFY(!v.contains(u"t"));
    JsonValue o;
    o.insert(u"b"_s, 1);
    o.insert(u"a"_s, 2);
    o.insert(u"b"_s, 3);
    QCOMPARE(o.toJson(), u"{\"b\":3,\"a\":2}"_s);
}

void TestJsonValue::doubles_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("json");
    QTest::newRow("integer") << 3.0 << u"3"_s;
    QTest::newRow("negative zero") << -0.0 << u"0"_s;
    QTest::newRow("fraction") << 0.1 << u"0.1"_s;
    QTest::newRow("small") << 1e-7 << u"1e-7"_s;
    QTest::newRow("large") << 1e21 << u"1e+21"_s;
    QTest::newRow("nan") << qQNaN() << u"null"_s;
    QTest::newRow("infinity") << qInf() << u"null"_s;
}

void TestJsonValue::doubles()
{
    QFETCH(double, value);
    QFETCH(QString, json);
    QCOMPARE(JsonValue(value).toJson(), json);
}

void TestJsonValue::binaryPlaceholders()
{
    JsonValue v(
            JsonValue::Array{JsonValue(u"ev"_s), JsonValue::fromBinary("\x01\x02"),
                             JsonValue(JsonValue::Object{{u"x"_s, JsonValue::fromBinary("abc")}})});
    QVERIFY(v.hasBinary());
    std::vector<QByteArray> attachments;
    QCOMPARE(
            v.toJson(&attachments),
            u"[\"ev\",{\"_placeholder\":true,\"num\":0},{\"x\":{\"_placeholder\":true,\"num\":1}}]"_s);
    QCOMPARE(attachments.size(), size_t(2));
    QCOMPARE(attachments[0], QByteArray("\x01\x02"));
    QCOMPARE(attachments[1], QByteArray("abc"));
    QCOMPARE(v.toJson(), u"[\"ev\",null,{\"x\":null}]"_s);
    QVERIFY(!JsonValue(1).hasBinary());
}

void TestJsonValue::qjsonConversion()
{
    const auto v = *Json::parse(u"{\"b\":[1,2.5,\"s\",null,false],\"a\":{}}"_s).value;
    const QJsonValue q = v.toQJsonValue();
    QCOMPARE(q[u"b"_s][1].toDouble(), 2.5);
    const JsonValue back = JsonValue::fromQJsonValue(q);
    QCOMPARE(back[u"b"].toJson(), u"[1,2.5,\"s\",null,false]"_s);
    const JsonValue fromVariant
            = JsonValue::fromVariant(QVariantMap{{u"k"_s, QVariantList{1, u"x"_s}}});
    QCOMPARE(fromVariant.toJson(), u"{\"k\":[1,\"x\"]}"_s);
    QCOMPARE(v.toVariant().toMap().value(u"b"_s).toList().size(), 5);
}

QTEST_GUILESS_MAIN(TestJsonValue)
#include "tst_jsonvalue.moc"
