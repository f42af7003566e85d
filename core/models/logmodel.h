// The host's live log: messages, announcements, notices, refusals and moderation actions, newest
// last, bounded in memory (older entries stay in the history database). Appends are batched.
#pragma once

#include "chat/chatservice.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <deque>

namespace ChatHost::Models {

class LogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogModel)
public:
    enum class Kind { Message, Host, Notice, Refused, Connection, Moderation, Problem };
    Q_ENUM(Kind)
    enum Column { Time, KindColumn, Author, Text, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole, // Kind as int
        MessageIdRole, // the history id of a message, 0 for other entries
        AuthorRole,
        TimestampRole,
        DeletedRole,
        AuthorIdRole, // the author's public user id (messages only): who they are, whatever
                      // their nickname is now
        EditedRole, // ms timestamp of the author's last edit, 0: never edited
        PrivateRole, // a private message (the host sees them all: it moderates)
        RecipientRole, // a private message's recipient's nickname
        MentionRole, // the message mentions the host (@HostName)
    };

    struct Entry
    {
        qint64 timestamp = 0;
        Kind kind = Kind::Message;
        QString author;
        QString text;
        qint64 messageId = 0;
        bool deleted = false;
        QString authorId;
        qint64 edited = 0; // the author edited it then (the text is the edited one)
        QString recipient = {}; // a private message: the recipient's nickname
        bool isPrivate = false;
        bool mentionsHost = false;
    };

    explicit LogModel(Chat::ChatService *chat, int capacity = 5000, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString kindName(Kind kind);
    // What the Author column shows for a private message: "🔒 Ann → Bob".
    static QString privateAuthor(const QString &author, const QString &recipient);
    int capacity() const { return m_capacity; }
    void append(Entry entry);
    void flush();
    const Entry &entryAt(int row) const { return m_entries.at(size_t(row)); }

private:
    static QString displayText(const Entry &e); // the Text column: marked edited, deleted
    void markDeleted(qint64 messageId);
    void markEdited(qint64 messageId, const QString &text, qint64 edited);

    int m_capacity;
    std::deque<Entry> m_entries;
    QList<Entry> m_pending;
    QTimer m_flushTimer;
};

} // namespace ChatHost::Models
