// The conversation's history in SQLite (Qt Sql), with an in-memory fallback when the database
// cannot be opened or written, so the chat never stops because of the disk.
#pragma once

#include "chat/chatmessage.h"
#include "common/sqliteconnection.h"

#include <QList>
#include <QString>

#include <deque>

namespace ChatHost::Chat {

// Who reads the history: private messages are in an answer only for their two people
// (ChatMessage::visibleTo(): the rule live delivery and catch-up use too), or for the host
// (everything). The default reads the room's messages only.
struct HistoryReader
{
    QString userId; // the person's public user id: their own private messages are included
    bool everything = false; // the host (the window, the export): every private message too

    static HistoryReader person(const QString &userId) { return {userId, false}; }
    static HistoryReader host() { return {QString(), true}; }
    bool sees(const ChatMessage &m) const { return everything || m.visibleTo(userId); }
};

class HistoryStore
{
public:
    HistoryStore();
    ~HistoryStore();
    HistoryStore(const HistoryStore &) = delete;
    HistoryStore &operator=(const HistoryStore &) = delete;

    // Opens (creating if needed) the database file. On failure the store works in memory and
    // error says why.
    bool open(const QString &path, QString *error = nullptr);
    bool isPersistent() const { return m_persistent; }
    QString path() const { return m_path; }

    // Stores the message and assigns its id. A committed append survives the process being
    // killed right after it returns (SQLite WAL, committed before return). If the database
    // fails, the store falls back to memory, keeps the message there and sets error.
    void append(ChatMessage &message, QString *error = nullptr);

    // The newest `limit` entries (with id > afterId), oldest first. With maxBytes >= 0, only as
    // many (newest) as fit in about that many bytes of JSON (always at least one).
    // Only what the reader may see (HistoryReader).
    QList<ChatMessage> recent(int limit, qsizetype maxBytes = -1, qint64 afterId = 0,
                              const HistoryReader &reader = {}) const;
    // Entries with id > afterId, oldest first, at most limit (and about maxBytes, as above).
    QList<ChatMessage> after(qint64 afterId, int limit, qsizetype maxBytes = -1,
                             const HistoryReader &reader = {}) const;
    // About how many bytes a message takes in a JSON reply (UTF-8 text plus the metadata).
    static qsizetype approxJsonBytes(const ChatMessage &message);
    std::optional<ChatMessage> find(qint64 id) const;
    // The messages (deleted ones too) that carry the file with this SHA-256 (64 hex digits).
    QList<ChatMessage> fileMessages(const QByteArray &sha256) const;
    // The newest file messages that are not deleted, newest first.
    QList<ChatMessage> recentFiles(int limit) const;
    // True when the message is deleted from the history served from now on. If the database
    // fails, the store falls back to memory (as append() does), deletes it there and sets error.
    bool markDeleted(qint64 id, QString *error = nullptr);
    // Replaces the text of a message its author edited; true when it exists and is not deleted.
    // On a database failure as markDeleted().
    bool updateText(qint64 id, const QString &text, QString *error = nullptr);
    qint64 lastId() const { return m_lastId; }
    qint64 count() const;

private:
    // Rows of the query that the reader sees (HistoryReader::sees(), the one rule), within
    // maxBytes as recent() says.
    QList<ChatMessage> query(const QString &sql, const QVariantList &binds, qsizetype maxBytes,
                             const HistoryReader &reader) const;
    // The WHERE condition (and its binds) that keeps a reader to what they may see: the rule of
    // ChatMessage::visibleTo() in SQL, so that LIMIT counts only what the reader gets
    // (tst_historystore checks that both agree).
    static QString readerCondition(const HistoryReader &reader, QVariantList &binds);
    // The one path for a failed write: error says so, and the store continues in memory.
    void writeFailed(const QString &why, QString *error);
    void fallBackToMemory();

    SqliteConnection m_db{QStringLiteral("history")};
    QString m_path;
    bool m_persistent = false;
    qint64 m_lastId = 0;
    std::deque<ChatMessage> m_memory; // used only without a database
    static constexpr size_t kMemoryLimit = 10000;
};

} // namespace ChatHost::Chat
