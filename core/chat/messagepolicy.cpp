// See messagepolicy.h.
#include "chat/messagepolicy.h"

#include "chat/chatoptions.h"
#include "chat/roster.h"

namespace ChatHost::Chat {

namespace {
constexpr auto kMessages = AddressBudget::Kind::Messages;

int seconds(qint64 ms)
{
    return int((ms + 999) / 1000);
}
} // namespace

MessagePolicy::MessagePolicy(const ChatOptions &options, Clock clock)
    : m_options(options)
    , m_clock(std::move(clock))
{
    configure();
}

void MessagePolicy::configure()
{
    m_filter.setWords(m_options.filterWords);
    m_addressBudget.configure(kMessages, m_options.effectiveAddressRateCount(),
                              m_options.effectiveAddressRatePeriodMs());
}

qsizetype MessagePolicy::codePointCount(QStringView text)
{
    qsizetype n = text.size();
    for (QChar c : text) {
        if (c.isLowSurrogate())
            --n; // the second half of a pair
    }
    return n;
}

MessagePolicy::Verdict MessagePolicy::check(Member &member, const Json::JsonValue &message)
{
    Verdict v;
    v.nowMs = m_clock();
    if ((v.refusal = checkText(message)) || (v.refusal = checkMute(member, v.nowMs)))
        return v;
    if (m_options.locked) {
        v.refusal = refusal(ErrorCode::Locked,
                            tr("The room is locked: only the host can write right now."));
        return v;
    }
    const qint64 slowPeriodMs = qint64(m_options.slowModeSeconds) * 1000;
    if (slowPeriodMs > 0) {
        // Kept by user id and address: reconnecting does not restart the clock.
        const qint64 last = m_slowClock.lastMessageMs(member.user.userId, member.addressKey,
                                                      v.nowMs, slowPeriodMs);
        if (const qint64 wait = last > 0 ? last + slowPeriodMs - v.nowMs : 0; wait > 0) {
            v.refusal = refusal(ErrorCode::SlowMode,
                                tr("Slow mode is on: one message every %n second(s).", nullptr,
                                   m_options.slowModeSeconds),
                                wait);
            return v;
        }
    }
    v.text = message.toString();
    if (m_filter.matches(v.text)) {
        if (m_options.filterMode == Moderation::WordFilter::Mode::Refuse) {
            v.refusal = refusal(ErrorCode::Filtered,
                                tr("Your message contains a word the host does not allow here."));
            return v;
        }
        v.text = m_filter.masked(v.text);
    }
    v.refusal = checkRates(member, v.nowMs);
    return v;
}

std::optional<Refusal> MessagePolicy::checkText(const Json::JsonValue &message) const
{
    if (!message.isString())
        return refusal(ErrorCode::NotText, tr("A message must be text."));
    const QString text = message.toString();
    if (text.trimmed().isEmpty())
        return refusal(ErrorCode::Empty, tr("The message is empty."));
    if (m_options.maxMessageLength > 0 && codePointCount(text) > m_options.maxMessageLength)
        return refusal(
                ErrorCode::TooLong,
                tr("Messages can be at most %1 characters long.").arg(m_options.maxMessageLength));
    return std::nullopt;
}

std::optional<Refusal> MessagePolicy::checkMute(const Member &member, qint64 now) const
{
    const ChatUser &u = member.user;
    if (!u.isMuted(now))
        return std::nullopt;
    const bool forever = u.mutedUntilMs == ChatUser::kForever;
    const QString until = forever ? tr("until the host lets you speak again")
                                  //: %1 is a time of day
                                  : tr("until %1")
                                            .arg(QDateTime::fromMSecsSinceEpoch(u.mutedUntilMs)
                                                         .toLocalTime()
                                                         .toString(QStringLiteral("HH:mm")));
    return refusal(ErrorCode::Muted,
                   u.muteReason.isEmpty()
                           //: %1 says until when, e.g. "until 14:05"
                           ? tr("The host muted you %1.").arg(until)
                           //: %1 says until when, %2 the reason the host gave
                           : tr("The host muted you %1: %2").arg(until, u.muteReason),
                   forever ? -1 : u.mutedUntilMs - now);
}

std::optional<Refusal> MessagePolicy::checkRates(Member &member, qint64 now)
{
    if (const qint64 wait = member.limiter.msUntilNext(now); wait > 0)
        return refusal(ErrorCode::RateLimited,
                       tr("You are sending too fast; wait %n second(s).", nullptr, seconds(wait)),
                       wait);
    // The budget all connections of this address share (checked before either is spent).
    if (const qint64 wait = m_addressBudget.msUntilNext(kMessages, member.addressKey, now);
        wait > 0) {
        Refusal r = refusal(ErrorCode::AddressRateLimited,
                            tr("Too many messages from your network address (all its connections "
                               "together); wait %n second(s).",
                               nullptr, seconds(wait)),
                            wait);
        // The host hears once per flood, not once per refused message.
        r.tellHost = m_addressBudget.noteRefusal(kMessages, member.addressKey, now);
        return r;
    }
    return std::nullopt;
}

void MessagePolicy::accept(Member &member, qint64 nowMs)
{
    member.limiter.tryAcquire(nowMs);
    m_addressBudget.tryAcquire(kMessages, member.addressKey, nowMs);
    if (const qint64 slowPeriodMs = qint64(m_options.slowModeSeconds) * 1000; slowPeriodMs > 0)
        m_slowClock.record(member.user.userId, member.addressKey, nowMs, slowPeriodMs);
}

std::optional<Refusal> MessagePolicy::checkRename(const Member &member) const
{
    const qint64 now = m_clock();
    const ChatUser &u = member.user;
    if (u.isMuted(now))
        return refusal(ErrorCode::Muted,
                       tr("You cannot change your nickname while the host has muted you."),
                       u.mutedUntilMs == ChatUser::kForever ? -1 : u.mutedUntilMs - now);
    if (m_options.locked)
        return refusal(ErrorCode::Locked,
                       tr("The room is locked: nicknames cannot change right now."));
    return std::nullopt;
}

std::optional<Refusal> MessagePolicy::spendRename(const Member &member)
{
    const std::optional<qint64> wait = m_renameBudgets.spend(
            member.user.userId, m_options.renameCount, m_options.renamePeriodMs, m_clock());
    if (!wait)
        return std::nullopt;
    return refusal(ErrorCode::RateLimited,
                   tr("You are changing your nickname too often; wait %n second(s).", nullptr,
                      int((*wait + 999) / 1000)),
                   *wait);
}

} // namespace ChatHost::Chat
