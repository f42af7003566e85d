// Mutes that outlast a connection: each is kept with the person's public user id, a digest of
// their resume token and the address they were muted from, so neither a reload, a new connection
// nor a restart ends it; only its end time or the host does. SQLite next to the bans (own table),
// or memory when the database cannot be used.
#pragma once

#include "common/sqliteconnection.h"

#include <QHostAddress>
#include <QList>
#include <QString>

#include <optional>

namespace ChatHost::Moderation {

struct Mute
{
    qint64 id = 0;
    QString userId;
    QString tokenDigest; // SHA-256 of the resume token, hex; the token itself is never stored
    QString address; // normalized (see normalizedAddress)
    QString nickname; // when muted, for the host's commands
    qint64 createdMs = 0;
    qint64 untilMs = 0; // 0: until unmuted
    QString reason;
    // For a mute that followed a muted person into a fresh tab: that person's user id (unmuting
    // them lifts it too).
    QString originUserId;

    bool isActive(qint64 nowMs) const { return untilMs == 0 || untilMs > nowMs; }
};

class MuteStore
{
public:
    MuteStore();
    ~MuteStore();
    MuteStore(const MuteStore &) = delete;
    MuteStore &operator=(const MuteStore &) = delete;

    static QString tokenDigest(const QString &resumeToken);

    bool open(const QString &path, QString *error = nullptr);
    bool isPersistent() const { return m_persistent; }

    // Replaces any mute of the same user id (a mute of an address alone, with no user id: any
    // such mute of the same address).
    Mute add(Mute mute, QString *error = nullptr);
    // The active mute that holds this user id or resume token digest, or their address: a mute
    // of the address alone (no user id), and with personByAddress anyone's mute from that address
    // too (for a newcomer with no identity yet: a muted person in a fresh tab). Of several, the
    // one that lasts longest.
    std::optional<Mute> find(const QString &userId, const QString &tokenDigest,
                             const QString &address, qint64 nowMs,
                             bool personByAddress = false) const;
    std::optional<Mute> byId(qint64 id) const;
    // Active mutes of someone who last used this nickname (case-insensitive key given).
    QList<Mute> byNicknameKey(const QString &key, qint64 nowMs) const;
    // Removes the mutes with these ids; returns those removed.
    QList<Mute> remove(const QList<qint64> &ids, QString *error = nullptr);
    QList<Mute> active(qint64 nowMs) const;

private:
    void purgeExpired(qint64 nowMs);

    SqliteConnection m_db{QStringLiteral("mutes")};
    bool m_persistent = false;
    QList<Mute> m_mutes; // loaded at open; the database mirrors it
    qint64 m_nextId = 1;
};

} // namespace ChatHost::Moderation
