// See messageextras.h.
#include "chat/messageextras.h"

#include "chat/messageactions.h"

#include "chat/historystore.h"
#include "common/logging.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace ChatHost::Chat {

bool MessageExtras::open(const QString &path, QString *error)
{
    // New tables on an old database are its migration: nothing else changes.
    const QStringList setup = {
            QStringLiteral("PRAGMA journal_mode=WAL"),
            QStringLiteral("PRAGMA synchronous=NORMAL"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS replies ("
                           " message_id INTEGER PRIMARY KEY,"
                           " reply_to INTEGER NOT NULL,"
                           " author TEXT,"
                           " author_id TEXT,"
                           " excerpt TEXT)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS edits ("
                           " message_id INTEGER PRIMARY KEY,"
                           " edited INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS reactions ("
                           " message_id INTEGER NOT NULL,"
                           " user_id TEXT NOT NULL,"
                           " emoji TEXT NOT NULL,"
                           " PRIMARY KEY (message_id, emoji, user_id))"),
    };
    QString why;
    m_persistent = m_db.open(path, setup, &why);
    if (!m_persistent && error)
        *error = QCoreApplication::translate("Chat", "Cannot use the history database %1: %2")
                         .arg(path, why);
    return m_persistent;
}

void MessageExtras::writeFailed(const QString &why, QString *error)
{
    if (error)
        *error = QCoreApplication::translate("Chat",
                                             "Writing the history failed (%1); messages are "
                                             "now kept in memory only.")
                         .arg(why);
    qCWarning(lcChat) << "message extras write failed:" << why;
    // Keep what the newest messages have (if the database can still be read).
    const qint64 from = std::max<qint64>(0, m_newestId - kMemoryLimit);
    QSqlDatabase db = m_db.database();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT message_id, reply_to, author, author_id, excerpt FROM replies"
                             " WHERE message_id > ?"));
    q.addBindValue(from);
    if (q.exec()) {
        while (q.next())
            m_replies.insert(q.value(0).toLongLong(),
                             ReplyRef{q.value(1).toLongLong(), q.value(2).toString(),
                                      q.value(3).toString(), q.value(4).toString(), false});
    }
    q.prepare(QStringLiteral("SELECT message_id, edited FROM edits WHERE message_id > ?"));
    q.addBindValue(from);
    if (q.exec()) {
        while (q.next())
            m_edited.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    }
    m_reactions = reactionsOf(from + 1, std::numeric_limits<qint64>::max());
    m_persistent = false;
}

void MessageExtras::prune(qint64 newestId)
{
    m_newestId = std::max(m_newestId, newestId);
    if (m_persistent)
        return;
    const qint64 oldest = m_newestId - kMemoryLimit;
    const auto old = [oldest](auto it) { return it.key() <= oldest; };
    m_replies.removeIf(old);
    m_edited.removeIf(old);
    m_reactions.removeIf(old);
}

void MessageExtras::saveReply(qint64 messageId, const ReplyRef &reply, QString *error)
{
    prune(messageId);
    if (m_persistent) {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO replies"
                                 " (message_id, reply_to, author, author_id, excerpt)"
                                 " VALUES (?, ?, ?, ?, ?)"));
        q.addBindValue(messageId);
        q.addBindValue(reply.id);
        q.addBindValue(sqliteText(reply.author));
        q.addBindValue(reply.authorId);
        q.addBindValue(sqliteText(reply.excerpt));
        if (q.exec())
            return;
        writeFailed(q.lastError().text(), error);
    }
    ReplyRef kept = reply;
    kept.deleted = false;
    m_replies.insert(messageId, kept);
}

void MessageExtras::setEdited(qint64 messageId, qint64 editedMs, QString *error)
{
    prune(messageId);
    if (m_persistent) {
        QSqlQuery q(m_db.database());
        q.prepare(
                QStringLiteral("INSERT OR REPLACE INTO edits (message_id, edited) VALUES (?, ?)"));
        q.addBindValue(messageId);
        q.addBindValue(editedMs);
        if (q.exec())
            return;
        writeFailed(q.lastError().text(), error);
    }
    m_edited.insert(messageId, editedMs);
}

