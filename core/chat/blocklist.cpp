// See blocklist.h.
#include "chat/blocklist.h"

#include <algorithm>

namespace ChatHost::Chat {

bool BlockList::set(const QString &who, const QString &whom, bool blocked)
{
    if (who.isEmpty() || whom.isEmpty())
        return false;
    if (!blocked) {
        const auto it = m_lists.find(who);
        if (it == m_lists.end())
            return true;
        it->blocked.remove(whom);
        if (it->blocked.isEmpty())
            m_lists.erase(it);
        return true;
    }
    auto it = m_lists.find(who);
    if (it == m_lists.end()) {
        if (m_lists.size() >= kMaxPeople) {
            // Rare (ten thousand people blocking): one pass to drop the stalest list.
            const auto stalest = std::min_element(
                    m_lists.begin(), m_lists.end(),
                    [](const List &a, const List &b) { return a.changed < b.changed; });
            m_lists.erase(stalest);
        }
        it = m_lists.insert(who, List{});
    }
    if (!it->blocked.contains(whom) && it->blocked.size() >= kMaxPerPerson)
        return false;
    it->blocked.insert(whom);
    it->changed = ++m_seq;
    return true;
}

bool BlockList::blocks(const QString &who, const QString &whom) const
{
    const auto it = m_lists.constFind(who);
    return it != m_lists.cend() && it->blocked.contains(whom);
}

QStringList BlockList::list(const QString &who) const
{
    const auto it = m_lists.constFind(who);
    if (it == m_lists.cend())
        return {};
    QStringList out(it->blocked.cbegin(), it->blocked.cend());
    out.sort();
    return out;
}

} // namespace ChatHost::Chat
