// The token bucket behind the message rate limit, with simulated time.
#include "chat/ratelimiter.h"

#include <QTest>

using ChatHost::Chat::RateLimiter;

class TestRateLimiter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void burstThenRefusal();
    void refillsAtTheRate();
    void steadyRateIsAllowed();
    void zeroMeansNoLimit();
    void clockGoingBackwardsIsHarmless();
};

void TestRateLimiter::burstThenRefusal()
{
    RateLimiter r(5, 5000);
    for (int i = 0; i < 5; ++i)
        QVERIFY(r.tryAcquire(1000));
    QVERIFY(!r.tryAcquire(1000));
    QCOMPARE(r.msUntilNext(1000), qint64(1000));
}

void TestRateLimiter::refillsAtTheRate()
{
    RateLimiter r(5, 5000);
    for (int i = 0; i < 5; ++i)
        QVERIFY(r.tryAcquire(0));
    QVERIFY(!r.tryAcquire(999));
    QVERIFY(r.tryAcquire(1000)); // one token per second
    QVERIFY(!r.tryAcquire(1000));
    QCOMPARE(r.msUntilNext(1500), qint64(500));
    // A long pause refills to the burst size, not beyond.
    for (int i = 0; i < 5; ++i)
        QVERIFY(r.tryAcquire(100000));
    QVERIFY(!r.tryAcquire(100000));
}

void TestRateLimiter::steadyRateIsAllowed()
{
    RateLimiter r(5, 5000);
    for (int i = 0; i < 100; ++i)
        QVERIFY(r.tryAcquire(qint64(i) * 1000));
}

void TestRateLimiter::zeroMeansNoLimit()
{
    RateLimiter r(0, 1000);
    for (int i = 0; i < 1000; ++i)
        QVERIFY(r.tryAcquire(0));
    QCOMPARE(r.msUntilNext(0), qint64(0));
}

void TestRateLimiter::clockGoingBackwardsIsHarmless()
{
    RateLimiter r(2, 2000);
    QVERIFY(r.tryAcquire(10000));
    QVERIFY(r.tryAcquire(10000));
    QVERIFY(!r.tryAcquire(5000)); // no refill from a clock step back
    QVERIFY(r.tryAcquire(6000));
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
