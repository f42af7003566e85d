// See privatemessages.h.
#include "chat/privatemessages.h"

#include "chat/chatoptions.h"
#include "chat/messagepolicy.h"
#include "chat/roster.h"
#include "moderation/mutestore.h"

namespace ChatHost::Chat {

using Json::JsonValue;

PrivateMessages::PrivateMessages(const Roster &roster, const ChatOptions &options,
                                 MessagePolicy &policy, Clock clock)
    : m_roster(roster)
    , m_options(options)
    , m_policy(policy)
    , m_clock(std::move(clock))
{ }

Refusal PrivateMessages::quiet(ErrorCode code, const QString &text)
{
    return Refusal{errorCodeName(code), text, -1, false};
}

PrivateMessages::Verdict PrivateMessages::check(Member &from, const JsonValue &request)
{
    Verdict v;
    const JsonValue &to = request[u"to"];
    const JsonValue &replyTo = request[u"replyTo"];
    bool replyToOk = true;
    if (!replyTo.isNull())
        replyTo.toInteger(&replyToOk);
    if (!request.isObject() || !to.isString() || to.toString().size() > kMaxUserIdLength
        || !request.contains(u"text") || !replyToOk) {
        v.refusal = quiet(ErrorCode::BadRequest,
                          tr("A private message needs a recipient (to: a user id) and a text."));
        return v;
    }
    if (!m_options.privateMessages) {
        v.refusal = quiet(ErrorCode::PrivateOff, tr("The host turned private messages off."));
        return v;
    }
    const QString toId = to.toString();
    if (toId == from.user.userId) {
        v.refusal = quiet(ErrorCode::Self, tr("You cannot send a private message to yourself."));
        return v;
    }
    Member *recipient = m_roster.byUserId(toId);
    if (!recipient) {
        v.refusal = quiet(ErrorCode::NoSuchPerson, tr("That person is not here any more."));
        return v;
    }
    if (m_blocks.blocks(toId, from.user.userId)) {
        v.refusal = quiet(
                ErrorCode::Blocked,
                //: %1 is a nickname
                tr("%1 does not accept private messages from you.").arg(recipient->user.nickname));
        return v;
    }
    // Every rule of a chat message, in the same order and with the same budgets.
    const MessagePolicy::Verdict policy = m_policy.check(from, request[u"text"]);
    v.refusal = policy.refusal;
    v.text = policy.text;
    v.nowMs = policy.nowMs;
    if (!v.refusal)
        v.recipient = recipient;
    return v;
}

std::optional<Refusal> PrivateMessages::block(const Member &from, const JsonValue &request)
{
    const JsonValue &userId = request[u"userId"];
    const JsonValue &blocked = request[u"blocked"];
    if (!request.isObject() || !userId.isString() || userId.toString().isEmpty()
        || userId.toString().size() > kMaxUserIdLength || !blocked.isBool())
        return quiet(ErrorCode::BadRequest,
                     tr("A block needs a person (userId) and whether to block them (blocked)."));
    if (userId.toString() == from.user.userId)
        return quiet(ErrorCode::Self, tr("You cannot block yourself."));
    // Only people who are here can be put on a list (unblocking anyone is fine): a list holds
    // real people, not ids made up to fill memory.
    if (blocked.toBool() && !m_roster.byUserId(userId.toString()))
        return quiet(ErrorCode::NoSuchPerson, tr("That person is not here any more."));
    if (const std::optional<qint64> wait
        = m_blockBudgets.spend(from.user.userId, kBlockChanges, kBlockPeriodMs, m_clock())) {
        Refusal r = quiet(ErrorCode::RateLimited,
                          tr("You are changing your block list too fast; wait %n second(s).",
                             nullptr, int((*wait + 999) / 1000)));
        r.retryAfterMs = *wait;
        return r;
    }
    const Member *whom = m_roster.byUserId(userId.toString());
    if (blocked.toBool() && m_blocks.full(from.user.userId))
        return quiet(ErrorCode::BadRequest,
                     tr("The host's list of blocks is full; ask the host to ban instead."));
    if (!m_blocks.set(from.user.userId, userId.toString(), blocked.toBool(),
                      Moderation::MuteStore::tokenDigest(from.resumeToken),
                      whom ? Moderation::MuteStore::tokenDigest(whom->resumeToken) : QString()))
        return quiet(
                ErrorCode::BadRequest,
                tr("You can block at most %n person(s).", nullptr, int(BlockList::kMaxPerPerson)));
    return std::nullopt;
}

std::optional<Refusal> PrivateMessages::checkHost(const QString &userId, const QString &text) const
{
    if (!m_roster.byUserId(userId))
        return quiet(ErrorCode::NoSuchPerson, tr("That person is not here any more."));
    if (text.trimmed().isEmpty())
        return quiet(ErrorCode::Empty, tr("The message is empty."));
    if (m_options.maxMessageLength > 0
        && MessagePolicy::codePointCount(text) > m_options.maxMessageLength)
        return quiet(
                ErrorCode::TooLong,
                tr("Messages can be at most %1 characters long.").arg(m_options.maxMessageLength));
    return std::nullopt;
}

} // namespace ChatHost::Chat
