// See historystore.h.
#include "chat/historystore.h"

#include "common/logging.h"

#include <QCoreApplication>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace ChatHost::Chat {

namespace {
const QString kColumns = QStringLiteral("SELECT id, ts, kind, author, text, deleted, author_id,"
                                        " recipient_id, recipient_name, file FROM messages");
} // namespace

HistoryStore::HistoryStore() = default;

HistoryStore::~HistoryStore() = default;

bool HistoryStore::open(const QString &path, QString *error)
{
    m_path = path;
    auto failed = [&](const QString &why) {
        if (error)
            *error = QCoreApplication::translate("Chat", "Cannot use the history database %1: %2")
                             .arg(path, why);
        m_db.database().close();
        m_persistent = false;
        return false;
    };
    // WAL with synchronous=NORMAL: a committed transaction survives the process being killed
    // (only a power cut may lose the last commits), at a fraction of FULL's cost.
    const QStringList setup = {
            QStringLiteral("PRAGMA journal_mode=WAL"),
            QStringLiteral("PRAGMA synchronous=NORMAL"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS messages ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " ts INTEGER NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " author TEXT,"
                           " text TEXT NOT NULL,"
                           " deleted INTEGER NOT NULL DEFAULT 0)"),
    };
    QString why;
    if (!m_db.open(path, setup, &why))
        return failed(why);
    QSqlDatabase db = m_db.database();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next()
        || q.value(0).toString() != u"ok")
        return failed(QCoreApplication::translate("Chat", "the database is damaged"));
    // Databases from before user ids: add the author's id column (empty for old messages).
    bool hasAuthorId = false;
    if (q.exec(QStringLiteral("PRAGMA table_info(messages)"))) {
        while (q.next())
            hasAuthorId = hasAuthorId || q.value(1).toString() == u"author_id";
    }
    if (!hasAuthorId && !q.exec(QStringLiteral("ALTER TABLE messages ADD COLUMN author_id TEXT")))
        return failed(q.lastError().text());
    // Databases from before private messages: add the recipient's columns (empty: the room).
    bool hasRecipient = false;
    if (q.exec(QStringLiteral("PRAGMA table_info(messages)"))) {
        while (q.next())
            hasRecipient = hasRecipient || q.value(1).toString() == u"recipient_id";
    }
    if (!hasRecipient
        && (!q.exec(QStringLiteral("ALTER TABLE messages ADD COLUMN recipient_id TEXT"))
            || !q.exec(QStringLiteral("ALTER TABLE messages ADD COLUMN recipient_name TEXT"))))
        return failed(q.lastError().text());
    // Databases from before files: a file message's file as JSON (empty: a text message).
    bool hasFile = false;
    if (q.exec(QStringLiteral("PRAGMA table_info(messages)"))) {
        while (q.next())
            hasFile = hasFile || q.value(1).toString() == u"file";
    }
    if (!hasFile && !q.exec(QStringLiteral("ALTER TABLE messages ADD COLUMN file TEXT")))
        return failed(q.lastError().text());
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM messages")) || !q.next())
        return failed(q.lastError().text());
    m_lastId = q.value(0).toLongLong();
    m_persistent = true;
    return true;
}

void HistoryStore::writeFailed(const QString &why, QString *error)
{
    if (error)
        *error = QCoreApplication::translate("Chat",
                                             "Writing the history failed (%1); messages are "
                                             "now kept in memory only.")
                         .arg(why);
    qCWarning(lcChat) << "history write failed:" << why;
    fallBackToMemory();
}

void HistoryStore::fallBackToMemory()
{
    // Keep what newcomers should still see (if the database can still be read).
    const QList<ChatMessage> keep = recent(int(kMemoryLimit), -1, 0, HistoryReader::host());
    m_persistent = false;
    m_memory.assign(keep.begin(), keep.end());
}

