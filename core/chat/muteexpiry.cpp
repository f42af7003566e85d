// See muteexpiry.h.
#include "chat/muteexpiry.h"

namespace ChatHost::Chat {

void MuteExpiry::schedule(const QString &socketId, qint64 untilMs)
{
    cancel(socketId);
    m_queue.emplace(untilMs, socketId);
    m_until.insert(socketId, untilMs);
}

void MuteExpiry::cancel(const QString &socketId)
{
    const auto it = m_until.constFind(socketId);
    if (it == m_until.cend())
        return;
    m_queue.erase({it.value(), socketId});
    m_until.erase(it);
}

QStringList MuteExpiry::takeDue(qint64 nowMs)
{
    QStringList due;
    while (!m_queue.empty() && m_queue.begin()->first <= nowMs) {
        due.append(m_queue.begin()->second);
        m_until.remove(m_queue.begin()->second);
        m_queue.erase(m_queue.begin());
    }
    return due;
}

} // namespace ChatHost::Chat
