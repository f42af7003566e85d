// Catch-up: the history a page gets on joining (the recent past for a newcomer, exactly what was
// missed for a reconnecting page) and the answers to its `history` requests, over HistoryStore,
// within the byte budgets (joinHistoryBytes, historyReplyBytes: the JSON actually sent, replies
// and reactions included) and a request rate per person.
#pragma once

#include "chat/chatpayloads.h"
#include "chat/clock.h"
#include "json/jsonvalue.h"

#include <QCoreApplication>

#include <functional>
#include <optional>

namespace ChatHost::Chat {

struct ChatOptions;
struct Member;
class HistoryStore;

class CatchUp
{
    Q_DECLARE_TR_FUNCTIONS(ChatHost::Chat::CatchUp)
public:
    CatchUp(HistoryStore *history, const ChatOptions &options, Clock clock = systemClock());

    // The `history` event for a page that connected with this auth object: with an integer
    // lastId, what it missed (the newest that fit; complete: nothing older was left out).
    // Private messages only of the person with this user id (HistoryReader).
    Json::JsonValue onJoin(const Json::JsonValue &auth, const QString &userId = {}) const;
    // Whether the person may ask now: one answer at a time, a few per period (asking costs the
    // asker as much as the server). On success the request is marked pending.
    std::optional<Refusal> admit(Member &member);
    // The ack for a `history` request ({afterId?, limit?}); clears the pending mark.
    Json::JsonValue answer(Member &member, const Json::JsonValue &request) const;
    // Adds what was added to the messages after posting (replies, edits, reactions) before they
    // are sent.
    void setDecorate(std::function<void(QList<ChatMessage> &)> decorate)
    {
        m_decorate = std::move(decorate);
    }

    // The bytes of a value's JSON as sent (UTF-8).
    static qsizetype jsonBytes(const Json::JsonValue &value);
    // Keeps the messages whose JSON (as in a history list, commas included) fits in maxBytes,
    // the newest (keepNewest) or the oldest; always at least one. maxBytes < 0: all.
    static void fitInBytes(QList<ChatMessage> &messages, qsizetype maxBytes, bool keepNewest);

private:
    // Decorates, then keeps what fits in maxBytes as sent (fitInBytes).
    void decorateWithin(QList<ChatMessage> &messages, qsizetype maxBytes, bool keepNewest) const;

    HistoryStore *m_history;
    const ChatOptions &m_options;
    Clock m_clock;
    std::function<void(QList<ChatMessage> &)> m_decorate;
};

} // namespace ChatHost::Chat