bool MessageExtras::setReaction(qint64 messageId, const QString &userId, const QString &emoji,
                                bool on, QString *error)
{
    prune(messageId);
    if (m_persistent) {
        QSqlQuery q(m_db.database());
        q.prepare(on ? QStringLiteral("INSERT OR IGNORE INTO reactions (message_id, user_id, emoji)"
                                      " VALUES (?, ?, ?)")
                     : QStringLiteral("DELETE FROM reactions"
                                      " WHERE message_id = ? AND user_id = ? AND emoji = ?"));
        q.addBindValue(messageId);
        q.addBindValue(userId);
        q.addBindValue(emoji);
        if (q.exec())
            return q.numRowsAffected() > 0;
        writeFailed(q.lastError().text(), error);
    }
    QList<Reaction> &list = m_reactions[messageId];
    const auto it = std::find_if(list.begin(), list.end(), [&](const Reaction &r) {
        return r.userId == userId && r.emoji == emoji;
    });
    const bool had = it != list.end();
    if (on && !had)
        list.append(Reaction{userId, emoji});
    else if (!on && had)
        list.erase(it);
    if (list.isEmpty())
        m_reactions.remove(messageId);
    return on != had;
}

int MessageExtras::reactionCount(qint64 messageId, const QString &emoji) const
{
    if (m_persistent) {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM reactions"
                                 " WHERE message_id = ? AND emoji = ?"));
        q.addBindValue(messageId);
        q.addBindValue(emoji);
        if (q.exec() && q.next())
            return q.value(0).toInt();
        return 0;
    }
    const QList<Reaction> list = m_reactions.value(messageId);
    return int(std::count_if(list.begin(), list.end(),
                             [&](const Reaction &r) { return r.emoji == emoji; }));
}

QHash<qint64, QList<MessageExtras::Reaction>> MessageExtras::reactionsOf(qint64 firstId,
                                                                         qint64 lastId) const
{
    QHash<qint64, QList<Reaction>> out;
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT message_id, user_id, emoji FROM reactions"
                             " WHERE message_id BETWEEN ? AND ? ORDER BY rowid"));
    q.addBindValue(firstId);
    q.addBindValue(lastId);
    if (!q.exec()) {
        qCWarning(lcChat) << "reactions query failed:" << q.lastError().text();
        return out;
    }
    while (q.next())
        out[q.value(0).toLongLong()].append(Reaction{q.value(1).toString(), q.value(2).toString()});
    return out;
}

void MessageExtras::decorate(QList<ChatMessage> &messages, const HistoryStore *history,
                             const QStringList &order) const
{
    if (messages.isEmpty())
        return;
    qint64 first = messages.constFirst().id;
    qint64 last = first;
    for (const ChatMessage &m : std::as_const(messages)) {
        first = std::min(first, m.id);
        last = std::max(last, m.id);
    }
    QHash<qint64, ReplyRef> replies;
    QHash<qint64, qint64> edited;
    QHash<qint64, QList<Reaction>> reactions;
    if (m_persistent) {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral("SELECT message_id, reply_to, author, author_id, excerpt"
                                 " FROM replies WHERE message_id BETWEEN ? AND ?"));
        q.addBindValue(first);
        q.addBindValue(last);
        if (q.exec()) {
            while (q.next())
                replies.insert(q.value(0).toLongLong(),
                               ReplyRef{q.value(1).toLongLong(), q.value(2).toString(),
                                        q.value(3).toString(), q.value(4).toString(), false});
        }
        q.prepare(QStringLiteral(
                "SELECT message_id, edited FROM edits WHERE message_id BETWEEN ? AND ?"));
        q.addBindValue(first);
        q.addBindValue(last);
        if (q.exec()) {
            while (q.next())
                edited.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
        }
        reactions = reactionsOf(first, last);
    } else {
        replies = m_replies;
        edited = m_edited;
        reactions = m_reactions;
    }
    // Reply target -> its excerpt as it reads now (an edit changes it), or nothing once deleted.
    QHash<qint64, std::optional<QString>> originals;
    for (ChatMessage &m : messages) {
        if (const auto r = replies.constFind(m.id); r != replies.cend()) {
            m.replyTo = *r;
            auto now = originals.constFind(r->id);
            if (now == originals.cend()) {
                const std::optional<ChatMessage> original
                        = history ? history->find(r->id) : std::nullopt;
                std::optional<QString> excerpt;
                if (original && !original->deleted)
                    excerpt = MessageActions::excerpt(original->text);
                now = originals.insert(r->id, excerpt);
            }
            m.replyTo.deleted = !now->has_value();
            if (now->has_value())
                m.replyTo.excerpt = **now;
        }
        m.edited = edited.value(m.id, 0);
        m.reactions.clear();
        if (const auto list = reactions.constFind(m.id); list != reactions.cend()) {
            for (const QString &emoji : order) {
                QStringList users;
                for (const Reaction &r : *list) {
                    if (r.emoji == emoji)
                        users.append(r.userId);
                }
                if (!users.isEmpty())
                    m.reactions.append({emoji, users});
            }
        }
    }
}

} // namespace ChatHost::Chat
