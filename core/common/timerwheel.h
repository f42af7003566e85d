// One coarse timer for thousands of deadlines: heartbeats, upgrade and close timeouts. Each
// WheelTimer is a small node in a hashed timing wheel driven by a single QTimer, instead of a
// QTimer (a QObject and an event-dispatcher registration) per connection and purpose.
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
// wheel's QTimer in the wheel's thread, at most one tick (tickMs) late and never early.
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
    void start(TimerWheel *wheel, qint64 milliseconds);
    void stop();
    bool isActive() const { return prev != nullptr; }

private:
    friend class TimerWheel;
    TimerWheel *m_wheel = nullptr;
    qint64 m_due = 0; // on the wheel's clock, ms
    Callback m_callback;
};

class TimerWheel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimerWheel)
public:
    explicit TimerWheel(int tickMs = 50, QObject *parent = nullptr);
    ~TimerWheel() override;

    qint64 now() const { return m_clock.elapsed(); }
    int activeTimers() const { return m_active; }

private:
    friend class WheelTimer;
    static constexpr int kSlots = 512;
    void insert(WheelTimer *timer);
    void unlinked();
    void tick();

    int m_tickMs;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::vector<Detail::WheelLink> m_slots; // circular lists with the slot as sentinel
    qint64 m_lastTick = 0; // index of the last slot processed
    int m_active = 0;
};

} // namespace ChatHost
