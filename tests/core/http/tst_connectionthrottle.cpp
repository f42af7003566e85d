// Admission of new connections per address (cap and arrival pace), with simulated time.
#include "http/connectionthrottle.h"

#include <QTest>

using ChatHost::Http::ConnectionThrottle;

class TestConnectionThrottle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void capRefusesWith503();
    void fastArrivalsRefusedWith429AndRetryAfter();
    void otherAddressesAreNotSlowed();
    void oneLogLinePerEpisode();
    void zeroMeansNoLimit();
    void idleAddressesAreForgotten();
};

void TestConnectionThrottle::capRefusesWith503()
{
    ConnectionThrottle t(64, 0, 1000);
    QVERIFY(!t.admit(QStringLiteral("10.0.0.1"), 63, 0));
    const auto r = t.admit(QStringLiteral("10.0.0.1"), 64, 0);
    QVERIFY(r);
    QCOMPARE(r->status, 503);
    QCOMPARE(r->code, QByteArray("too-many-connections-from-address"));
    QVERIFY(r->retryAfterMs > 0);
}

void TestConnectionThrottle::fastArrivalsRefusedWith429AndRetryAfter()
{
    ConnectionThrottle t(0, 64, 4000); // 64 at once, then one every 62.5 ms
    const QString a = QStringLiteral("10.0.0.1");
    for (int i = 0; i < 64; ++i)
        QVERIFY(!t.admit(a, 0, 1000));
    const auto r = t.admit(a, 0, 1000);
    QVERIFY(r);
    QCOMPARE(r->status, 429);
    QCOMPARE(r->code, QByteArray("connecting-too-fast"));
    QCOMPARE(r->retryAfterMs, qint64(63));
    QVERIFY(!t.admit(a, 0, 1063)); // one token back
    QVERIFY(t.admit(a, 0, 1063));
    // A person opening a tab a second never notices.
    for (int s = 10; s < 100; ++s)
        QVERIFY(!t.admit(a, 0, s * 1000));
}

void TestConnectionThrottle::otherAddressesAreNotSlowed()
{
    ConnectionThrottle t(0, 4, 4000);
    for (int i = 0; i < 4; ++i)
        QVERIFY(!t.admit(QStringLiteral("10.0.0.1"), 0, 0));
    QVERIFY(t.admit(QStringLiteral("10.0.0.1"), 0, 0));
    QVERIFY(!t.admit(QStringLiteral("10.0.0.2"), 0, 0));
}

void TestConnectionThrottle::oneLogLinePerEpisode()
{
    ConnectionThrottle t(0, 1, 1000);
    const QString a = QStringLiteral("10.0.0.1");
    QVERIFY(!t.admit(a, 0, 0));
    int first = 0;
    for (int i = 0; i < 500; ++i) {
        const auto r = t.admit(a, 0, i); // 500 attempts within half a second
        if (r && r->firstOfEpisode)
            ++first;
    }
    QCOMPARE(first, 1);
    QVERIFY(t.hasOpenEpisodes());
    QVERIFY(t.takeEndedEpisodes(1000).isEmpty()); // still going
    const auto ended = t.takeEndedEpisodes(499 + ConnectionThrottle::kEpisodeQuietMs);
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.first().address, a);
    QVERIFY(ended.first().refused >= 499);
    QVERIFY(!t.hasOpenEpisodes());
    // A later flood is a new episode, told again.
    QVERIFY(t.noteRefusal(a, 100000));
    QVERIFY(!t.noteRefusal(a, 100001));
}

void TestConnectionThrottle::zeroMeansNoLimit()
{
    ConnectionThrottle t(0, 0, 1000);
    for (int i = 0; i < 10000; ++i)
        QVERIFY(!t.admit(QStringLiteral("10.0.0.1"), i, 0));
    QCOMPARE(t.trackedAddresses(), 0);
}

void TestConnectionThrottle::idleAddressesAreForgotten()
{
    ConnectionThrottle t(0, 8, 1000);
    for (int i = 0; i < 1000; ++i)
        QVERIFY(!t.admit(QStringLiteral("10.0.%1.%2").arg(i / 256).arg(i % 256), 0, 0));
    QCOMPARE(t.trackedAddresses(), 1000);
    QVERIFY(!t.admit(QStringLiteral("10.9.9.9"), 0, 5000)); // refilled long ago: all forgotten
    QCOMPARE(t.trackedAddresses(), 1);
}

QTEST_GUILESS_MAIN(TestConnectionThrottle)
#include "tst_connectionthrottle.moc"
