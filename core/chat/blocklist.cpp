// See blocklist.h.
#include "chat/blocklist.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace ChatHost::Chat {

bool BlockList::open(const QString &path, QString *error)
{
    const QStringList setup = {
            QStringLiteral("PRAGMA journal_mode=WAL"),
            QStringLiteral("PRAGMA synchronous=NORMAL"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS blocks ("
                           " user_id TEXT NOT NULL,"
                           " blocked_id TEXT NOT NULL,"
                           " changed INTEGER NOT NULL,"
                           " user_digest TEXT,"
                           " blocked_digest TEXT,"
                           " PRIMARY KEY (user_id, blocked_id))"),
    };
    QString why;
    m_persistent = m_db.open(path, setup, &why);
    QSqlQuery q(m_db.database());
    if (m_persistent
        && !q.exec(QStringLiteral(
                "SELECT user_id, blocked_id, changed, user_digest, blocked_digest FROM blocks"
                " ORDER BY changed, user_id"))) {
        why = q.lastError().text();
        m_persistent = false;
    }
    if (!m_persistent) {
        if (error)
            *error = QCoreApplication::translate("Chat", "Cannot use the history database %1: %2")
                             .arg(path, why);
        return false;
    }
    // The order of change comes back as it was; the newest lists are kept if there are too many.
    while (q.next()) {
        List &list = m_lists[q.value(0).toString()];
        if (list.blocked.size() < kMaxPerPerson)
            list.blocked.insert(q.value(1).toString());
        know(q.value(3).toString(), q.value(0).toString());
        know(q.value(4).toString(), q.value(1).toString());
        list.changed = std::max<quint64>(list.changed, q.value(2).toULongLong());
        m_seq = std::max<quint64>(m_seq, list.changed);
    }
    while (m_lists.size() > kMaxPeople) {
        const auto stalest = std::min_element(
                m_lists.begin(), m_lists.end(),
                [](const List &a, const List &b) { return a.changed < b.changed; });
        m_lists.erase(stalest);
    }
    return true;
}

void BlockList::know(const QString &digest, const QString &userId)
{
    if (!digest.isEmpty() && !userId.isEmpty()
        && (m_identities.size() < kMaxIdentities || m_identities.contains(digest)))
        m_identities.insert(digest, userId);
}

void BlockList::write(const QString &sql, const QVariantList &binds)
{
    if (!m_persistent)
        return;
    QSqlQuery q(m_db.database());
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        qCWarning(lcChat) << "block lists kept in memory only from now on:" << q.lastError().text();
        m_persistent = false;
    }
}

bool BlockList::set(const QString &who, const QString &whom, bool blocked, const QString &whoDigest,
                    const QString &whomDigest)
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
        write(QStringLiteral("DELETE FROM blocks WHERE user_id = ? AND blocked_id = ?"),
              {sqliteText(who), sqliteText(whom)});
        return true;
    }
    auto it = m_lists.find(who);
    if (it == m_lists.end()) {
        // Full (ten thousand people blocking): a new list is refused, never made by dropping
        // someone else's, or new identities could wipe everyone's blocks.
        if (m_lists.size() >= kMaxPeople)
            return false;
        it = m_lists.insert(who, List{});
    }
    if (!it->blocked.contains(whom) && it->blocked.size() >= kMaxPerPerson)
        return false;
    it->blocked.insert(whom);
    it->changed = ++m_seq;
    know(whoDigest, who);
    know(whomDigest, whom);
    write(QStringLiteral("INSERT OR REPLACE INTO blocks (user_id, blocked_id, changed,"
                         " user_digest, blocked_digest) VALUES (?, ?, ?, ?, ?)"),
          {sqliteText(who), sqliteText(whom), qint64(it->changed), whoDigest, whomDigest});
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
