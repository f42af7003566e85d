// Rate budgets kept by key (a person's user id), so reconnecting does not refill them. Budgets
// that are full again are dropped once more than kKept are held, so the book stays small.
#pragma once

#include "chat/ratelimiter.h"

#include <QHash>
#include <QString>

#include <optional>

namespace ChatHost::Chat {

class BudgetBook
{
public:
    static constexpr qsizetype kKept = 1000;

    // Spends one from key's budget of count per periodMs (count <= 0: no limit). Nothing when
    // spent; else how many ms until the next one is allowed.
    std::optional<qint64> spend(const QString &key, int count, qint64 periodMs, qint64 nowMs)
    {
        if (count <= 0)
            return std::nullopt;
        if (m_budgets.size() > kKept)
            m_budgets.removeIf([nowMs](auto it) { return it.value().isFull(nowMs); });
        auto budget = m_budgets.find(key);
        if (budget == m_budgets.end())
            budget = m_budgets.insert(key, RateLimiter(count, periodMs));
        if (budget->tryAcquire(nowMs))
            return std::nullopt;
        return budget->msUntilNext(nowMs);
    }

private:
    QHash<QString, RateLimiter> m_budgets;
};

} // namespace ChatHost::Chat
