// What people do to messages after posting them (docs/chat-protocol.md): reply to one, react to
// one from the fixed set, and edit or delete their own within the edit window. Each request is
// checked here (the message exists and may be seen, it is theirs, the window, the reaction budget,
// mute and lock; an edit also meets the MessagePolicy like a new message) and then written to
// HistoryStore and MessageExtras. No sockets: ChatService sends what a call returns, and the time
// comes from a Clock, so the rules test on a fake clock.
#pragma once

#include "chat/budgetbook.h"
#include "chat/chatmessage.h"
#include "chat/chatpayloads.h"
#include "chat/clock.h"

#include <QCoreApplication>
#include <QHash>

#include <functional>
#include <optional>

namespace ChatHost::Chat {

struct ChatOptions;
struct Member;
class HistoryStore;
class MessageExtras;
class MessagePolicy;
class StorageProblems;

class MessageActions
{
    Q_DECLARE_TR_FUNCTIONS(ChatHost::Chat::MessageActions)
public:
    // Whether the person asking may see this message (private messages: only their two people).
    using Visible = std::function<bool(const ChatMessage &)>;

    // The fixed reaction set, in the order pages show it: U+1F44D, U+2764 U+FE0F, U+1F602,
    // U+1F62E, U+1F622, U+1F389.
    static const QStringList &reactionSet();
    // A reply's excerpt of the original: its first line, at most kExcerptLength code points.
    static QString excerpt(const QString &text);
    static constexpr int kExcerptLength = 120;

    // All references must outlive this object; problems hears of failed writes.
    MessageActions(HistoryStore *history, MessageExtras *extras, const ChatOptions &options,
                   MessagePolicy &policy, StorageProblems &problems, Clock clock = systemClock());

    struct Reply
    {
        std::optional<Refusal> refusal;
        ReplyRef ref; // not valid: not a reply
    };
    // The reply a message will carry, from the id it answers (null: not a reply). Unknown,
    // deleted, invisible ids and notices: no-such-message; not a positive integer: bad-request.
    Reply resolveReply(const Json::JsonValue &id, const Visible &visible = {}) const;
    // The same from `chat message`'s optional second argument {replyTo}.
    Reply replyFromOptions(const Json::JsonValue &options, const Visible &visible = {}) const;
    // Keeps the reply of a message that was just stored.
    void storeReply(qint64 messageId, const ReplyRef &reply);

    struct Reaction
    {
        std::optional<Refusal> refusal;
        qint64 id = 0;
        QString emoji;
        bool on = false;
        int count = 0; // people with this emoji on this message now
        bool changed = false; // false: it already was so (nothing to tell anyone)
    };
    // `react` {id, emoji, on}.
    Reaction react(const Member &member, const Json::JsonValue &request,
                   const Visible &visible = {});

    struct Edit
    {
        std::optional<Refusal> refusal;
        qint64 id = 0;
        QString text; // as stored (the word filter may have masked words)
        qint64 edited = 0;
    };
    // `edit message` {id, text}: spends the person's message budget like a new message.
    Edit edit(Member &member, const Json::JsonValue &request);

    struct Deletion
    {
        std::optional<Refusal> refusal;
        qint64 id = 0;
    };
    // `delete message` {id}: the author's own, within the window.
    Deletion deleteOwn(const Member &member, const Json::JsonValue &request);

    // The messages as pages see them: reply marks, edit times, reactions.
    void decorate(QList<ChatMessage> &messages) const;

private:
    // The message an id names, for its author within the window (edit and delete).
    std::optional<Refusal> checkOwn(const Member &member, const Json::JsonValue &id,
                                    qint64 now) const;
    static std::optional<qint64> messageId(const Json::JsonValue &id);

    HistoryStore *m_history;
    MessageExtras *m_extras;
    const ChatOptions &m_options;
    MessagePolicy &m_policy;
    StorageProblems &m_problems;
    Clock m_clock;
    BudgetBook m_reactionBudgets; // by user id: reconnecting does not refill
};

} // namespace ChatHost::Chat
