// Which origins may connect, and static path resolution: tables.
#include "http/originpolicy.h"
#include "http/staticsite.h"

#include <QTest>

using namespace ChatHost::Http;
using namespace Qt::StringLiterals;

class TestOriginPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void origins_data();
    void origins();
    void resolve_data();
    void resolve();
};

void TestOriginPolicy::origins_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QStringList>("allow");
    QTest::addColumn<bool>("allowed");
    const QStringList none;
    QTest::newRow("no origin (not a browser)")
            << QByteArray() << QByteArray("192.168.1.5:3000") << none << true;
    QTest::newRow("same origin") << QByteArray("http://192.168.1.5:3000")
                                 << QByteArray("192.168.1.5:3000") << none << true;
    QTest::newRow("same origin, case")
            << QByteArray("HTTP://LOCALHOST:3000") << QByteArray("localhost:3000") << none << true;
    QTest::newRow("same origin, default port")
            << QByteArray("http://chat.lan") << QByteArray("chat.lan:80") << none << true;
    QTest::newRow("same origin ipv6")
            << QByteArray("http://[::1]:3000") << QByteArray("[::1]:3000") << none << true;
    QTest::newRow("other site") << QByteArray("http://evil.example")
                                << QByteArray("192.168.1.5:3000") << none << false;
    QTest::newRow("other port") << QByteArray("http://192.168.1.5:8080")
                                << QByteArray("192.168.1.5:3000") << none << false;
    QTest::newRow("null origin") << QByteArray("null") << QByteArray("192.168.1.5:3000") << none
                                 << false;
    QTest::newRow("file origin") << QByteArray("file://") << QByteArray("192.168.1.5:3000") << none
                                 << false;
    QTest::newRow("garbage") << QByteArray("\x01\x02") << QByteArray("192.168.1.5:3000") << none
                             << false;
    QTest::newRow("suffix trick") << QByteArray("http://192.168.1.5:3000.evil.example")
                                  << QByteArray("192.168.1.5:3000") << none << false;
    QTest::newRow("allow listed") << QByteArray("http://intranet:8080")
                                  << QByteArray("192.168.1.5:3000")
                                  << QStringList{u"http://intranet:8080"_s} << true;
    QTest::newRow("allow list normalises")
            << QByteArray("http://intranet:8080") << QByteArray("h:1")
            << QStringList{u"HTTP://Intranet:8080/"_s} << true;
    QTest::newRow("allow list other") << QByteArray("http://intranet:9090") << QByteArray("h:1")
                                      << QStringList{u"http://intranet:8080"_s} << false;
    QTest::newRow("star") << QByteArray("http://anything") << QByteArray("h:1")
                          << QStringList{u"*"_s} << true;
    QTest::newRow("host header missing")
            << QByteArray("http://192.168.1.5:3000") << QByteArray() << none << false;
}

void TestOriginPolicy::origins()
{
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, host);
    QFETCH(QStringList, allow);
    QFETCH(bool, allowed);
    QCOMPARE(originAllowed(origin, host, allow), allowed);
}

void TestOriginPolicy::resolve_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("resolved"); // empty: refused
    QTest::newRow("root") << u"/"_s << u"/srv/www/index.html"_s;
    QTest::newRow("file") << u"/a.js"_s << u"/srv/www/a.js"_s;
    QTest::newRow("folder") << u"/sub/"_s << u"/srv/www/sub/index.html"_s;
    QTest::newRow("double slash") << u"//a.js"_s << u"/srv/www/a.js"_s;
    QTest::newRow("dot dot") << u"/../etc/passwd"_s << QString();
    QTest::newRow("inner dot dot") << u"/sub/../../x"_s << QString();
    QTest::newRow("dot") << u"/./a.js"_s << QString();
    QTest::newRow("backslash") << u"/..\\x"_s << QString();
    QTest::newRow("nul") << u"/a\u0000.js"_s << QString();
    QTest::newRow("relative") << u"a.js"_s << QString();
}

void TestOriginPolicy::resolve()
{
    QFETCH(QString, path);
    QFETCH(QString, resolved);
    const auto r = StaticSite::resolve(u"/srv/www"_s, path);
    QCOMPARE(r.value_or(QString()), resolved);
}

QTEST_GUILESS_MAIN(TestOriginPolicy)
#include "tst_originpolicy.moc"
