// Who left recently, by resume token: a page that comes back with its token (a reload, a lost
// connection) gets its public user id and its spent budgets back, so reconnecting neither changes
// who it is nor resets its limits. Bounded in count and age.
#pragma once

#include "chat/ratelimiter.h"

#include <QHash>
#include <QString>

#include <deque>
#include <optional>

namespace ChatHost::Chat {

class IdentityRegistry
{
public:
    // What a person keeps across connections.
    struct Carried
    {
        QString userId;
        QString nickname;
        RateLimiter historyRequests;
    };

    explicit IdentityRegistry(qsizetype capacity = 10000, qint64 maxAgeMs = 24 * 3600 * 1000)
        : m_capacity(capacity)
        , m_maxAgeMs(maxAgeMs)
    { }

    // Remembers a person who left (replacing what the token had); the oldest entries go first.
    void remember(const QString &token, Carried carried, qint64 nowMs);
    // Takes back what the token left behind (nothing if unknown or too old).
    std::optional<Carried> take(const QString &token, qint64 nowMs);
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry
    {
        Carried carried;
        qint64 leftMs = 0;
        quint64 seq = 0;
    };
    void expire(qint64 nowMs);

    qsizetype m_capacity;
    qint64 m_maxAgeMs;
    QHash<QString, Entry> m_entries;
    std::deque<std::pair<quint64, QString>> m_order; // oldest first; stale pairs are skipped
    quint64 m_nextSeq = 0;
};

// When each person and each address last wrote, for slow mode: a reconnect (same user id) or a
// new connection from the same address does not restart the clock. Entries older than the slow
// mode period are forgotten.
class SlowModeClock
{
public:
    void record(const QString &userId, const QString &address, qint64 nowMs, qint64 periodMs);
    // The latest message time of the user id or the address, 0 if none within periodMs.
    qint64 lastMessageMs(const QString &userId, const QString &address, qint64 nowMs,
                         qint64 periodMs) const;
    qsizetype size() const { return m_last.size(); }

private:
    QHash<QString, qint64> m_last; // "u:" + user id, "a:" + address
    qsizetype m_sweepAt = 1024;
};

} // namespace ChatHost::Chat
