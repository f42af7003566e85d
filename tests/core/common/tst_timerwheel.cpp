// The timer wheel: never early, on time (within a few ms, not a slot) for deadlines of every
// size (0, 1, a slot-1, a slot, a slot+1, many slots, more than a turn of the ring), after a
// cancel or a restart, and safe when callbacks stop or restart timers (their own or others) or
// the wheel goes first. Timing is real: "never early" is exact, "on time" is a median over
// repeats with a generous bound.
#include "common/timerwheel.h"

#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

constexpr qint64 kLateBoundUs = 15000; // median lateness allowed, even on a loaded 2-core VM

// Times a deadline: started (by whatever starts it) at startedUs, fired at firedUs.
struct Probe
{
    qint64 startedUs = -1;
    qint64 firedUs = -1;
};

qint64 median(std::vector<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? -1 : values[values.size() / 2];
}

} // namespace

using ChatHost::TimerWheel;
using ChatHost::WheelTimer;

class TestTimerWheel : public QObject
{
    Q_OBJECT
    QElapsedTimer m_clock;
    qint64 us() const { return m_clock.nsecsElapsed() / 1000; }

    // Lateness of each probe against its deadline (us); fails on any early one.
    static std::vector<qint64> lateness(const std::vector<Probe> &probes, qint64 deadlineMs)
    {
        std::vector<qint64> late;
        for (const Probe &p : probes) {
            const qint64 elapsed = p.firedUs - p.startedUs;
            if (p.firedUs < 0 || elapsed < deadlineMs * 1000) {
                qWarning("deadline %lld ms fired after %lld us", deadlineMs, elapsed);
                return {};
            }
            late.push_back(elapsed - deadlineMs * 1000);
        }
        return late;
    }

private Q_SLOTS:
    void initTestCase() { m_clock.start(); }

    void dueTimes_data()
    {
        QTest::addColumn<int>("slotMs");
        QTest::addColumn<int>("deadlineMs");
        QTest::newRow("0") << 50 << 0;
        QTest::newRow("1") << 50 << 1;
        QTest::newRow("slot-1") << 50 << 49;
        QTest::newRow("slot") << 50 << 50;
        QTest::newRow("slot+1") << 50 << 51;
        QTest::newRow("heartbeat 300") << 50 << 300;
        QTest::newRow("many slots") << 10 << 370;
        QTest::newRow("wraps the ring") << 1 << 700; // 512 slots of 1 ms
        QTest::newRow("two turns") << 1 << 1100;
    }

    void dueTimes()
    {
        QFETCH(int, slotMs);
        QFETCH(int, deadlineMs);
        TimerWheel wheel(slotMs);
        constexpr int repeats = 9;
        std::vector<Probe> probes(repeats);
        std::vector<std::unique_ptr<WheelTimer>> timers;
        for (int i = 0; i < repeats; ++i) {
            Probe &p = probes[size_t(i)];
            timers.push_back(std::make_unique<WheelTimer>([this, &p] { p.firedUs = us(); }));
            p.startedUs = us();
            timers.back()->start(&wheel, deadlineMs);
            QTest::qWait(3); // staggered: each starts at another phase of the slot
        }
        QTRY_COMPARE_WITH_TIMEOUT(wheel.activeTimers(), 0, deadlineMs + 5000);
        const std::vector<qint64> late = lateness(probes, deadlineMs);
        QCOMPARE(late.size(), size_t(repeats)); // none early, none missing
        QVERIFY2(median(late) <= kLateBoundUs, qPrintable(QString::number(median(late))));
    }

    void restartEarlierFiresAtTheNewDeadline()
    {
        // The wheel is armed for 2 s; an earlier deadline must re-arm it.
        TimerWheel wheel;
        std::vector<Probe> probes(7);
        std::vector<std::unique_ptr<WheelTimer>> timers;
        WheelTimer far([] {});
        far.start(&wheel, 2000);
        for (Probe &p : probes) {
            timers.push_back(std::make_unique<WheelTimer>([this, &p] { p.firedUs = us(); }));
            timers.back()->start(&wheel, 1500);
            p.startedUs = us();
            timers.back()->start(&wheel, 40); // a restart replaces the deadline
            QTest::qWait(2);
        }
        QTRY_COMPARE_WITH_TIMEOUT(wheel.activeTimers(), 1, 3000);
        const std::vector<qint64> late = lateness(probes, 40);
        QCOMPARE(late.size(), probes.size());
        QVERIFY2(median(late) <= kLateBoundUs, qPrintable(QString::number(median(late))));
        QVERIFY(far.isActive());
    }

    void stoppingTheEarliestKeepsTheNextOnTime()
    {
        TimerWheel wheel;
        std::vector<Probe> probes(7);
        std::vector<std::unique_ptr<WheelTimer>> timers;
        int cancelledFired = 0;
        for (Probe &p : probes) {
            WheelTimer early([&] { ++cancelledFired; });
            early.start(&wheel, 10); // the wheel is armed for it, then it goes
            timers.push_back(std::make_unique<WheelTimer>([this, &p] { p.firedUs = us(); }));
            p.startedUs = us();
            timers.back()->start(&wheel, 60);
            early.stop();
            QTest::qWait(4);
        }
        QTRY_COMPARE_WITH_TIMEOUT(wheel.activeTimers(), 0, 3000);
        QCOMPARE(cancelledFired, 0);
        const std::vector<qint64> late = lateness(probes, 60);
        QCOMPARE(late.size(), probes.size());
        QVERIFY2(median(late) <= kLateBoundUs, qPrintable(QString::number(median(late))));
    }

