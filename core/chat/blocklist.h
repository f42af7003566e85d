// Whom each person blocks: a blocked person's private messages to them are refused (`blocked`).
// Kept by public user id, so a list follows the person across reconnects with their resume
// token. With open(), also in SQLite next to the history (`blocks` table), so a restart keeps it:
// each entry keeps the SHA-256 digests of both people's resume tokens (never the tokens), so
// that after a restart a page that comes back with its token gets its user id back
// (userIdForToken(), as a muted person's does) and the block still holds between the two. A page
// without its token is a new identity with an empty list that nobody blocks: a new identity
// dodges a block (the host's ban is the tool for that). Bounded: kMaxPerPerson entries per list,
// kMaxPeople lists (then new lists are refused: dropping old ones would let new identities wipe
// everyone's blocks), kMaxIdentities digests. If the
// database fails, the lists go on in memory.
#pragma once

#include "common/sqliteconnection.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace ChatHost::Chat {

class BlockList
{
public:
    // Whether who has no list and no new one can be made (kMaxPeople lists exist).
    bool full(const QString &who) const
    {
        return m_lists.size() >= kMaxPeople && !m_lists.contains(who);
    }
    static constexpr qsizetype kMaxPerPerson = 500;
    static constexpr qsizetype kMaxPeople = 10000;
    static constexpr qsizetype kMaxIdentities = 50000;

    BlockList() = default;
    BlockList(const BlockList &) = delete;
    BlockList &operator=(const BlockList &) = delete;

    // Keeps the lists in the database file (created if needed) and loads what it holds. On
    // failure the lists stay in memory only and error says why.
    bool open(const QString &path, QString *error = nullptr);
    bool isPersistent() const { return m_persistent; }

    // Whether `who` blocks `whom` from now on. False (nothing changed) when the list is full.
    // The digests (MuteStore::tokenDigest()) let the two people be known again after a restart.
    bool set(const QString &who, const QString &whom, bool blocked, const QString &whoDigest = {},
             const QString &whomDigest = {});
    // The user id of the person whose resume token has this digest, if a block list names them.
    QString userIdForToken(const QString &tokenDigest) const
    {
        return m_identities.value(tokenDigest);
    }
    bool blocks(const QString &who, const QString &whom) const;
    // The person's whole list, sorted.
    QStringList list(const QString &who) const;
    qsizetype people() const { return m_lists.size(); }

private:
    struct List
    {
        QSet<QString> blocked;
        quint64 changed = 0;
    };
    // Runs one write; on failure the lists go on in memory only.
    void write(const QString &sql, const QVariantList &binds);
    void know(const QString &digest, const QString &userId);

    QHash<QString, List> m_lists; // by the blocking person's user id
    quint64 m_seq = 0;
    QHash<QString, QString> m_identities; // token digest -> user id
    SqliteConnection m_db{QStringLiteral("blocks")};
    bool m_persistent = false;
};

} // namespace ChatHost::Chat