void HistoryStore::append(ChatMessage &message, QString *error)
{
    if (m_persistent) {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral(
                "INSERT INTO messages (ts, kind, author, text, deleted, author_id,"
                " recipient_id, recipient_name, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(message.timestamp);
        q.addBindValue(ChatMessage::kindName(message.kind));
        q.addBindValue(sqliteText(message.author));
        q.addBindValue(sqliteText(message.text));
        q.addBindValue(message.deleted ? 1 : 0);
        q.addBindValue(message.authorId);
        q.addBindValue(message.isPrivate() ? QVariant(message.recipientId) : QVariant());
        q.addBindValue(message.isPrivate() ? QVariant(sqliteText(message.recipientName))
                                           : QVariant());
        q.addBindValue(message.file.isObject() ? QVariant(message.file.toJson()) : QVariant());
        if (q.exec()) {
            message.id = q.lastInsertId().toLongLong();
            m_lastId = message.id;
            return;
        }
        writeFailed(q.lastError().text(), error);
    }
    message.id = ++m_lastId;
    m_memory.push_back(message);
    while (m_memory.size() > kMemoryLimit)
        m_memory.pop_front();
}

qsizetype HistoryStore::approxJsonBytes(const ChatMessage &message)
{
    qsizetype n = 120 + message.author.size() + message.authorId.size();
    if (message.file.isObject())
        n += 200 + message.file[u"name"].toString().size() * 3;
    if (message.isPrivate())
        n += 60 + message.recipientId.size() + message.recipientName.size() * 3;
    for (QChar c : message.text) {
        const char16_t u = c.unicode();
        n += u < 0x80 ? 1 : (u < 0x800 || c.isSurrogate()) ? 2 : 3;
        if (u == u'"' || u == u'\\' || u < 0x20)
            n += 5; // escaped
    }
    return n;
}

QList<ChatMessage> HistoryStore::query(const QString &sql, const QVariantList &binds,
                                       qsizetype maxBytes, const HistoryReader &reader) const
{
    const bool budgeted = maxBytes >= 0;
    QList<ChatMessage> out;
    QSqlQuery q(m_db.database());
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        qCWarning(lcChat) << "history query failed:" << q.lastError().text();
        return out;
    }
    while (q.next()) {
        ChatMessage m;
        m.id = q.value(0).toLongLong();
        m.timestamp = q.value(1).toLongLong();
        m.kind = ChatMessage::kindFromName(q.value(2).toString());
        m.author = q.value(3).toString();
        m.text = q.value(4).toString();
        m.deleted = q.value(5).toInt() != 0;
        m.authorId = q.value(6).toString();
        m.recipientId = q.value(7).toString();
        m.recipientName = q.value(8).toString();
        if (const QString file = q.value(9).toString(); !file.isEmpty()) {
            if (Json::ParseResult parsed = Json::parse(file); parsed.value)
                m.file = std::move(*parsed.value);
        }
        // The SQL condition only narrows (readerCondition()); the rule decides.
        if (!reader.sees(m))
            continue;
        if (budgeted) {
            maxBytes -= approxJsonBytes(m);
            if (maxBytes < 0 && !out.isEmpty())
                break;
        }
        out.append(m);
    }
    return out;
}

QString HistoryStore::readerCondition(const HistoryReader &reader, QVariantList &binds)
{
    if (reader.everything)
        return QString();
    if (reader.userId.isEmpty())
        return QStringLiteral(" AND (recipient_id IS NULL OR recipient_id = '')");
    binds << reader.userId << reader.userId;
    return QStringLiteral(" AND (recipient_id IS NULL OR recipient_id = ''"
                          " OR recipient_id = ? OR author_id = ?)");
}

QList<ChatMessage> HistoryStore::recent(int limit, qsizetype maxBytes, qint64 afterId,
                                        const HistoryReader &reader) const
{
    if (limit <= 0)
        return {};
    if (m_persistent) {
        QVariantList binds{afterId};
        const QString condition = readerCondition(reader, binds);
        binds << limit;
        QList<ChatMessage> newestFirst
                = query(kColumns + u" WHERE id > ?" + condition + u" ORDER BY id DESC LIMIT ?",
                        binds, maxBytes, reader);
        std::reverse(newestFirst.begin(), newestFirst.end());
        return newestFirst;
    }
    const bool budgeted = maxBytes >= 0;
    QList<ChatMessage> newestFirst;
    for (auto it = m_memory.rbegin(); it != m_memory.rend() && newestFirst.size() < limit; ++it) {
        if (it->id <= afterId)
            break;
        if (!reader.sees(*it))
            continue;
        if (budgeted) {
            maxBytes -= approxJsonBytes(*it);
            if (maxBytes < 0 && !newestFirst.isEmpty())
                break;
        }
        newestFirst.append(*it);
    }
    std::reverse(newestFirst.begin(), newestFirst.end());
    return newestFirst;
}

