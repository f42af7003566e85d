// The budgets one network address's connections share, with simulated time.
#include "chat/addressbudget.h"

#include <QTest>

using ChatHost::Chat::AddressBudget;
using Kind = AddressBudget::Kind;

class TestAddressBudget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sharedByTheAddressNotPerCall();
    void addressesAreIndependent();
    void refillsAtTheRate();
    void kindsAreSeparate();
    void zeroMeansNoLimit();
    void refusalIsReportedOncePerEpisode();
    void fullBudgetsAreForgotten();
    void reconfigureStartsAfresh();
};

void TestAddressBudget::sharedByTheAddressNotPerCall()
{
    // 300 connections of one address asking 5 times each get the address's 50, not 1500.
    AddressBudget b;
    b.configure(Kind::Messages, 50, 5000);
    int granted = 0;
    for (int connection = 0; connection < 300; ++connection) {
        for (int i = 0; i < 5; ++i)
            granted += b.tryAcquire(Kind::Messages, QStringLiteral("192.168.1.23"), 1000) ? 1 : 0;
    }
    QCOMPARE(granted, 50);
    QVERIFY(!b.available(Kind::Messages, QStringLiteral("192.168.1.23"), 1000));
    QCOMPARE(b.msUntilNext(Kind::Messages, QStringLiteral("192.168.1.23"), 1000), qint64(100));
}

void TestAddressBudget::addressesAreIndependent()
{
    AddressBudget b;
    b.configure(Kind::Messages, 3, 3000);
    for (int i = 0; i < 3; ++i)
        QVERIFY(b.tryAcquire(Kind::Messages, QStringLiteral("10.0.0.1"), 0));
    QVERIFY(!b.tryAcquire(Kind::Messages, QStringLiteral("10.0.0.1"), 0));
    QVERIFY(b.tryAcquire(Kind::Messages, QStringLiteral("10.0.0.2"), 0));
    QCOMPARE(b.trackedAddresses(), 2);
}

void TestAddressBudget::refillsAtTheRate()
{
    AddressBudget b;
    b.configure(Kind::Messages, 10, 5000); // one every 500 ms
    const QString a = QStringLiteral("10.0.0.1");
    for (int i = 0; i < 10; ++i)
        QVERIFY(b.tryAcquire(Kind::Messages, a, 0));
    QVERIFY(!b.tryAcquire(Kind::Messages, a, 499));
    QVERIFY(b.tryAcquire(Kind::Messages, a, 500));
    QVERIFY(!b.tryAcquire(Kind::Messages, a, 500));
    QCOMPARE(b.msUntilNext(Kind::Messages, a, 700), qint64(300));
}

void TestAddressBudget::kindsAreSeparate()
{
    AddressBudget b;
    b.configure(Kind::Messages, 1, 1000);
    b.configure(Kind::Uploads, 2, 1000);
    const QString a = QStringLiteral("fe80::1");
    QVERIFY(b.tryAcquire(Kind::Messages, a, 0));
    QVERIFY(!b.tryAcquire(Kind::Messages, a, 0));
    QVERIFY(b.tryAcquire(Kind::Uploads, a, 0));
    QVERIFY(b.tryAcquire(Kind::Uploads, a, 0));
    QVERIFY(!b.tryAcquire(Kind::Uploads, a, 0));
    // Private messages are not configured: no limit.
    for (int i = 0; i < 100; ++i)
        QVERIFY(b.tryAcquire(Kind::PrivateMessages, a, 0));
}

void TestAddressBudget::zeroMeansNoLimit()
{
    AddressBudget b;
    b.configure(Kind::Messages, 0, 1000);
    for (int i = 0; i < 10000; ++i)
        QVERIFY(b.tryAcquire(Kind::Messages, QStringLiteral("10.0.0.1"), 0));
    QCOMPARE(b.msUntilNext(Kind::Messages, QStringLiteral("10.0.0.1"), 0), qint64(0));
    QCOMPARE(b.trackedAddresses(), 0); // nothing to remember
}

void TestAddressBudget::refusalIsReportedOncePerEpisode()
{
    AddressBudget b;
    b.configure(Kind::Messages, 1, 1000);
    const QString a = QStringLiteral("10.0.0.1");
    QVERIFY(b.tryAcquire(Kind::Messages, a, 0));
    QVERIFY(b.noteRefusal(Kind::Messages, a, 10)); // the first refusal is told
    for (int i = 0; i < 100; ++i)
        QVERIFY(!b.noteRefusal(Kind::Messages, a, 20)); // the rest of the flood is not
    QVERIFY(b.tryAcquire(Kind::Messages, a, 1000)); // a token trickles in
    QVERIFY(!b.noteRefusal(Kind::Messages, a, 1001)); // still the same flood
    QVERIFY(!b.noteRefusal(Kind::Messages, a, 6000));
    // Quiet for kEpisodeQuietMs: a new flood is told again.
    QVERIFY(b.noteRefusal(Kind::Messages, a, 6000 + AddressBudget::kEpisodeQuietMs));
}

void TestAddressBudget::fullBudgetsAreForgotten()
{
    AddressBudget b;
    b.configure(Kind::Messages, 2, 10000);
    for (int i = 0; i < 1000; ++i)
        b.tryAcquire(Kind::Messages, QStringLiteral("10.0.%1.%2").arg(i / 256).arg(i % 256), 0);
    QCOMPARE(b.trackedAddresses(), 1000);
    b.prune(50000); // long after: all refilled, all forgotten
    QCOMPARE(b.trackedAddresses(), 0);
    // One still spending is kept.
    const QString a = QStringLiteral("10.0.0.1");
    QVERIFY(b.tryAcquire(Kind::Messages, a, 59000));
    QVERIFY(b.tryAcquire(Kind::Messages, a, 59000));
    b.prune(60000);
    QCOMPARE(b.trackedAddresses(), 1);
    QVERIFY(!b.tryAcquire(Kind::Messages, a, 60000));
}

void TestAddressBudget::reconfigureStartsAfresh()
{
    AddressBudget b;
    b.configure(Kind::Messages, 1, 1000);
    const QString a = QStringLiteral("10.0.0.1");
    QVERIFY(b.tryAcquire(Kind::Messages, a, 0));
    QVERIFY(!b.tryAcquire(Kind::Messages, a, 0));
    b.configure(Kind::Messages, 3, 1000);
    QCOMPARE(b.capacity(Kind::Messages), 3);
    for (int i = 0; i < 3; ++i)
        QVERIFY(b.tryAcquire(Kind::Messages, a, 0));
    QVERIFY(!b.tryAcquire(Kind::Messages, a, 0));
}

QTEST_GUILESS_MAIN(TestAddressBudget)
#include "tst_addressbudget.moc"
