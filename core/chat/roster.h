// Who is here: each connected person with their per-connection state, in join order, with the
// indexes that keep a join O(log n): nickname key, public user id, resume token and network
// address (the one count of people per address). Knows no sockets beyond a pointer it keeps for
// the service; tests fill it with members that have none.
#pragma once

#include "chat/clock.h"
#include "chat/identityregistry.h"
#include "chat/ratelimiter.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QMap>
#include <QMultiHash>
#include <QSet>

#include <functional>
#include <limits>
#include <memory>
#include <optional>

namespace ChatHost::SocketIO {
class Socket;
}
namespace ChatHost::Moderation {
class MuteStore;
}

namespace ChatHost::Chat {

struct ChatOptions;
class BlockList;

struct ChatUser
{
    QString socketId;
    // Public and stable: the same person keeps it across reconnects (resume token); never the
    // socket id or the nickname. Pages see it as userId / authorId.
    QString userId;
    QString nickname;
    QDateTime joinedAt;
    QHostAddress address;
    bool webSocket = false;
    int messagesSent = 0;
    qint64 mutedUntilMs = 0; // 0: not muted; kForever: until unmuted
    QString muteReason;

    static constexpr qint64 kForever = std::numeric_limits<qint64>::max();
    bool isMuted(qint64 nowMs) const { return mutedUntilMs > nowMs; }
};

// One connected person and what the chat keeps about their connection.
struct Member
{
    ChatUser user;
    QString addressKey; // Moderation::normalizedAddress(user.address)
    SocketIO::Socket *socket = nullptr; // null in tests
    RateLimiter limiter; // messages
    RateLimiter historyRequests;
    bool historyPending = false; // one history answer at a time
    qint64 lastTypingMs = -1; // when typing was last passed on
    bool typing = false; // what the others were last told
    bool typingWanted = false; // a change waiting for typingChangeGapMs
    qint64 muteId = 0; // the MuteStore entry that applies, 0: none
    bool freshIdentity = false; // joined with no known identity (no token we knew)
    QString resumeToken; // lets the same page take its nickname back after a reconnect
    bool replaced = false; // leaves without the usual notice (reconnected, or removed by the host)
    quint64 joinSeq = 0; // position in the join order
};

class Roster
{
public:
    using MemberPtr = std::shared_ptr<Member>;

    explicit Roster(Clock clock = systemClock())
        : m_clock(std::move(clock))
    { }
    Roster(const Roster &) = delete;
    Roster &operator=(const Roster &) = delete;

    // Who a newcomer is, from the resume token they present (resumed: their old connection was
    // just taken over): the user id and spent budgets of the page that left with the token, or,
    // after a restart, of a muted page the mute store knows by the token; otherwise a new
    // identity. Sets userId, historyRequests, freshIdentity and resumeToken.
    // A block list that names the token's person (after a restart) gives its user id back too.
    void identify(Member &member, const QString &token, bool resumed, const ChatOptions &options,
                  const Moderation::MuteStore &mutes, const BlockList *blocks = nullptr);
    // Adds a member (socket id, user id, nickname and address set) at the end of the join order.
    void add(const MemberPtr &member);
    // Removes them from every index; their resume token remembers who they were (user id,
    // nickname, spent budgets) for a page that comes back. Null if not here.
    MemberPtr remove(const QString &socketId);
    // Changes the nickname and its index (the caller checked it with takenBy()).
    void rename(Member &member, const QString &nickname);

    int count() const { return int(m_bySocket.size()); }
    // Shared, so a handler keeps the state alive if the person leaves meanwhile.
    MemberPtr find(const QString &socketId) const { return m_bySocket.value(socketId); }
    Member *byUserId(const QString &userId) const { return m_byUserId.value(userId); }
    bool hasUserId(const QString &userId) const { return m_byUserId.contains(userId); }
    // The connected member who holds this resume token under this nickname (a reconnecting page).
    Member *byResumeToken(const QString &token, const QString &nickname) const;
    // What a page that left with this token carried (taken: it comes back only once).
    std::optional<IdentityRegistry::Carried> takeLeft(const QString &token)
    {
        return m_leftRecently.take(token, m_clock());
    }
    // How many people are connected from a normalized address, and who.
    int peopleAt(const QString &addressKey) const;
    QList<Member *> membersAt(const QString &addressKey) const;

    // Everyone in join order; the newest n (oldest of them first).
    QList<ChatUser> users() const;
    QList<Member *> newest(qsizetype n) const;
    QList<MemberPtr> all() const { return m_bySocket.values(); }

    // For checkNickname(): whether a nickname key is held by someone other than exceptSocketId.
    std::function<bool(const QString &)> takenBy(const QString &exceptSocketId = {}) const;
    // A free "Guest-1234" name.
    QString guestName(const QString &hostName) const;

private:
    Clock m_clock;
    QHash<QString, MemberPtr> m_bySocket;
    QMap<quint64, Member *> m_joinOrder;
    quint64 m_nextJoinSeq = 0;
    QHash<QString, QString> m_nicknameOwners; // nicknameKey -> socket id
    QHash<QString, Member *> m_byUserId;
    QMultiHash<QString, Member *> m_byToken; // a token presented twice may be held twice
    QHash<QString, QSet<Member *>> m_byAddress;
    IdentityRegistry m_leftRecently; // by resume token
};

} // namespace ChatHost::Chat
