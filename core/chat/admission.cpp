// See admission.h.
#include "chat/admission.h"

#include "chat/chatoptions.h"
#include "chat/roster.h"
#include "moderation/moderationstore.h"

#include <QCryptographicHash>

namespace ChatHost::Chat {

Admission::Admission(const ChatOptions &options, const Roster &roster,
                     const Moderation::ModerationStore &bans, Clock clock)
    : m_options(options)
    , m_roster(roster)
    , m_bans(bans)
    , m_clock(std::move(clock))
{ }

std::optional<Moderation::Ban> Admission::banFor(const QString &nickname,
                                                 const QHostAddress &address) const
{
    const QList<Moderation::Ban> bans = m_bans.activeBans(m_clock());
    for (const Moderation::Ban &b : bans) {
        if (b.matches(nickname, address))
            return b;
    }
    return std::nullopt;
}

std::optional<Refusal> Admission::check(const QString &nickname, const QHostAddress &address,
                                        const Json::JsonValue &password)
{
    if (const auto b = banFor(nickname, address)) {
        return refusal(ErrorCode::Banned,
                       b->reason.isEmpty()
                               ? tr("You are banned from this chat.")
                               //: %1 is the reason the host gave
                               : tr("You are banned from this chat: %1").arg(b->reason));
    }
    const QString addressKey = Moderation::normalizedAddress(address);
    if (auto refused = checkPassword(addressKey, password))
        return refused;
    // One machine must not fill the people list: each address gets a few seats, not all.
    if (m_options.maxPeoplePerAddress > 0
        && m_roster.peopleAt(addressKey) >= m_options.maxPeoplePerAddress)
        return refusal(ErrorCode::TooManyFromAddress,
                       tr("Too many people are connected from your network address "
                          "(at most %n); close a tab or try again later.",
                          nullptr, m_options.maxPeoplePerAddress),
                       kTooManyFromAddressRetryMs);
    if (m_options.maxPeople > 0 && m_roster.count() >= m_options.maxPeople)
        return refusal(ErrorCode::RoomFull,
                       tr("The chat is full (%n person(s)); try again later.", nullptr,
                          m_options.maxPeople));
    return std::nullopt;
}

bool Admission::passwordMatches(const QString &given) const
{
    // Compare digests in constant time: how long it takes says nothing about the password.
    const QByteArray a = QCryptographicHash::hash(given.toUtf8(), QCryptographicHash::Sha256);
    const QByteArray b
            = QCryptographicHash::hash(m_options.password.toUtf8(), QCryptographicHash::Sha256);
    unsigned char difference = 0;
    for (int i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

std::optional<Refusal> Admission::checkPassword(const QString &addressKey,
                                                const Json::JsonValue &given)
{
    if (m_options.password.isEmpty())
        return std::nullopt;
    const qint64 now = m_clock();
    PasswordFailures &f = m_passwordFailures[addressKey];
    if (f.blockedUntilMs > now) {
        const qint64 wait = f.blockedUntilMs - now;
        return refusal(ErrorCode::TooManyAttempts,
                       tr("Too many wrong passwords; try again in %n second(s).", nullptr,
                          int((wait + 999) / 1000)),
                       wait);
    }
    if (!given.isString() || given.toString().isEmpty()) {
        if (f.count == 0 && f.blockedUntilMs == 0)
            m_passwordFailures.remove(addressKey);
        return refusal(ErrorCode::PasswordRequired, tr("This chat needs a password."));
    }
    if (passwordMatches(given.toString())) {
        m_passwordFailures.remove(addressKey);
        return std::nullopt;
    }
    if (now - f.windowStartMs > kPasswordWindowMs) {
        f.windowStartMs = now;
        f.count = 0;
    }
    if (++f.count >= m_options.passwordAttemptsPerMinute) {
        f.blockedUntilMs = now + kPasswordWindowMs;
        f.count = 0;
    }
    return refusal(ErrorCode::WrongPassword, tr("Wrong password."));
}

} // namespace ChatHost::Chat
