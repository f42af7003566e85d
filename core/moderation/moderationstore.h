// Where bans and the audit trail of moderation actions are kept: SQLite next to the history
// (same file, own tables), or memory when the database cannot be used.
#pragma once

#include "common/sqliteconnection.h"
#include "moderation/ban.h"

#include <QList>
#include <QString>

namespace ChatHost::Moderation {

struct AuditEntry
{
    qint64 id = 0;
    qint64 timestamp = 0;
    QString action; // kick, mute, unmute, ban, unban, delete, lock, unlock, slow-mode, ...
    QString target;
    QString detail;
};

class ModerationStore
{
public:
    ModerationStore();
    ~ModerationStore();
    ModerationStore(const ModerationStore &) = delete;
    ModerationStore &operator=(const ModerationStore &) = delete;

    bool open(const QString &path, QString *error = nullptr);
    bool isPersistent() const { return m_persistent; }

    QList<Ban> bans() const { return m_bans; } // all, including expired ones not yet purged
    QList<Ban> activeBans(qint64 nowMs) const;
    // Both take effect even when the database fails: the store then continues in memory and
    // error says so. removeBan is false only for an unknown id.
    Ban addBan(Ban ban, QString *error = nullptr);
    bool removeBan(qint64 id, QString *error = nullptr);

    AuditEntry audit(const QString &action, const QString &target, const QString &detail,
                     QString *error = nullptr);
    QList<AuditEntry> auditTrail(int limit) const;

private:
    // The one path for a failed write: error says so, and the store continues in memory.
    void writeFailed(const QString &why, QString *error);

    SqliteConnection m_db{QStringLiteral("moderation")};
    bool m_persistent = false;
    QList<Ban> m_bans; // loaded at open; the database mirrors it
    QList<AuditEntry> m_memoryAudit;
    qint64 m_nextBanId = 1;
    qint64 m_nextAuditId = 1;
};

} // namespace ChatHost::Moderation