QList<ChatMessage> HistoryStore::after(qint64 afterId, int limit, qsizetype maxBytes,
                                       const HistoryReader &reader) const
{
    if (limit <= 0)
        return {};
    if (m_persistent) {
        QVariantList binds{afterId};
        const QString condition = readerCondition(reader, binds);
        binds << limit;
        return query(kColumns + u" WHERE id > ?" + condition + u" ORDER BY id ASC LIMIT ?", binds,
                     maxBytes, reader);
    }
    const bool budgeted = maxBytes >= 0;
    QList<ChatMessage> out;
    for (const ChatMessage &m : m_memory) {
        if (m.id > afterId && reader.sees(m)) {
            if (budgeted) {
                maxBytes -= approxJsonBytes(m);
                if (maxBytes < 0 && !out.isEmpty())
                    break;
            }
            out.append(m);
            if (out.size() >= limit)
                break;
        }
    }
    return out;
}

QList<ChatMessage> HistoryStore::fileMessages(const QByteArray &sha256) const
{
    QList<ChatMessage> out;
    const bool wellFormed = sha256.size() == 64
            && std::all_of(sha256.begin(), sha256.end(),
                           [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    if (!wellFormed)
        return out;
    if (m_persistent) {
        // The digest is hex only, so the pattern has no wildcard characters of its own.
        const QString pattern = u"%\"sha256\":\"" + QString::fromLatin1(sha256) + u"\"%";
        return query(kColumns + u" WHERE file LIKE ? ORDER BY id ASC", {pattern}, -1,
                     HistoryReader::host());
    }
    for (const ChatMessage &m : m_memory) {
        if (m.isFile() && m.file[u"sha256"].toString() == QLatin1String(sha256))
            out.append(m);
    }
    return out;
}

QList<ChatMessage> HistoryStore::recentFiles(int limit) const
{
    if (m_persistent)
        return query(kColumns + u" WHERE file IS NOT NULL AND deleted = 0 ORDER BY id DESC LIMIT ?",
                     {limit}, -1, HistoryReader::host());
    QList<ChatMessage> out;
    for (auto it = m_memory.rbegin(); it != m_memory.rend() && out.size() < limit; ++it) {
        if (it->isFile() && !it->deleted)
            out.append(*it);
    }
    return out;
}

std::optional<ChatMessage> HistoryStore::find(qint64 id) const
{
    if (m_persistent) {
        const QList<ChatMessage> r
                = query(kColumns + u" WHERE id = ?", {id}, -1, HistoryReader::host());
        if (r.isEmpty())
            return std::nullopt;
        return r.constFirst();
    }
    for (const ChatMessage &m : m_memory) {
        if (m.id == id)
            return m;
    }
    return std::nullopt;
}

bool HistoryStore::markDeleted(qint64 id, QString *error)
{
    if (m_persistent) {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral("UPDATE messages SET deleted = 1 WHERE id = ?"));
        q.addBindValue(id);
        if (q.exec())
            return q.numRowsAffected() > 0;
        writeFailed(q.lastError().text(), error);
        // Applied in memory from now on. A message the fallback could not read back is in no
        // history served from now on either: deleted as far as anyone can see.
        const bool inMemory = std::any_of(m_memory.begin(), m_memory.end(),
                                          [id](const ChatMessage &m) { return m.id == id; });
        if (!inMemory)
            return id > 0 && id <= m_lastId;
    }
    for (ChatMessage &m : m_memory) {
        if (m.id == id) {
            m.deleted = true;
            return true;
        }
    }
    return false;
}

bool HistoryStore::updateText(qint64 id, const QString &text, QString *error)
{
    if (m_persistent) {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral("UPDATE messages SET text = ? WHERE id = ? AND deleted = 0"));
        q.addBindValue(sqliteText(text));
        q.addBindValue(id);
        if (q.exec())
            return q.numRowsAffected() > 0;
        writeFailed(q.lastError().text(), error);
    }
    for (ChatMessage &m : m_memory) {
        if (m.id == id && !m.deleted) {
            m.text = text;
            return true;
        }
    }
    return false;
}

qint64 HistoryStore::count() const
{
    if (!m_persistent)
        return qint64(m_memory.size());
    QSqlQuery q(m_db.database());
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM messages")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

} // namespace ChatHost::Chat
