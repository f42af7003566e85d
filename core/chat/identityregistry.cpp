// See identityregistry.h.
#include "chat/identityregistry.h"

namespace ChatHost::Chat {

void IdentityRegistry::remember(const QString &token, Carried carried, qint64 nowMs)
{
    if (token.isEmpty() || m_capacity <= 0)
        return;
    expire(nowMs);
    const quint64 seq = m_nextSeq++;
    m_entries.insert(token, Entry{std::move(carried), nowMs, seq});
    m_order.emplace_back(seq, token);
    while (m_entries.size() > m_capacity && !m_order.empty()) {
        const auto [oldSeq, oldToken] = m_order.front();
        m_order.pop_front();
        const auto it = m_entries.constFind(oldToken);
        if (it != m_entries.cend() && it->seq == oldSeq)
            m_entries.erase(it);
    }
    // Stale pairs (tokens taken back or remembered again) must not pile up either.
    if (m_order.size() > size_t(2 * m_capacity + 16)) {
        std::deque<std::pair<quint64, QString>> live;
        for (auto &p : m_order) {
            const auto it = m_entries.constFind(p.second);
            if (it != m_entries.cend() && it->seq == p.first)
                live.push_back(std::move(p));
        }
        m_order.swap(live);
    }
}

std::optional<IdentityRegistry::Carried> IdentityRegistry::take(const QString &token, qint64 nowMs)
{
    if (token.isEmpty())
        return std::nullopt;
    expire(nowMs);
    const auto it = m_entries.find(token);
    if (it == m_entries.end())
        return std::nullopt;
    Carried carried = std::move(it->carried);
    m_entries.erase(it);
    return carried;
}

void IdentityRegistry::expire(qint64 nowMs)
{
    while (!m_order.empty()) {
        const auto &[seq, token] = m_order.front();
        const auto it = m_entries.constFind(token);
        if (it != m_entries.cend() && it->seq == seq) {
            if (nowMs - it->leftMs < m_maxAgeMs)
                return;
            m_entries.erase(it);
        }
        m_order.pop_front();
    }
}

void SlowModeClock::record(const QString &userId, const QString &address, qint64 nowMs,
                           qint64 periodMs)
{
    if (m_last.size() >= m_sweepAt) {
        m_last.removeIf([&](const auto &it) { return it.value() <= nowMs - periodMs; });
        m_sweepAt = std::max<qsizetype>(1024, 2 * m_last.size());
    }
    if (!userId.isEmpty())
        m_last.insert(QStringLiteral("u:") + userId, nowMs);
    if (!address.isEmpty())
        m_last.insert(QStringLiteral("a:") + address, nowMs);
}

qint64 SlowModeClock::lastMessageMs(const QString &userId, const QString &address, qint64 nowMs,
                                    qint64 periodMs) const
{
    qint64 last = 0;
    if (!userId.isEmpty())
        last = std::max(last, m_last.value(QStringLiteral("u:") + userId));
    if (!address.isEmpty())
        last = std::max(last, m_last.value(QStringLiteral("a:") + address));
    return last > nowMs - periodMs ? last : 0;
}

} // namespace ChatHost::Chat
