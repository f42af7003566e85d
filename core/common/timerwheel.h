// One timer for thousands of deadlines: heartbeats, upgrade, connect, close and ack timeouts.
// Each WheelTimer is a small node in a hashed timing wheel (O(1) start and stop) driven by a
// single precise QTimer, instead of a QTimer (a QObject and an event-dispatcher registration)
// per connection and purpose. The QTimer is armed for the earliest deadline, not for a fixed
// tick, so deadlines fire on time (the protocol's test suites measure them to a few ms).
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <vector>

namespace ChatHost {

class TimerWheel;

namespace Detail {
struct WheelLink
{
    WheelLink *prev = nullptr;
    WheelLink *next = nullptr;
};
} // namespace Detail

// A single-shot deadline. Not copyable; stops itself when destroyed. Callbacks run from the
// wheel's QTimer in the wheel's thread, never early and normally within 2-3 ms of the deadline
// (later only when the event loop is busy).
class WheelTimer final : private Detail::WheelLink
{
public:
    using Callback = std::function<void()>;
    WheelTimer() = default;
    explicit WheelTimer(Callback callback)
        : m_callback(std::move(callback))
    { }
    ~WheelTimer() { stop(); }
    WheelTimer(const WheelTimer &) = delete;
    WheelTimer &operator=(const WheelTimer &) = delete;

    void setCallback(Callback callback) { m_callback = std::move(callback); }
    // Fires once, `milliseconds` from now (0: on the next pass of the event loop).
    void start(TimerWheel *wheel, qint64 milliseconds);
    void stop();
    bool isActive() const { return prev != nullptr; }

private:
    // The node's links, deadline and wheel belong to the wheel that keeps it in its lists;
    // nothing else may see them, so the wheel stays a friend rather than growing setters.
    friend class TimerWheel;
    TimerWheel *m_wheel = nullptr;
    qint64 m_due = 0; // on the wheel's clock, ns
    Callback m_callback;
};

class TimerWheel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimerWheel)
public:
    // slotMs: the width of one slot of the ring (512 slots); it bounds the work of finding the
    // next deadline, not the precision.
    explicit TimerWheel(int slotMs = 50, QObject *parent = nullptr);
    ~TimerWheel() override;

    qint64 now() const { return m_clock.elapsed(); }
    int activeTimers() const { return m_active; }

    // Same as timer->start(this, milliseconds) / timer->stop().
    void start(WheelTimer *timer, qint64 milliseconds);
    static void stop(WheelTimer *timer);

private:
    static constexpr int kSlots = 512;
    // At most one pass per kMinGapNs: when deadlines are dense (10,000 sessions, a ping each),
    // those a few ms apart are fired in one pass, like a tick did, instead of one wake-up each.
    // A lone deadline still fires on time.
    static constexpr qint64 kMinGapNs = 2 * 1000 * 1000;
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    qint64 slotOf(qint64 dueNs) const { return dueNs / m_slotNs; }
    qint64 fireAt(qint64 dueNs) const { return qMax(dueNs, m_lastPassNs + kMinGapNs); }
    void removed();
    void arm(qint64 dueNs);
    void rearm();
    void expire();

    qint64 m_slotNs;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::vector<Detail::WheelLink> m_slots; // circular lists with the slot as sentinel
    qint64 m_cursor = 0; // the first slot not yet emptied of what is due
    qint64 m_armedFor = -1; // when m_timer is armed to fire (ns), -1: not armed
    qint64 m_lastPassNs = -kMinGapNs; // when expire() last ran
    int m_active = 0;
    bool m_expiring = false;
};

} // namespace ChatHost
