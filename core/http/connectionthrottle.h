// Per-address admission of new TCP connections: a cap on how many one address holds open, and a
// token bucket on how fast it opens new ones (a person opens tabs, not hundreds of sockets a
// second). Refusals are grouped into episodes per address, so the host's log says once that an
// address is being refused and once, afterwards, how many were. Time is passed in (tests use a
// fake clock).
#pragma once

#include "common/httpliterals.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace ChatHost::Http {

class ConnectionThrottle
{
public:
    struct Refusal
    {
        // ServiceUnavailable: over the cap; TooManyRequests: arriving too fast
        int status = HttpLiterals::Status::ServiceUnavailable;
        QByteArray code; // too-many-connections-from-address, connecting-too-fast
        qint64 retryAfterMs = 0;
        bool firstOfEpisode = false; // the one to log
    };
    struct Episode
    {
        QString address;
        int refused = 0;
        qint64 startedMs = 0;
        qint64 lastMs = 0;
    };
    // An episode ends when an address has not been refused for this long.
    static constexpr qint64 kEpisodeQuietMs = 5000;

    // maxPerAddress open at once (0: no cap); arrivals new connections at once, refilled at
    // arrivals per arrivalPeriodMs (arrivals 0: no limit).
    ConnectionThrottle(int maxPerAddress, int arrivals, qint64 arrivalPeriodMs);

    // Whether a new connection from address, which holds open connections now, may come in (it
    // then takes a token); otherwise why not.
    std::optional<Refusal> admit(const QString &address, int open, qint64 nowMs);
    // A refusal decided elsewhere (e.g. the total cap): counted in the address's episode. True
    // when it starts one.
    bool noteRefusal(const QString &address, qint64 nowMs);
    // Episodes that have ended by nowMs (forgotten once taken).
    QList<Episode> takeEndedEpisodes(qint64 nowMs);
    bool hasOpenEpisodes() const { return !m_episodes.isEmpty(); }
    int trackedAddresses() const { return int(m_buckets.size()); }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 lastMs = 0;
    };
    void refill(Bucket &bucket, qint64 nowMs) const;
    void prune(qint64 nowMs);

    int m_maxPerAddress;
    int m_arrivals;
    qint64 m_periodMs;
    QHash<QString, Bucket> m_buckets;
    QHash<QString, Episode> m_episodes;
    qint64 m_lastPruneMs = -1;
};

} // namespace ChatHost::Http
