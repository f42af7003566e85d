// Whom each person blocks: a blocked person's private messages to them are refused (`blocked`).
// Kept by public user id, so a list follows the person across reconnects with their resume
// token; in memory only (a restart forgets it). Bounded: kMaxPerPerson entries per list and
// kMaxPeople lists (the list changed longest ago goes first).
#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace ChatHost::Chat {

class BlockList
{
public:
    static constexpr qsizetype kMaxPerPerson = 500;
    static constexpr qsizetype kMaxPeople = 10000;

    // Whether `who` blocks `whom` from now on. False (nothing changed) when the list is full.
    bool set(const QString &who, const QString &whom, bool blocked);
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
    QHash<QString, List> m_lists; // by the blocking person's user id
    quint64 m_seq = 0;
};

} // namespace ChatHost::Chat
