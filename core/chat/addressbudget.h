// Budgets shared by every connection of one network address, on top of each person's own: a
// machine that opens hundreds of connections gets one address's budget, not hundreds of
// people's. One token bucket per address and kind; time is passed in, so it tests without waiting.
#pragma once

#include "chat/ratelimiter.h"

#include <QHash>
#include <QString>

#include <array>

namespace ChatHost::Chat {

class AddressBudget
{
public:
    // What is counted. Messages is in use; uploads and private messages get their budget here
    // when they exist (configure() them, then tryAcquire() where they are handled).
    enum class Kind { Messages, Uploads, PrivateMessages };
    static constexpr int kKinds = 3;

    // capacity per periodMs for every address; capacity 0: no limit for that kind.
    void configure(Kind kind, int capacity, qint64 periodMs);
    int capacity(Kind kind) const { return m_config[index(kind)].capacity; }
    qint64 periodMs(Kind kind) const { return m_config[index(kind)].periodMs; }

    // Whether the address has a token left now, without taking it.
    bool available(Kind kind, const QString &address, qint64 nowMs);
    // Takes one token from the address's budget if there is one.
    bool tryAcquire(Kind kind, const QString &address, qint64 nowMs);
    // Milliseconds until the address has a token again, 0 if it has one now.
    qint64 msUntilNext(Kind kind, const QString &address, qint64 nowMs);
    // Counts a refusal for the address; true for the first of an episode (refusals less than
    // kEpisodeQuietMs apart), so the host hears about a flood once, not once per refused message.
    bool noteRefusal(Kind kind, const QString &address, qint64 nowMs);
    static constexpr qint64 kEpisodeQuietMs = 5000;

    // Addresses whose budgets are full again are forgotten (so the table does not grow with
    // every address ever seen); runs by itself every periodMs or so.
    void prune(qint64 nowMs);
    int trackedAddresses() const { return int(m_entries.size()); }

private:
    struct Config
    {
        int capacity = 0;
        qint64 periodMs = 1000;
    };
    struct Entry
    {
        std::array<RateLimiter, kKinds> limiters;
        std::array<qint64, kKinds> lastRefusalMs{-1, -1, -1};
    };
    static int index(Kind kind) { return int(kind); }
    Entry &entry(const QString &address, qint64 nowMs);

    std::array<Config, kKinds> m_config{};
    QHash<QString, Entry> m_entries;
    qint64 m_lastPruneMs = -1;
};

} // namespace ChatHost::Chat
