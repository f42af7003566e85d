// Private messages: what a `private message` {to, text, replyTo?} and a `block` {userId, blocked}
// must meet before anything happens (docs/chat-protocol.md). A private message meets the room's
// switch (`private-off`), names someone else who is here (`self`, `no-such-person`) who does not
// block the sender (`blocked`), and then every rule of a chat message (MessagePolicy: length,
// mute, lock, slow mode, filter, the person's and the address's rates, the same budgets). No
// sockets: ChatService stores and delivers what is accepted to the two people only.
#pragma once

#include "chat/blocklist.h"
#include "chat/budgetbook.h"
#include "chat/chatpayloads.h"
#include "chat/clock.h"
#include "json/jsonvalue.h"

#include <QCoreApplication>

#include <optional>

namespace ChatHost::Chat {

struct ChatOptions;
struct Member;
class MessagePolicy;
class Roster;

class PrivateMessages
{
    Q_DECLARE_TR_FUNCTIONS(ChatHost::Chat::PrivateMessages)
public:
    struct Verdict
    {
        std::optional<Refusal> refusal; // empty: accepted (then pay with MessagePolicy::accept)
        Member *recipient = nullptr;
        QString text; // what to store and deliver (the filter may have masked words)
        qint64 nowMs = 0;
    };

    // All must outlive this part.
    PrivateMessages(const Roster &roster, const ChatOptions &options, MessagePolicy &policy,
                    Clock clock = systemClock());

    // A person's `private message` request. Spends nothing.
    Verdict check(Member &from, const Json::JsonValue &request);
    // A person's `block` request: changes their list, or says why not.
    std::optional<Refusal> block(const Member &from, const Json::JsonValue &request);
    // The host writes to a person: no rule but an existing recipient and sensible text.
    std::optional<Refusal> checkHost(const QString &userId, const QString &text) const;

    // Keeps the block lists in the history's database file (see BlockList::open()).
    bool openBlockStore(const QString &path, QString *error = nullptr)
    {
        return m_blocks.open(path, error);
    }
    const BlockList &blocks() const { return m_blocks; }
    QStringList blockedBy(const QString &userId) const { return m_blocks.list(userId); }

    static constexpr qsizetype kMaxUserIdLength = 64;
    // Block list changes per person: every answer carries the whole list, so they are budgeted.
    static constexpr int kBlockChanges = 10;
    static constexpr qint64 kBlockPeriodMs = 10000;

private:
    static Refusal quiet(ErrorCode code, const QString &text); // not for the host's log

    const Roster &m_roster;
    const ChatOptions &m_options;
    MessagePolicy &m_policy;
    BlockList m_blocks;
    BudgetBook m_blockBudgets; // by user id
    Clock m_clock;
};

} // namespace ChatHost::Chat
