// The timer wheel: never early, at most a tick late, in deadline order within a tick, and safe
// when callbacks stop or restart timers (their own or others) or the wheel goes first.
#include "common/timerwheel.h"

#include <QElapsedTimer>
#include <QtTest>

#include <memory>
#include <vector>

using ChatHost::TimerWheel;
using ChatHost::WheelTimer;

class TestTimerWheel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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
