// Accept-Encoding parsing, the choice of representation and If-None-Match matching: tables.
#include "http/contentcoding.h"

#include <QTest>

using namespace ChatHost::Http::ContentCoding;

Q_DECLARE_METATYPE(std::optional<Coding>)

namespace {
const std::optional<Coding> kNone = std::nullopt;
const std::optional<Coding> kBr = Coding::Brotli;
const std::optional<Coding> kGzip = Coding::Gzip;
const std::optional<Coding> kIdentity = Coding::Identity;
} // namespace

class TestContentCoding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void choice_data();
    void choice();
    void qualities_data();
    void qualities();
    void onlyIdentityStored();
    void boundedElements();
    void etags_data();
    void etags();
};

void TestContentCoding::choice_data()
{
    QTest::addColumn<bool>("present");
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<std::optional<Coding>>("expected");
    QTest::newRow("no field: identity") << false << QByteArray() << kIdentity;
    QTest::newRow("empty field: identity only") << true << QByteArray("") << kIdentity;
    QTest::newRow("gzip") << true << QByteArray("gzip") << kGzip;
    QTest::newRow("br") << true << QByteArray("br") << kBr;
    QTest::newRow("Chromium over http") << true << QByteArray("gzip, deflate") << kGzip;
    QTest::newRow("Chromium over https") << true << QByteArray("gzip, deflate, br, zstd") << kBr;
    QTest::newRow("upper case") << true << QByteArray("GZIP") << kGzip;
    QTest::newRow("x-gzip alias") << true << QByteArray("x-gzip") << kGzip;
    QTest::newRow("gzip;q=0") << true << QByteArray("gzip;q=0") << kIdentity;
    QTest::newRow("gzip;q=0, br;q=0.000")
            << true << QByteArray("gzip;q=0, br;q=0.000") << kIdentity;
    QTest::newRow("higher q wins") << true << QByteArray("gzip;q=0.5, br;q=0.4") << kGzip;
    QTest::newRow("tie: server order") << true << QByteArray("gzip;q=1.0, br;q=1") << kBr;
    QTest::newRow("Q upper case, spaces")
            << true << QByteArray(" br ; Q=0.2 ,gzip ; q=0.3 ") << kGzip;
    QTest::newRow("star") << true << QByteArray("*") << kBr;
    QTest::newRow("star;q=0") << true << QByteArray("*;q=0") << kNone;
    QTest::newRow("star;q=0 but identity") << true << QByteArray("*;q=0, identity") << kIdentity;
    QTest::newRow("star;q=0 but gzip") << true << QByteArray("*;q=0, gzip;q=0.1") << kGzip;
    QTest::newRow("star below identity") << true << QByteArray("*;q=0.5, identity") << kIdentity;
    QTest::newRow("star covers br, not a listed gzip")
            << true << QByteArray("*;q=0.5, gzip;q=0") << kBr;
    QTest::newRow("identity;q=0 alone") << true << QByteArray("identity;q=0") << kNone;
    QTest::newRow("identity;q=0, gzip") << true << QByteArray("identity;q=0, gzip") << kGzip;
    QTest::newRow("identity preferred") << true << QByteArray("identity, gzip;q=0.5") << kIdentity;
    QTest::newRow("unknown codings only") << true << QByteArray("deflate, zstd") << kIdentity;
    QTest::newRow("empty elements") << true << QByteArray(",, ,gzip,,") << kGzip;
    QTest::newRow("unknown parameter ignored") << true << QByteArray("gzip;level=9") << kGzip;
    QTest::newRow("q above 1 ignored") << true << QByteArray("gzip;q=1.5") << kIdentity;
    QTest::newRow("q with four decimals ignored")
            << true << QByteArray("gzip;q=0.1234") << kIdentity;
    QTest::newRow("q=1.001 ignored") << true << QByteArray("gzip;q=1.001") << kIdentity;
    QTest::newRow("q not a number ignored") << true << QByteArray("br;q=abc, gzip") << kGzip;
    QTest::newRow("empty q ignored") << true << QByteArray("br;q=") << kIdentity;
    QTest::newRow("bad token ignored") << true << QByteArray("g\"zip, br") << kBr;
    QTest::newRow("first mention counts") << true << QByteArray("br;q=0, br") << kIdentity;
    QTest::newRow("malformed q does not exclude identity")
            << true << QByteArray("identity;q=2") << kIdentity;
    QTest::newRow("control bytes") << true << QByteArray("\x01\x7f;;;q=0") << kIdentity;
}

