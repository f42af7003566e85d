// See activity.h.
#include "chat/activity.h"

#include "common/memory.h"

#include <algorithm>

namespace ChatHost::Chat {

Activity::Activity(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
{
    m_trimTimer.setSingleShot(true);
    m_trimTimer.setInterval(2000);
    connect(&m_trimTimer, &QTimer::timeout, this, [this] {
        releaseFreeMemory();
        // A crowd that was still leaving when the timer fired: once more when it is gone.
        if (std::exchange(m_trimAgain, false))
            m_trimTimer.start();
    });
}

void Activity::messagePosted(qint64 timestampMs)
{
    m_recentMessageTimes.push_back(timestampMs);
    while (!m_recentMessageTimes.empty() && m_recentMessageTimes.front() < timestampMs - 60000)
        m_recentMessageTimes.pop_front();
}

int Activity::messagesPerMinute() const
{
    const qint64 since = m_clock() - 60000;
    return int(std::count_if(m_recentMessageTimes.begin(), m_recentMessageTimes.end(),
                             [since](qint64 t) { return t >= since; }));
}

void Activity::crowdMoved()
{
    if (m_trimTimer.isActive()) {
        m_trimAgain = true;
        return;
    }
    m_trimTimer.start();
}

} // namespace ChatHost::Chat
