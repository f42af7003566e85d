// See timerwheel.h.
#include "common/timerwheel.h"

namespace ChatHost {

namespace {

void unlink(Detail::WheelLink *node)
{
    node->prev->next = node->next;
    node->next->prev = node->prev;
    node->prev = node->next = nullptr;
}

void linkBefore(Detail::WheelLink *sentinel, Detail::WheelLink *node)
{
    node->prev = sentinel->prev;
    node->next = sentinel;
    sentinel->prev->next = node;
    sentinel->prev = node;
}

void makeEmpty(Detail::WheelLink *sentinel)
{
    sentinel->prev = sentinel->next = sentinel;
}

} // namespace

void WheelTimer::start(TimerWheel *wheel, qint64 milliseconds)
{
    stop();
    m_wheel = wheel;
    m_due = wheel->now() + qMax<qint64>(0, milliseconds);
    wheel->insert(this);
}

void WheelTimer::stop()
{
    if (!prev)
        return;
    unlink(this);
    if (m_wheel)
        m_wheel->unlinked();
}

TimerWheel::TimerWheel(int tickMs, QObject *parent)
    : QObject(parent)
    , m_tickMs(qMax(1, tickMs))
    , m_slots(kSlots)
{
    m_clock.start();
    for (auto &slot : m_slots)
        makeEmpty(&slot);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(m_tickMs);
    connect(&m_timer, &QTimer::timeout, this, &TimerWheel::tick);
}

TimerWheel::~TimerWheel()
{
    // Timers that outlive the wheel become inactive instead of pointing at freed memory.
    for (auto &slot : m_slots) {
        while (slot.next != &slot) {
            auto *t = static_cast<WheelTimer *>(slot.next);
            unlink(t);
            t->m_wheel = nullptr;
        }
    }
}

void TimerWheel::insert(WheelTimer *timer)
{
    if (m_active++ == 0) {
        m_lastTick = now() / m_tickMs;
        m_timer.start();
    }
    // Round up so that it never fires early, and never into a slot already processed.
    const qint64 index = qMax((timer->m_due + m_tickMs - 1) / m_tickMs, m_lastTick + 1);
    linkBefore(&m_slots[size_t(index % kSlots)], timer);
}

void TimerWheel::unlinked()
{
    if (--m_active == 0)
        m_timer.stop();
}

void TimerWheel::tick()
{
    const qint64 t = now();
    const qint64 target = t / m_tickMs;
    // After a long stall every slot is visited once; what is due is due whatever the slot.
    const qint64 first = qMax(m_lastTick + 1, target - kSlots + 1);
    Detail::WheelLink expired;
    makeEmpty(&expired);
    for (qint64 index = first; index <= target; ++index) {
        Detail::WheelLink &slot = m_slots[size_t(index % kSlots)];
        for (Detail::WheelLink *node = slot.next; node != &slot;) {
            Detail::WheelLink *next = node->next;
            if (static_cast<WheelTimer *>(node)->m_due <= t) {
                unlink(node);
                linkBefore(&expired, node);
            }
            node = next;
        }
    }
    m_lastTick = target;
    // Fire one at a time: a callback may stop or restart any timer, those still in the
    // expired list included (stop() unlinks from whichever list holds it).
    while (expired.next != &expired) {
        auto *timer = static_cast<WheelTimer *>(expired.next);
        unlink(timer);
        unlinked();
        if (timer->m_callback)
            timer->m_callback();
    }
}

} // namespace ChatHost
