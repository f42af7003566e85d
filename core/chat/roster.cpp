// See roster.h.
#include "chat/roster.h"

#include "chat/blocklist.h"
#include "chat/chatoptions.h"
#include "common/randomid.h"
#include "moderation/mutestore.h"
#include "rules/nickname.h"

#include <QRandomGenerator>

namespace ChatHost::Chat {

namespace {
// Public user ids: 12 URL-safe characters (72 random bits), unrelated to socket ids and tokens.
QString newUserId()
{
    return randomId(9);
}
} // namespace

void Roster::identify(Member &member, const QString &token, bool resumed,
                      const ChatOptions &options, const Moderation::MuteStore &mutes,
                      const BlockList *blocks)
{
    const std::optional<IdentityRegistry::Carried> carried
            = token.isEmpty() ? std::nullopt : takeLeft(token);
    const QString digest = Moderation::MuteStore::tokenDigest(token);
    const std::optional<Moderation::Mute> mute = mutes.find(carried ? carried->userId : QString(),
                                                            digest, member.addressKey, m_clock());
    const bool knownByMute = !carried && mute && !token.isEmpty() && mute->tokenDigest == digest;
    const QString knownByBlocks = !carried && !knownByMute && !token.isEmpty() && blocks
            ? blocks->userIdForToken(digest)
            : QString();
    const bool known = knownByMute || !knownByBlocks.isEmpty();
    if (carried) {
        member.user.userId = carried->userId;
        member.historyRequests = carried->historyRequests;
    } else {
        member.user.userId = knownByMute   ? mute->userId
                : !knownByBlocks.isEmpty() ? knownByBlocks
                                           : newUserId();
        member.historyRequests
                = RateLimiter(options.historyRequestCount, options.historyRequestPeriodMs);
    }
    // Two connections never share a user id (a token presented twice): the newcomer gets its own.
    if (hasUserId(member.user.userId))
        member.user.userId = newUserId();
    member.freshIdentity = !resumed && !carried && !known;
    member.resumeToken = resumed || carried || known ? token : randomId(16);
}

void Roster::add(const MemberPtr &member)
{
    Member *m = member.get();
    m->joinSeq = m_nextJoinSeq++;
    m_bySocket.insert(m->user.socketId, member);
    m_joinOrder.insert(m->joinSeq, m);
    if (!m->user.nickname.isEmpty())
        m_nicknameOwners.insert(nicknameKey(m->user.nickname), m->user.socketId);
    m_byUserId.insert(m->user.userId, m);
    if (!m->resumeToken.isEmpty())
        m_byToken.insert(m->resumeToken, m);
    m_byAddress[m->addressKey].insert(m);
}

Roster::MemberPtr Roster::remove(const QString &socketId)
{
    MemberPtr member = m_bySocket.take(socketId);
    if (!member)
        return member;
    Member *m = member.get();
    m_joinOrder.remove(m->joinSeq);
    const auto owner = m_nicknameOwners.constFind(nicknameKey(m->user.nickname));
    if (owner != m_nicknameOwners.cend() && owner.value() == socketId)
        m_nicknameOwners.erase(owner);
    if (m_byUserId.value(m->user.userId) == m)
        m_byUserId.remove(m->user.userId);
    m_byToken.remove(m->resumeToken, m);
    if (const auto it = m_byAddress.find(m->addressKey); it != m_byAddress.end()) {
        it->remove(m);
        if (it->isEmpty())
            m_byAddress.erase(it);
    }
    // The page may come back with its token: it is the same person then.
    m_leftRecently.remember(m->resumeToken, {m->user.userId, m->user.nickname, m->historyRequests},
                            m_clock());
    return member;
}

void Roster::rename(Member &member, const QString &nickname)
{
    const auto owner = m_nicknameOwners.constFind(nicknameKey(member.user.nickname));
    if (owner != m_nicknameOwners.cend() && owner.value() == member.user.socketId)
        m_nicknameOwners.erase(owner);
    member.user.nickname = nickname;
    m_nicknameOwners.insert(nicknameKey(nickname), member.user.socketId);
}

Member *Roster::byResumeToken(const QString &token, const QString &nickname) const
{
    const QString key = nicknameKey(nickname.trimmed());
    for (auto it = m_byToken.constFind(token); it != m_byToken.cend() && it.key() == token; ++it) {
        if (nicknameKey((*it)->user.nickname) == key)
            return *it;
    }
    return nullptr;
}

int Roster::peopleAt(const QString &addressKey) const
{
    const auto it = m_byAddress.constFind(addressKey);
    return it == m_byAddress.cend() ? 0 : int(it->size());
}

QList<Member *> Roster::membersAt(const QString &addressKey) const
{
    const auto it = m_byAddress.constFind(addressKey);
    return it == m_byAddress.cend() ? QList<Member *>() : it->values();
}

QList<ChatUser> Roster::users() const
{
    QList<ChatUser> out;
    out.reserve(m_joinOrder.size());
    for (const Member *m : m_joinOrder)
        out.append(m->user);
    return out;
}

QList<Member *> Roster::newest(qsizetype n) const
{
    auto it = m_joinOrder.cend();
    for (qsizetype listed = 0; it != m_joinOrder.cbegin() && listed < n; ++listed)
        --it;
    QList<Member *> out;
    out.reserve(std::min<qsizetype>(n, m_joinOrder.size()));
    for (; it != m_joinOrder.cend(); ++it)
        out.append(*it);
    return out;
}

std::function<bool(const QString &)> Roster::takenBy(const QString &exceptSocketId) const
{
    return [this, exceptSocketId](const QString &key) {
        const auto it = m_nicknameOwners.constFind(key);
        return it != m_nicknameOwners.cend() && it.value() != exceptSocketId;
    };
}

QString Roster::guestName(const QString &hostName) const
{
    const auto taken = takenBy();
    for (int attempt = 0;; ++attempt) {
        const int digits = attempt < 50 ? 4 : 6;
        const int bound = digits == 4 ? 10000 : 1000000;
        const QString name = QStringLiteral("Guest-%1")
                                     .arg(QRandomGenerator::global()->bounded(bound), digits, 10,
                                          QLatin1Char('0'));
        if (checkNickname(name, hostName, taken).error == NicknameError::None)
            return name;
    }
}

} // namespace ChatHost::Chat
