// See addressbudget.h.
#include "chat/addressbudget.h"

#include <algorithm>
#include <utility>

namespace ChatHost::Chat {

void AddressBudget::configure(Kind kind, int capacity, qint64 periodMs)
{
    Config &c = m_config[index(kind)];
    if (c.capacity == capacity && c.periodMs == periodMs)
        return;
    c.capacity = std::max(0, capacity);
    c.periodMs = std::max<qint64>(1, periodMs);
    // Start every address afresh with the new budget.
    for (Entry &e : m_entries)
        e.limiters[index(kind)] = RateLimiter(c.capacity, c.periodMs);
}

AddressBudget::Entry &AddressBudget::entry(const QString &address, qint64 nowMs)
{
    prune(nowMs);
    auto it = m_entries.find(address);
    if (it == m_entries.end()) {
        Entry e;
        for (int k = 0; k < kKinds; ++k)
            e.limiters[k] = RateLimiter(m_config[k].capacity, m_config[k].periodMs);
        it = m_entries.insert(address, e);
    }
    return *it;
}

bool AddressBudget::available(Kind kind, const QString &address, qint64 nowMs)
{
    return msUntilNext(kind, address, nowMs) == 0;
}

bool AddressBudget::tryAcquire(Kind kind, const QString &address, qint64 nowMs)
{
    if (capacity(kind) <= 0)
        return true;
    return entry(address, nowMs).limiters[index(kind)].tryAcquire(nowMs);
}

qint64 AddressBudget::msUntilNext(Kind kind, const QString &address, qint64 nowMs)
{
    if (capacity(kind) <= 0)
        return 0;
    return entry(address, nowMs).limiters[index(kind)].msUntilNext(nowMs);
}

bool AddressBudget::noteRefusal(Kind kind, const QString &address, qint64 nowMs)
{
    qint64 &last = entry(address, nowMs).lastRefusalMs[index(kind)];
    const bool first = last < 0 || nowMs - last >= kEpisodeQuietMs || nowMs < last;
    last = nowMs;
    return first;
}

void AddressBudget::prune(qint64 nowMs)
{
    qint64 longest = 1;
    for (const Config &c : m_config)
        longest = std::max(longest, c.periodMs);
    if (m_lastPruneMs >= 0 && nowMs - m_lastPruneMs < longest && nowMs >= m_lastPruneMs)
        return;
    m_lastPruneMs = nowMs;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        // Full and quiet for a while: nothing worth remembering.
        bool full = true;
        for (qint64 last : it->lastRefusalMs)
            full = full && (last < 0 || nowMs - last >= kEpisodeQuietMs);
        for (int k = 0; k < kKinds && full; ++k)
            full = m_config[k].capacity <= 0 || it->limiters[k].isFull(nowMs);
        it = full ? m_entries.erase(it) : std::next(it);
    }
}

} // namespace ChatHost::Chat
