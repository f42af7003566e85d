// A token bucket: allows a burst, then a steady rate. Time is passed in, so it tests without
// waiting.
#pragma once

#include <QtGlobal>

namespace ChatHost::Chat {

class RateLimiter
{
public:
    // capacity messages at once, refilled at capacity per periodMs.
    RateLimiter(int capacity = 5, qint64 periodMs = 5000)
        : m_capacity(capacity)
        , m_periodMs(periodMs)
        , m_tokens(capacity)
    { }

    // Takes one token if there is one.
    bool tryAcquire(qint64 nowMs);
    // Milliseconds until the next token, 0 if one is available now.
    qint64 msUntilNext(qint64 nowMs);
    // Whether the bucket has refilled completely (nothing to remember about it any more).
    bool isFull(qint64 nowMs);

private:
    void refill(qint64 nowMs);

    int m_capacity;
    qint64 m_periodMs;
    double m_tokens;
    qint64 m_lastMs = -1;
};

} // namespace ChatHost::Chat