void TestContentCoding::choice()
{
    QFETCH(bool, present);
    QFETCH(QByteArray, field);
    QFETCH(std::optional<Coding>, expected);
    const QList<Coding> stored = {Coding::Brotli, Coding::Gzip, Coding::Identity};
    QCOMPARE(choose(parseAcceptEncoding(field, present), stored), expected);
}

void TestContentCoding::qualities_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<int>("quality");
    QTest::newRow("none") << QByteArray("gzip") << 1000;
    QTest::newRow("0") << QByteArray("gzip;q=0") << 0;
    QTest::newRow("0.") << QByteArray("gzip;q=0.") << 0;
    QTest::newRow("0.5") << QByteArray("gzip;q=0.5") << 500;
    QTest::newRow("0.05") << QByteArray("gzip;q=0.05") << 50;
    QTest::newRow("0.001") << QByteArray("gzip;q=0.001") << 1;
    QTest::newRow("0.999") << QByteArray("gzip;q=0.999") << 999;
    QTest::newRow("1.000") << QByteArray("gzip;q=1.000") << 1000;
}

void TestContentCoding::qualities()
{
    QFETCH(QByteArray, field);
    QFETCH(int, quality);
    const AcceptEncoding parsed = parseAcceptEncoding(field);
    QCOMPARE(parsed.entries.size(), 1);
    QCOMPARE(parsed.entries.first().coding, QByteArray("gzip"));
    QCOMPARE(parsed.entries.first().quality, quality);
}

void TestContentCoding::onlyIdentityStored()
{
    // A file whose compressed copies were not smaller: identity, unless it is excluded.
    const QList<Coding> stored = {Coding::Identity};
    QCOMPARE(choose(parseAcceptEncoding("gzip, br"), stored), kIdentity);
    QCOMPARE(choose(parseAcceptEncoding("identity;q=0, gzip"), stored), kNone);
    const QList<Coding> gzipOnly = {Coding::Gzip, Coding::Identity};
    QCOMPARE(choose(parseAcceptEncoding("br"), gzipOnly), kIdentity);
    QCOMPARE(choose(parseAcceptEncoding("*"), gzipOnly), kGzip);
}

void TestContentCoding::boundedElements()
{
    QByteArray field;
    for (int i = 0; i < 10000; ++i)
        field += "c" + QByteArray::number(i) + ";q=0.5, ";
    field += "gzip";
    const AcceptEncoding parsed = parseAcceptEncoding(field);
    QCOMPARE(parsed.entries.size(), kMaxElements);
    // gzip came after the cap: not seen.
    QCOMPARE(choose(parsed, {Coding::Gzip, Coding::Identity}), kIdentity);
}

void TestContentCoding::etags_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("etag");
    QTest::addColumn<bool>("matches");
    const QByteArray tag("\"abc123\"");
    QTest::newRow("same") << QByteArray("\"abc123\"") << tag << true;
    QTest::newRow("weak form") << QByteArray("W/\"abc123\"") << tag << true;
    QTest::newRow("in a list") << QByteArray("\"x\", \"abc123\"") << tag << true;
    QTest::newRow("star") << QByteArray("*") << tag << true;
    QTest::newRow("other representation") << QByteArray("\"abc124\"") << tag << false;
    QTest::newRow("unquoted") << QByteArray("abc123") << tag << false;
    QTest::newRow("empty") << QByteArray() << tag << false;
    QTest::newRow("prefix only") << QByteArray("\"abc12\"") << tag << false;
    QTest::newRow("garbage") << QByteArray(",,,W/") << tag << false;
}

void TestContentCoding::etags()
{
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, etag);
    QFETCH(bool, matches);
    QCOMPARE(etagMatches(field, etag), matches);
}

QTEST_APPLESS_MAIN(TestContentCoding)
#include "tst_contentcoding.moc"
