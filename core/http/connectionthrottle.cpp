// See connectionthrottle.h.
#include "http/connectionthrottle.h"

#include <algorithm>
#include <cmath>

namespace ChatHost::Http {

ConnectionThrottle::ConnectionThrottle(int maxPerAddress, int arrivals, qint64 arrivalPeriodMs)
    : m_maxPerAddress(std::max(0, maxPerAddress))
    , m_arrivals(std::max(0, arrivals))
    , m_periodMs(std::max<qint64>(1, arrivalPeriodMs))
{ }

void ConnectionThrottle::refill(Bucket &bucket, qint64 nowMs) const
{
    if (nowMs > bucket.lastMs) {
        const double perMs = double(m_arrivals) / double(m_periodMs);
        bucket.tokens = std::min(double(m_arrivals),
                                 bucket.tokens + double(nowMs - bucket.lastMs) * perMs);
    }
    bucket.lastMs = nowMs;
}

std::optional<ConnectionThrottle::Refusal> ConnectionThrottle::admit(const QString &address,
                                                                     int open, qint64 nowMs)
{
    prune(nowMs);
    if (m_maxPerAddress > 0 && open >= m_maxPerAddress) {
        Refusal r;
        r.status = HttpLiterals::Status::ServiceUnavailable;
        r.code = QByteArrayLiteral("too-many-connections-from-address");
        r.retryAfterMs = 10000;
        r.firstOfEpisode = noteRefusal(address, nowMs);
        return r;
    }
    if (m_arrivals <= 0)
        return std::nullopt;
    auto it = m_buckets.find(address);
    if (it == m_buckets.end())
        it = m_buckets.insert(address, Bucket{double(m_arrivals), nowMs});
    refill(*it, nowMs);
    if (it->tokens >= 1.0) {
        it->tokens -= 1.0;
        return std::nullopt;
    }
    const double perMs = double(m_arrivals) / double(m_periodMs);
    Refusal r;
    r.status = HttpLiterals::Status::TooManyRequests;
    r.code = QByteArrayLiteral("connecting-too-fast");
    r.retryAfterMs = std::max<qint64>(1, qint64(std::ceil((1.0 - it->tokens) / perMs)));
    r.firstOfEpisode = noteRefusal(address, nowMs);
    return r;
}

bool ConnectionThrottle::noteRefusal(const QString &address, qint64 nowMs)
{
    auto it = m_episodes.find(address);
    if (it != m_episodes.end() && nowMs - it->lastMs < kEpisodeQuietMs) {
        ++it->refused;
        it->lastMs = nowMs;
        return false;
    }
    // An ended episode not taken yet is simply replaced: its start was logged.
    m_episodes.insert(address, Episode{address, 1, nowMs, nowMs});
    return true;
}

QList<ConnectionThrottle::Episode> ConnectionThrottle::takeEndedEpisodes(qint64 nowMs)
{
    QList<Episode> ended;
    for (auto it = m_episodes.begin(); it != m_episodes.end();) {
        if (nowMs - it->lastMs >= kEpisodeQuietMs) {
            ended.append(*it);
            it = m_episodes.erase(it);
        } else {
            ++it;
        }
    }
    return ended;
}

void ConnectionThrottle::prune(qint64 nowMs)
{
    // Buckets that are full again say nothing a new one would not: forget them, at most once per
    // period, so the table does not grow with every address ever seen.
    if (m_lastPruneMs >= 0 && nowMs >= m_lastPruneMs && nowMs - m_lastPruneMs < m_periodMs)
        return;
    m_lastPruneMs = nowMs;
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        refill(*it, nowMs);
        it = it->tokens >= double(m_arrivals) ? m_buckets.erase(it) : std::next(it);
    }
}

} // namespace ChatHost::Http
