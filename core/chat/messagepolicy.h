// What may be posted: the rules one chat message meets before anyone sees it (text, length, the
// host's mute, the room lock, slow mode, the word filter, the person's rate and the rate of
// their whole network address), and the rules for a rename. No sockets: a check returns the text
// to post or a Refusal, and the time comes from a Clock, so the rules table-test.
#pragma once

#include "chat/addressbudget.h"
#include "chat/budgetbook.h"
#include "chat/chatpayloads.h"
#include "chat/clock.h"
#include "chat/identityregistry.h"
#include "moderation/wordfilter.h"

#include <QCoreApplication>

#include <optional>

namespace ChatHost::Chat {

struct ChatOptions;
struct Member;

class MessagePolicy
{
    Q_DECLARE_TR_FUNCTIONS(ChatHost::Chat::MessagePolicy)
public:
    struct Verdict
    {
        std::optional<Refusal> refusal; // empty: accepted
        QString text; // what to post (the filter may have masked words)
        qint64 nowMs = 0;
    };

    // options must outlive the policy; call configure() after they change.
    MessagePolicy(const ChatOptions &options, Clock clock = systemClock());

    // Takes the filter words and the per-address rate from the options.
    void configure();
    const Moderation::WordFilter &filter() const { return m_filter; }

    // The rules in the order a refusal names the first broken one. Spends nothing (an accepted
    // message is paid for by accept()).
    Verdict check(Member &member, const Json::JsonValue &message);
    // Spends the person's and the address's tokens and starts the slow-mode wait.
    void accept(Member &member, qint64 nowMs);
    // A rename speaks to everyone: not while muted or locked (the nickname chosen when joining
    // comes with the connection and always works).
    std::optional<Refusal> checkRename(const Member &member) const;
    // Spends one of the person's renames (renameCount per renamePeriodMs, kept by user id, so a
    // reconnect does not refill them), or says how long to wait.
    std::optional<Refusal> spendRename(const Member &member);

    static qsizetype codePointCount(QStringView text);

private:
    std::optional<Refusal> checkText(const Json::JsonValue &message) const;
    std::optional<Refusal> checkMute(const Member &member, qint64 now) const;
    std::optional<Refusal> checkRates(Member &member, qint64 now);

    const ChatOptions &m_options;
    Clock m_clock;
    Moderation::WordFilter m_filter;
    SlowModeClock m_slowClock;
    AddressBudget m_addressBudget;
    BudgetBook m_renameBudgets; // by user id
};

} // namespace ChatHost::Chat
