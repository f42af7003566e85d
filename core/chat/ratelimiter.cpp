// See ratelimiter.h.
#include "chat/ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace ChatHost::Chat {

void RateLimiter::refill(qint64 nowMs)
{
    if (m_lastMs < 0 || nowMs < m_lastMs) {
        m_lastMs = nowMs;
        return;
    }
    const double perMs = double(m_capacity) / double(m_periodMs);
    m_tokens = std::min(double(m_capacity), m_tokens + double(nowMs - m_lastMs) * perMs);
    m_lastMs = nowMs;
}

bool RateLimiter::tryAcquire(qint64 nowMs)
{
    if (m_capacity <= 0)
        return true; // no limit
    refill(nowMs);
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

qint64 RateLimiter::msUntilNext(qint64 nowMs)
{
    if (m_capacity <= 0)
        return 0;
    refill(nowMs);
    if (m_tokens >= 1.0)
        return 0;
    const double perMs = double(m_capacity) / double(m_periodMs);
    return qint64(std::ceil((1.0 - m_tokens) / perMs));
}

bool RateLimiter::isFull(qint64 nowMs)
{
    if (m_capacity <= 0)
        return true;
    refill(nowMs);
    return m_tokens >= double(m_capacity);
}

} // namespace ChatHost::Chat
