// See mutestore.h.
#include "moderation/mutestore.h"

#include "common/logging.h"
#include "rules/nickname.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <limits>

namespace ChatHost::Moderation {

MuteStore::MuteStore() = default;

MuteStore::~MuteStore() = default;

QString MuteStore::tokenDigest(const QString &resumeToken)
{
    if (resumeToken.isEmpty())
        return {};
    return QString::fromLatin1(
            QCryptographicHash::hash(resumeToken.toUtf8(), QCryptographicHash::Sha256).toHex());
}

bool MuteStore::open(const QString &path, QString *error)
{
    const QStringList setup = {
            QStringLiteral("CREATE TABLE IF NOT EXISTS mutes (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " user_id TEXT NOT NULL, token_digest TEXT, address TEXT,"
                           " nickname TEXT, created INTEGER NOT NULL,"
                           " until INTEGER NOT NULL DEFAULT 0, reason TEXT, origin_user_id TEXT)"),
    };
    QString why;
    if (!m_db.open(path, setup, &why)) {
        if (error)
            *error = QCoreApplication::translate("Moderation", "Cannot store mutes in %1: %2")
                             .arg(path, why);
        m_persistent = false;
        return false;
    }
    QSqlQuery q(m_db.database());
    if (!q.exec(QStringLiteral("SELECT id, user_id, token_digest, address, nickname, created,"
                               " until, reason, origin_user_id FROM mutes ORDER BY id"))) {
        if (error)
            *error = QCoreApplication::translate("Moderation", "Cannot store mutes in %1: %2")
                             .arg(path, q.lastError().text());
        m_db.database().close();
        m_persistent = false;
        return false;
    }
    m_mutes.clear();
    while (q.next()) {
        Mute m;
        m.id = q.value(0).toLongLong();
        m.userId = q.value(1).toString();
        m.tokenDigest = q.value(2).toString();
        m.address = q.value(3).toString();
        m.nickname = q.value(4).toString();
        m.createdMs = q.value(5).toLongLong();
        m.untilMs = q.value(6).toLongLong();
        m.reason = q.value(7).toString();
        m.originUserId = q.value(8).toString();
        m_mutes.append(m);
        m_nextId = std::max(m_nextId, m.id + 1);
    }
    m_persistent = true;
    purgeExpired(QDateTime::currentMSecsSinceEpoch());
    return true;
}

void MuteStore::purgeExpired(qint64 nowMs)
{
    QList<qint64> expired;
    for (const Mute &m : std::as_const(m_mutes)) {
        if (!m.isActive(nowMs))
            expired.append(m.id);
    }
    if (!expired.isEmpty())
        remove(expired);
}

Mute MuteStore::add(Mute mute, QString *error)
{
    QList<qint64> older;
    for (const Mute &m : std::as_const(m_mutes)) {
        // A person's mute replaces that person's; an address's (no user id) that address's.
        const bool same = mute.userId.isEmpty() ? m.userId.isEmpty() && m.address == mute.address
                                                : m.userId == mute.userId;
        if (same || !m.isActive(mute.createdMs))
            older.append(m.id);
    }
    remove(older, error);
    if (m_persistent) {
        QSqlQuery q(m_db.database());
        q.prepare(QStringLiteral(
                "INSERT INTO mutes (user_id, token_digest, address, nickname,"
                " created, until, reason, origin_user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(mute.userId.isEmpty() ? QStringLiteral("") : mute.userId); // not NULL
        q.addBindValue(mute.tokenDigest);
        q.addBindValue(mute.address);
        q.addBindValue(mute.nickname);
        q.addBindValue(mute.createdMs);
        q.addBindValue(mute.untilMs);
        q.addBindValue(mute.reason);
        q.addBindValue(mute.originUserId);
        if (q.exec()) {
            mute.id = q.lastInsertId().toLongLong();
            m_nextId = std::max(m_nextId, mute.id + 1);
            m_mutes.append(mute);
            return mute;
        }
        if (error)
            *error = QCoreApplication::translate(
                             "Moderation",
                             "The mute holds until the app stops but could not be saved: %1")
                             .arg(q.lastError().text());
        qCWarning(lcChat) << "mute not saved:" << q.lastError().text();
        m_persistent = false;
    }
    mute.id = m_nextId++;
    m_mutes.append(mute);
    return mute;
}

std::optional<Mute> MuteStore::find(const QString &userId, const QString &tokenDigest,
                                    const QString &address, qint64 nowMs,
                                    bool personByAddress) const
{
    // The person's own mute, or one that holds their address: a mute of the address itself, or
    // (personByAddress) anyone's mute from that address. Of several, the one that lasts longest.
    const auto lasts = [](const Mute &m) {
        return m.untilMs == 0 ? std::numeric_limits<qint64>::max() : m.untilMs;
    };
    std::optional<Mute> own;
    std::optional<Mute> byAddress;
    for (const Mute &m : m_mutes) {
        if (!m.isActive(nowMs))
            continue;
        if ((!userId.isEmpty() && m.userId == userId)
            || (!tokenDigest.isEmpty() && m.tokenDigest == tokenDigest)) {
            if (!own || lasts(m) > lasts(*own))
                own = m;
        } else if (!address.isEmpty() && m.address == address
                   && (m.userId.isEmpty() || personByAddress)) {
            if (!byAddress || lasts(m) > lasts(*byAddress))
                byAddress = m;
        }
    }
    if (own && byAddress && lasts(*byAddress) > lasts(*own))
        return byAddress;
    return own ? own : byAddress;
}

std::optional<Mute> MuteStore::byId(qint64 id) const
{
    for (const Mute &m : m_mutes) {
        if (m.id == id)
            return m;
    }
    return std::nullopt;
}

QList<Mute> MuteStore::byNicknameKey(const QString &key, qint64 nowMs) const
{
    QList<Mute> out;
    for (const Mute &m : m_mutes) {
        if (m.isActive(nowMs) && Chat::nicknameKey(m.nickname) == key)
            out.append(m);
    }
    return out;
}

QList<Mute> MuteStore::remove(const QList<qint64> &ids, QString *error)
{
    QList<Mute> removed;
    for (qint64 id : ids) {
        const auto it = std::find_if(m_mutes.begin(), m_mutes.end(),
                                     [id](const Mute &m) { return m.id == id; });
        if (it == m_mutes.end())
            continue;
        if (m_persistent) {
            QSqlQuery q(m_db.database());
            q.prepare(QStringLiteral("DELETE FROM mutes WHERE id = ?"));
            q.addBindValue(id);
            if (!q.exec() && error)
                *error = q.lastError().text();
        }
        removed.append(*it);
        m_mutes.erase(it);
    }
    return removed;
}

QList<Mute> MuteStore::active(qint64 nowMs) const
{
    QList<Mute> out;
    for (const Mute &m : m_mutes) {
        if (m.isActive(nowMs))
            out.append(m);
    }
    return out;
}

} // namespace ChatHost::Moderation
