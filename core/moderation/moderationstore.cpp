// See moderationstore.h.
#include "moderation/moderationstore.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace ChatHost::Moderation {

ModerationStore::ModerationStore() = default;

ModerationStore::~ModerationStore() = default;

bool ModerationStore::open(const QString &path, QString *error)
{
    auto failed = [&](const QString &why) {
        if (error)
            *error = QCoreApplication::translate("Moderation", "Cannot store bans in %1: %2")
                             .arg(path, why);
        m_db.database().close();
        m_persistent = false;
        return false;
    };
    const QStringList setup = {
            QStringLiteral("CREATE TABLE IF NOT EXISTS bans (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " kind TEXT NOT NULL, value TEXT NOT NULL, reason TEXT,"
                           " created INTEGER NOT NULL, expires INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " ts INTEGER NOT NULL, action TEXT NOT NULL, target TEXT, detail TEXT)"),
    };
    QString why;
    if (!m_db.open(path, setup, &why))
        return failed(why);
    QSqlDatabase db = m_db.database();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
                "SELECT id, kind, value, reason, created, expires FROM bans ORDER BY id")))
        return failed(q.lastError().text());
    m_bans.clear();
    while (q.next()) {
        Ban b;
        b.id = q.value(0).toLongLong();
        b.kind = q.value(1).toString() == u"address" ? Ban::Kind::Address : Ban::Kind::Nickname;
        b.value = q.value(2).toString();
        b.reason = q.value(3).toString();
        b.createdMs = q.value(4).toLongLong();
        b.expiresMs = q.value(5).toLongLong();
        m_bans.append(b);
        m_nextBanId = std::max(m_nextBanId, b.id + 1);
    }
    m_persistent = true;
    return true;
}

void ModerationStore::writeFailed(const QString &why, QString *error)
{
    if (error)
        *error = QCoreApplication::translate("Moderation",
                                             "Saving bans and the moderation log failed (%1); "
                                             "they are now kept in memory only, until ChatHost "
                                             "stops.")
                         .arg(why);
    qCWarning(lcChat) << "moderation write failed:" << why;
    // Keep the audit trail readable (if the database still can be read); bans are in memory
    // already.
    const QList<AuditEntry> trail = auditTrail(10000);
    m_persistent = false;
    m_memoryAudit = trail;
    if (!trail.isEmpty())
        m_nextAuditId = std::max(m_nextAuditId, trail.constLast().id + 1);
}

QList<Ban> ModerationStore::activeBans(qint64 nowMs) const
{
    QList<Ban> out;
    for (const Ban &b : m_bans) {
        if (b.isActive(nowMs))
            out.append(b);
    }
    return out;
}

Ban ModerationStore::addBan(Ban ban, QString *error)
{
    if (m_persistent) {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral(
                "INSERT INTO bans (kind, value, reason, created, expires) VALUES (?, ?, ?, ?, ?)"));
        q.addBindValue(Ban::kindName(ban.kind));
        q.addBindValue(sqliteText(ban.value));
        q.addBindValue(sqliteText(ban.reason));
        q.addBindValue(ban.createdMs);
        q.addBindValue(ban.expiresMs);
        if (q.exec()) {
            ban.id = q.lastInsertId().toLongLong();
            m_nextBanId = ban.id + 1;
            m_bans.append(ban);
            return ban;
        }
        writeFailed(q.lastError().text(), error);
    }
    ban.id = m_nextBanId++;
    m_bans.append(ban);
    return ban;
}

bool ModerationStore::removeBan(qint64 id, QString *error)
{
    const auto it
            = std::find_if(m_bans.begin(), m_bans.end(), [id](const Ban &b) { return b.id == id; });
    if (it == m_bans.end())
        return false;
    if (m_persistent) {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral("DELETE FROM bans WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            writeFailed(q.lastError().text(), error);
    }
    m_bans.erase(it); // applied either way: the bans live in memory, the database mirrors them
    return true;
}

AuditEntry ModerationStore::audit(const QString &action, const QString &target,
                                  const QString &detail, QString *error)
{
    AuditEntry e;
    e.timestamp = QDateTime::currentMSecsSinceEpoch();
    e.action = action;
    e.target = target;
    e.detail = detail;
    if (m_persistent) {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral(
                "INSERT INTO audit (ts, action, target, detail) VALUES (?, ?, ?, ?)"));
        q.addBindValue(e.timestamp);
        q.addBindValue(action);
        q.addBindValue(sqliteText(target));
        q.addBindValue(sqliteText(detail));
        if (q.exec()) {
            e.id = q.lastInsertId().toLongLong();
            return e;
        }
        writeFailed(q.lastError().text(), error);
    }
    e.id = m_nextAuditId++;
    m_memoryAudit.append(e);
    if (m_memoryAudit.size() > 10000)
        m_memoryAudit.removeFirst();
    return e;
}

QList<AuditEntry> ModerationStore::auditTrail(int limit) const
{
    if (!m_persistent)
        return m_memoryAudit.mid(std::max<qsizetype>(0, m_memoryAudit.size() - limit));
    QList<AuditEntry> out;
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral(
            "SELECT id, ts, action, target, detail FROM audit ORDER BY id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next())
        out.prepend({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                     q.value(3).toString(), q.value(4).toString()});
    return out;
}

} // namespace ChatHost::Moderation
