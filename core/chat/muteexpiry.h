// When the timed mutes of connected people end: one ordered set of (end, socket id), so the
// moderator arms one timer for the earliest end instead of one timer per mute. Pure; time is
// passed in.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <set>
#include <utility>

namespace ChatHost::Chat {

class MuteExpiry
{
public:
    // The person's mute ends at untilMs (replaces what was scheduled for them).
    void schedule(const QString &socketId, qint64 untilMs);
    void cancel(const QString &socketId);
    // Those whose mute has ended by nowMs, earliest first (taken off the schedule).
    QStringList takeDue(qint64 nowMs);
    // The earliest end scheduled, -1 if none.
    qint64 nextDueMs() const { return m_queue.empty() ? -1 : m_queue.begin()->first; }
    qsizetype size() const { return m_until.size(); }

private:
    std::set<std::pair<qint64, QString>> m_queue;
    QHash<QString, qint64> m_until;
};

} // namespace ChatHost::Chat
