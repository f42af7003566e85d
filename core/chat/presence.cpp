// See presence.h.
#include "chat/presence.h"

#include "chat/chatoptions.h"
#include "chat/chatpayloads.h"
#include "chat/roster.h"

namespace ChatHost::Chat {

using Json::JsonValue;

Presence::Presence(const Roster &roster, const ChatOptions &options, Outlet outlet, Clock clock,
                   QObject *parent)
    : QObject(parent)
    , m_roster(roster)
    , m_options(options)
    , m_outlet(std::move(outlet))
    , m_clock(std::move(clock))
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(250);
    connect(&m_batchTimer, &QTimer::timeout, this, &Presence::flush);
    m_typingTimer.setInterval(std::max(50, m_options.typingChangeGapMs / 4));
    connect(&m_typingTimer, &QTimer::timeout, this, &Presence::flushTyping);
}

void Presence::schedule()
{
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void Presence::joined(const ChatUser &user, bool announce)
{
    m_pendingJoins.append({user.socketId, user.userId, user.nickname,
                           user.joinedAt.toMSecsSinceEpoch(), announce});
    schedule();
}

void Presence::left(const Member &member, bool announce)
{
    const ChatUser &user = member.user;
    m_typingPending.remove(user.socketId);
    if (member.typing)
        m_outlet.send(nullptr, QStringLiteral("typing"), Payloads::typing(user.nickname, false));
    // Joined and left within one batch: nobody needs to hear about it.
    const auto joined
            = std::find_if(m_pendingJoins.begin(), m_pendingJoins.end(),
                           [&user](const Change &c) { return c.socketId == user.socketId; });
    if (joined != m_pendingJoins.end()) {
        m_pendingJoins.erase(joined);
        return;
    }
    m_pendingLeaves.append({user.socketId, user.userId, user.nickname,
                            user.joinedAt.toMSecsSinceEpoch(), announce});
    schedule();
}

void Presence::renamed(const ChatUser &user, const QString &oldNickname)
{
    flush(); // keep the order: who is here before who is renamed
    m_outlet.send(nullptr, QStringLiteral("presence"),
                  Payloads::renamed(oldNickname, user.nickname, user.userId));
    // Told to those here now, not stored: newcomers' history is the conversation, not renames.
    //: %1 old nickname, %2 new nickname
    m_outlet.notice(tr("%1 is now known as %2").arg(oldNickname, user.nickname), false);
}

JsonValue Presence::welcomeList() const
{
    JsonValue users{JsonValue::Array{}};
    const QList<Member *> listed = m_roster.newest(kListedPeople);
    for (const Member *m : listed)
        users.arrayPtr()->push_back(Payloads::person(
                m->user.nickname, m->user.joinedAt.toMSecsSinceEpoch(), m->user.userId));
    return users;
}

QString Presence::describeNames(const QStringList &names)
{
    if (names.size() == 1)
        return names.constFirst();
    if (names.size() == 2)
        //: two nicknames
        return tr("%1 and %2").arg(names[0], names[1]);
    if (names.size() == 3)
        return tr("%1, %2 and %3").arg(names[0], names[1], names[2]);
    //: %1 and %2 are nicknames
    return tr("%1, %2 and %n other(s)", nullptr, int(names.size()) - 2).arg(names[0], names[1]);
}

void Presence::flush()
{
    m_batchTimer.stop();
    if (m_pendingJoins.isEmpty() && m_pendingLeaves.isEmpty())
        return;
    const QList<Change> joins = std::exchange(m_pendingJoins, {});
    const QList<Change> leaves = std::exchange(m_pendingLeaves, {});
    // Pages apply "left" before "joined". In a big room a batch names at most kNamedPerBatch
    // people each way and says how many more: every page receives every batch, so its size must
    // not grow with the crowd.
    const bool bigRoom = m_roster.count() > kListedPeople;
    JsonValue::Array joined;
    QStringList announcedJoins;
    for (const Change &c : joins) {
        if (!bigRoom || qsizetype(joined.size()) < kNamedPerBatch)
            joined.push_back(Payloads::person(c.nickname, c.joinedAtMs, c.userId));
        if (c.announce)
            announcedJoins.append(c.nickname);
    }
    JsonValue::Array left;
    JsonValue::Array leftIds; // the same people's user ids, in the same order
    QStringList announcedLeaves;
    for (const Change &c : leaves) {
        if (!bigRoom || qsizetype(left.size()) < kNamedPerBatch) {
            left.push_back(JsonValue(c.nickname));
            leftIds.push_back(JsonValue(c.userId));
        }
        if (c.announce)
            announcedLeaves.append(c.nickname);
    }
    const int joinedMore = bigRoom ? int(joins.size()) - int(joined.size()) : -1;
    const int leftMore = bigRoom ? int(leaves.size()) - int(left.size()) : -1;
    m_outlet.send(nullptr, QStringLiteral("presence"),
                  Payloads::presence(std::move(left), std::move(joined), m_roster.count(),
                                     std::move(leftIds), joinedMore, leftMore));
    if (m_outlet.batchSent)
        m_outlet.batchSent(joins.size() + leaves.size());
    if (!announcedLeaves.isEmpty())
        //: %1 is one or more nicknames ("Ann", "Ann and Bob", "Ann, Bob and 3 others")
        m_outlet.notice(tr("%1 left").arg(describeNames(announcedLeaves)), true);
    if (!announcedJoins.isEmpty())
        //: %1 is one or more nicknames ("Ann", "Ann and Bob", "Ann, Bob and 3 others")
        m_outlet.notice(tr("%1 joined").arg(describeNames(announcedJoins)), true);
}

void Presence::typing(Member &member, bool typing)
{
    const qint64 now = m_clock();
    member.typingWanted = typing;
    if (typing == member.typing) {
        // Nothing changed (or a change waiting was taken back). A repeated "true" is passed on
        // now and then: the page expires it by itself.
        m_typingPending.remove(member.user.socketId);
        if (!typing || now - member.lastTypingMs < m_options.typingThrottleMs)
            return;
    }
    if (member.lastTypingMs >= 0 && now - member.lastTypingMs < m_options.typingChangeGapMs) {
        // Too soon after the last one: the latest wish goes out when the gap is over.
        m_typingPending.insert(member.user.socketId);
        if (!m_typingTimer.isActive())
            m_typingTimer.start();
        return;
    }
    sendTyping(member, typing, now);
}

void Presence::stopTyping(Member &member)
{
    member.typingWanted = false;
    m_typingPending.remove(member.user.socketId);
    if (member.typing)
        sendTyping(member, false, m_clock());
}

void Presence::sendTyping(Member &member, bool typing, qint64 now)
{
    member.typing = typing;
    member.lastTypingMs = now;
    m_outlet.send(&member, QStringLiteral("typing"),
                  Payloads::typing(member.user.nickname, typing));
}

void Presence::flushTyping()
{
    const qint64 now = m_clock();
    for (auto it = m_typingPending.begin(); it != m_typingPending.end();) {
        const Roster::MemberPtr member = m_roster.find(*it);
        if (!member) {
            it = m_typingPending.erase(it);
            continue;
        }
        if (now - member->lastTypingMs < m_options.typingChangeGapMs) {
            ++it;
            continue;
        }
        if (member->typingWanted != member->typing)
            sendTyping(*member, member->typingWanted, now);
        it = m_typingPending.erase(it);
    }
    if (m_typingPending.isEmpty())
        m_typingTimer.stop();
}

} // namespace ChatHost::Chat
