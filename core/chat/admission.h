// Admission: whether a page that connects may come in, before it joins: bans (nickname or
// address), the room password (with a window of failures per address, then a wait), the room's
// people cap and the cap per network address. Answers with a Refusal for connect_error; the time
// comes from a Clock, so the password windows test without waiting.
#pragma once

#include "chat/chatpayloads.h"
#include "chat/clock.h"
#include "moderation/ban.h"

#include <QCoreApplication>
#include <QHash>

#include <optional>

namespace ChatHost::Moderation {
class ModerationStore;
}

namespace ChatHost::Chat {

struct ChatOptions;
class Roster;

class Admission
{
    Q_DECLARE_TR_FUNCTIONS(ChatHost::Chat::Admission)
public:
    Admission(const ChatOptions &options, const Roster &roster,
              const Moderation::ModerationStore &bans, Clock clock = systemClock());

    // The first rule the newcomer breaks, in this order: ban, password, address cap, room full.
    std::optional<Refusal> check(const QString &nickname, const QHostAddress &address,
                                 const Json::JsonValue &password);
    // The active ban that matches (an empty address matches nickname bans only).
    std::optional<Moderation::Ban> banFor(const QString &nickname,
                                          const QHostAddress &address) const;
    // The password gate alone: empty when it is right (or none is set).
    std::optional<Refusal> checkPassword(const QString &addressKey, const Json::JsonValue &given);
    // Addresses with wrong passwords remembered.
    int trackedAddresses() const { return int(m_passwordFailures.size()); }

    static constexpr qint64 kPasswordWindowMs = 60000; // failures counted per minute
    static constexpr qint64 kTooManyFromAddressRetryMs = 10000;

private:
    struct PasswordFailures
    {
        qint64 windowStartMs = 0;
        int count = 0;
        qint64 blockedUntilMs = 0;
    };
    bool passwordMatches(const QString &given) const;

    const ChatOptions &m_options;
    const Roster &m_roster;
    const Moderation::ModerationStore &m_bans;
    Clock m_clock;
    QHash<QString, PasswordFailures> m_passwordFailures; // by address
};

} // namespace ChatHost::Chat