    void callbackStartsOthersOnTime()
    {
        // Started from a callback: 0 ms runs on the next pass, not in the same one; 25 ms on time.
        TimerWheel wheel;
        constexpr int repeats = 7;
        std::vector<Probe> zero(repeats), later(repeats);
        std::vector<std::unique_ptr<WheelTimer>> timers;
        for (int i = 0; i < repeats; ++i) {
            auto *z = new WheelTimer([this, p = &zero[size_t(i)]] { p->firedUs = us(); });
            auto *l = new WheelTimer([this, p = &later[size_t(i)]] { p->firedUs = us(); });
            timers.emplace_back(z);
            timers.emplace_back(l);
            timers.push_back(std::make_unique<WheelTimer>(
                    [this, &wheel, z, l, pz = &zero[size_t(i)], pl = &later[size_t(i)]] {
                        pz->startedUs = pl->startedUs = us();
                        z->start(&wheel, 0);
                        l->start(&wheel, 25);
                        QVERIFY(pz->firedUs < 0); // not fired inside this callback
                    }));
            timers.back()->start(&wheel, 5 + 7 * i);
        }
        QTRY_COMPARE_WITH_TIMEOUT(wheel.activeTimers(), 0, 3000);
        const std::vector<qint64> lateZero = lateness(zero, 0);
        const std::vector<qint64> lateLater = lateness(later, 25);
        QCOMPARE(lateZero.size(), size_t(repeats));
        QCOMPARE(lateLater.size(), size_t(repeats));
        QVERIFY2(median(lateZero) <= kLateBoundUs, qPrintable(QString::number(median(lateZero))));
        QVERIFY2(median(lateLater) <= kLateBoundUs, qPrintable(QString::number(median(lateLater))));
    }

    void firesNeverEarlyAndAboutOnTime()
    {
        TimerWheel wheel(20);
        QElapsedTimer clock;
        clock.start();
        qint64 firedAt = -1;
        WheelTimer t([&] { firedAt = clock.elapsed(); });
        t.start(&wheel, 150);
        QVERIFY(t.isActive());
        QTRY_VERIFY_WITH_TIMEOUT(firedAt >= 0, 2000);
        QVERIFY2(firedAt >= 150, qPrintable(QString::number(firedAt)));
        QVERIFY(!t.isActive());
        QCOMPARE(wheel.activeTimers(), 0);
    }

    void stopPreventsFiring()
    {
        TimerWheel wheel(10);
        int fired = 0;
        WheelTimer t([&] { ++fired; });
        t.start(&wheel, 30);
        t.stop();
        QCOMPARE(wheel.activeTimers(), 0);
        QTest::qWait(100);
        QCOMPARE(fired, 0);
    }

    void restartMovesTheDeadline()
    {
        TimerWheel wheel(10);
        int fired = 0;
        WheelTimer t([&] { ++fired; });
        t.start(&wheel, 30);
        t.start(&wheel, 200); // replaces the first deadline
        QCOMPARE(wheel.activeTimers(), 1);
        QTest::qWait(100);
        QCOMPARE(fired, 0);
        QTRY_COMPARE_WITH_TIMEOUT(fired, 1, 2000);
    }

    void deadlinesBeyondOneTurnOfTheWheel()
    {
        // 512 slots of 1 ms: a 700 ms deadline passes its slot once before it is due.
        TimerWheel wheel(1);
        QElapsedTimer clock;
        clock.start();
        qint64 firedAt = -1;
        WheelTimer t([&] { firedAt = clock.elapsed(); });
        t.start(&wheel, 700);
        QTRY_VERIFY_WITH_TIMEOUT(firedAt >= 0, 3000);
        QVERIFY2(firedAt >= 700, qPrintable(QString::number(firedAt)));
    }

    void callbacksMayStopOthersDueInTheSameTick()
    {
        TimerWheel wheel(50);
        int firstFired = 0;
        int secondFired = 0;
        WheelTimer second([&] { ++secondFired; });
        WheelTimer first([&] {
            ++firstFired;
            second.stop();
        });
        first.start(&wheel, 10);
        second.start(&wheel, 11);
        QTRY_COMPARE_WITH_TIMEOUT(firstFired, 1, 2000);
        QTest::qWait(120);
        QCOMPARE(secondFired, 0);
        QCOMPARE(wheel.activeTimers(), 0);
    }

    void callbackMayRestartItself()
    {
        TimerWheel wheel(5);
        int fired = 0;
        WheelTimer t;
        t.setCallback([&] {
            if (++fired < 3)
                t.start(&wheel, 10);
        });
        t.start(&wheel, 10);
        QTRY_COMPARE_WITH_TIMEOUT(fired, 3, 2000);
        QTest::qWait(50);
        QCOMPARE(fired, 3);
    }

    void manyTimersAllFireOnce()
    {
        TimerWheel wheel(5);
        constexpr int n = 5000;
        std::vector<int> fired(n, 0);
        std::vector<std::unique_ptr<WheelTimer>> timers;
        for (int i = 0; i < n; ++i) {
            timers.push_back(std::make_unique<WheelTimer>([&fired, i] { ++fired[size_t(i)]; }));
            timers.back()->start(&wheel, i % 97);
        }
        // Destroying a timer removes it.
        for (int i = 0; i < n; i += 10)
            timers[size_t(i)].reset();
        QTRY_COMPARE_WITH_TIMEOUT(wheel.activeTimers(), 0, 3000);
        for (int i = 0; i < n; ++i)
            QCOMPARE(fired[size_t(i)], i % 10 == 0 ? 0 : 1);
    }

    void timerOutlivingItsWheel()
    {
        WheelTimer t([] {});
        {
            TimerWheel wheel(10);
            t.start(&wheel, 1000);
        }
        QVERIFY(!t.isActive());
        t.stop(); // harmless
    }
};

QTEST_GUILESS_MAIN(TestTimerWheel)
#include "tst_timerwheel.moc"
