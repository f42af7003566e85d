// How busy the room is, for the host's statistics (messages per minute over the last minute), and
// giving freed memory back to the system after a crowd came or went.
#pragma once

#include "chat/clock.h"

#include <QObject>
#include <QTimer>

#include <deque>

namespace ChatHost::Chat {

class Activity final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Activity)
public:
    explicit Activity(Clock clock = systemClock(), QObject *parent = nullptr);

    void messagePosted(qint64 timestampMs);
    int messagesPerMinute() const;
    // Many people came or went: release freed memory in a moment (and once more if they are
    // still coming or going then).
    void crowdMoved();

    static constexpr qsizetype kCrowd = 20; // changes in one presence batch

private:
    Clock m_clock;
    std::deque<qint64> m_recentMessageTimes;
    QTimer m_trimTimer;
    bool m_trimAgain = false;
};

} // namespace ChatHost::Chat
