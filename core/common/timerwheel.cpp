// See timerwheel.h.
#include "common/timerwheel.h"

#include <limits>

namespace ChatHost {

namespace {

constexpr qint64 kNsPerMs = 1000 * 1000;

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
    wheel->start(this, milliseconds);
}

void WheelTimer::stop()
{
    TimerWheel::stop(this);
}

TimerWheel::TimerWheel(int slotMs, QObject *parent)
    : QObject(parent)
    , m_slotNs(qMax(1, slotMs) * kNsPerMs)
    , m_slots(kSlots)
{
    m_clock.start();
    for (auto &slot : m_slots)
        makeEmpty(&slot);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &TimerWheel::expire);
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

void TimerWheel::start(WheelTimer *timer, qint64 milliseconds)
{
    stop(timer);
    const qint64 t = nowNs();
    const qint64 due = t + qMax<qint64>(0, milliseconds) * kNsPerMs;
    timer->m_wheel = this;
    timer->m_due = due;
    if (m_active++ == 0)
        m_cursor = slotOf(t);
    // A deadline more than a turn away shares a slot with nearer ones; expire() and rearm()
    // compare deadlines, not slots, so it is neither fired nor counted before its turn.
    linkBefore(&m_slots[size_t(qMax(slotOf(due), m_cursor) % kSlots)], timer);
    // Re-arm only for an earlier deadline: a heartbeat restarted on every pong is later than
    // the armed one and costs no timer registration. expire() re-arms once when it is done.
    if (!m_expiring && (m_armedFor < 0 || fireAt(due) < m_armedFor))
        arm(due);
}

void TimerWheel::stop(WheelTimer *timer)
{
    // Lazy: the QTimer stays armed for a stopped deadline and finds nothing due (or the next).
    if (!timer->prev)
        return;
    unlink(timer);
    if (timer->m_wheel)
        timer->m_wheel->removed();
}

void TimerWheel::removed()
{
    if (--m_active == 0 && !m_expiring) {
        m_timer.stop();
        m_armedFor = -1;
    }
}

void TimerWheel::arm(qint64 dueNs)
{
    // Rounded up: Qt's precise timer fires no earlier than the interval after it was started,
    // and it is started after t was read, so the callback never runs before its deadline.
    const qint64 at = fireAt(dueNs);
    const qint64 waitNs = qMax<qint64>(0, at - nowNs());
    const qint64 waitMs = (waitNs + kNsPerMs - 1) / kNsPerMs;
    m_timer.start(int(qMin<qint64>(waitMs, std::numeric_limits<int>::max())));
    m_armedFor = at;
}

void TimerWheel::rearm()
{
    if (m_active == 0) {
        m_timer.stop();
        m_armedFor = -1;
        return;
    }
    // The first slot from the cursor that holds a deadline of its own turn holds the earliest
    // deadline of all. Empty slots cost a pointer comparison each; at most one turn is scanned.
    for (qint64 index = m_cursor; index < m_cursor + kSlots; ++index) {
        const Detail::WheelLink &slot = m_slots[size_t(index % kSlots)];
        const qint64 end = (index + 1) * m_slotNs;
        qint64 earliest = std::numeric_limits<qint64>::max();
        for (const Detail::WheelLink *node = slot.next; node != &slot; node = node->next)
            earliest = qMin(earliest, static_cast<const WheelTimer *>(node)->m_due);
        if (earliest < end) {
            arm(earliest);
            return;
        }
    }
    // Everything is more than a turn away: wake up a turn later and look again.
    arm((m_cursor + kSlots) * m_slotNs);
}

void TimerWheel::expire()
{
    const qint64 t = nowNs();
    const qint64 target = slotOf(t);
    m_armedFor = -1;
    m_lastPassNs = t;
    // After a long stall every slot is visited once; what is due is due whatever the slot.
    const qint64 first = qMax(m_cursor, target - kSlots + 1);
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
    // The target slot may still hold deadlines later in it: it stays the cursor.
    m_cursor = target;
    // Fire one at a time: a callback may stop or restart any timer, those still in the
    // expired list included (stop() unlinks from whichever list holds it). Timers started
    // meanwhile (even for 0 ms) wait for the next pass, so a callback cannot starve the loop.
    m_expiring = true;
    while (expired.next != &expired) {
        auto *timer = static_cast<WheelTimer *>(expired.next);
        unlink(timer);
        --m_active;
        if (timer->m_callback)
            timer->m_callback();
    }
    m_expiring = false;
    rearm();
}

} // namespace ChatHost
