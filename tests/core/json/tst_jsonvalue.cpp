// JsonValue: parsing, JSON.stringify-compatible writing, key order and number precision.
#include "json/jsonvalue.h"

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
