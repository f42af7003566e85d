// What people add to a message after it is posted, kept next to the history (same SQLite file,
// own tables and connection): the reply reference made when it was posted, the time of its
// author's last edit, and the reactions (one row per person, message and emoji). Falls back to
// memory like HistoryStore when the database fails. decorate() fills these into messages read
// from the history.
#pragma once

#include "chat/chatmessage.h"
#include "common/sqliteconnection.h"

#include <QHash>
#include <QList>
#include <QString>

namespace ChatHost::Chat {

class HistoryStore;

class MessageExtras
{
public:
    MessageExtras() = default;
    MessageExtras(const MessageExtras &) = delete;
    MessageExtras &operator=(const MessageExtras &) = delete;

    // Opens (creating the tables if needed) the history's database file; on failure the extras
    // live in memory and error says why.
    bool open(const QString &path, QString *error = nullptr);
    bool isPersistent() const { return m_persistent; }

    // On a failed write, error says so and the extras go on in memory.
    void saveReply(qint64 messageId, const ReplyRef &reply, QString *error = nullptr);
    void setEdited(qint64 messageId, qint64 editedMs, QString *error = nullptr);
    // Adds (on) or removes one person's reaction; true when that changed anything.
    bool setReaction(qint64 messageId, const QString &userId, const QString &emoji, bool on,
                     QString *error = nullptr);
    // How many people reacted to the message with this emoji.
    int reactionCount(qint64 messageId, const QString &emoji) const;
    // Fills replyTo (deleted when the original is deleted in history), edited and reactions
    // (ordered as order lists the emojis) of the messages.
    void decorate(QList<ChatMessage> &messages, const HistoryStore *history,
                  const QStringList &order) const;

    // Memory mode keeps what belongs to the newest kMemoryLimit message ids, like HistoryStore.
    static constexpr qint64 kMemoryLimit = 10000;

private:
    struct Reaction
    {
        QString userId;
        QString emoji;
    };
    void writeFailed(const QString &why, QString *error);
    void prune(qint64 newestId);
    QHash<qint64, QList<Reaction>> reactionsOf(qint64 firstId, qint64 lastId) const;

    SqliteConnection m_db{QStringLiteral("extras")};
    bool m_persistent = false;
    qint64 m_newestId = 0;
    // Memory mode (and what was read back when the database failed).
    QHash<qint64, ReplyRef> m_replies;
    QHash<qint64, qint64> m_edited;
    QHash<qint64, QList<Reaction>> m_reactions; // in the order people reacted
};

} // namespace ChatHost::Chat
