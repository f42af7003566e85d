// Every payload of the chat's Socket.IO events (docs/chat-protocol.md), built in one place by
// pure functions, and every refusal code the server sends. ChatService only decides what to
// send; tests/core/chat/tst_chatpayloads.cpp holds these against the document's field lists.
#pragma once

#include <optional>

#include "json/jsonvalue.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ChatHost::Chat {

struct ChatMessage;
struct ChatOptions;

// The refusal codes: `error.code` in acks and `chat error` events, `data.code` of a refused
// connection (connect_error).
enum class ErrorCode {
    // A message
    Empty,
    NotText,
    TooLong,
    RateLimited,
    AddressRateLimited,
    Muted,
    Locked,
    SlowMode,
    Filtered,
    // Replies, reactions, edits and deletions of one's own messages
    NoSuchMessage,
    BadReaction,
    NotYours,
    EditWindowOver,
    // A private message and a block (privatemessages.h, blocklist.h)
    NoSuchPerson,
    PrivateOff,
    Blocked,
    Self,
    BadRequest,
    // Files (docs/chat-protocol.md, "Files"), in the answer of POST /upload
    NoToken,
    UploadRateLimited,
    // A nickname (on connect and on `set nickname`)
    NicknameEmpty,
    NicknameTooLong,
    NicknameInvalidCharacter,
    NicknameReserved,
    NicknameTaken,
    NicknameNotText,
    NicknameBanned,
    // A connection (connect_error)
    Banned,
    RoomFull,
    TooManyFromAddress,
    PasswordRequired,
    WrongPassword,
    TooManyAttempts,
};

struct ErrorCodeInfo
{
    ErrorCode code;
    const char *name; // as sent, e.g. "rate-limited"
    bool onConnect; // sent as connect_error data (otherwise in an ack or `chat error`)
};

// All codes, in the order the document lists them.
const QList<ErrorCodeInfo> &errorCodes();
QString errorCodeName(ErrorCode code);

// A request the chat says no to: what the page is told (code, translated text, when to try
// again), and whether the host's log hears of it. Every part that refuses returns one of these;
// ChatService sends it (an ack, or a `chat error` event).
struct Refusal
{
    QString code; // errorCodeName() or nicknameErrorCode()
    QString text;
    qint64 retryAfterMs = -1; // -1: not said
    bool tellHost = true;
};
inline Refusal refusal(ErrorCode code, const QString &text, qint64 retryAfterMs = -1)
{
    return Refusal{errorCodeName(code), text, retryAfterMs, true};
}

namespace Payloads {

// {nickname, joinedAt, userId}
Json::JsonValue person(const QString &nickname, qint64 joinedAtMs, const QString &userId);
// {title, hostName, slowModeSeconds, locked, privateMessages}: the `room` event and welcome's
// `room`, and welcome's own `privateMessages`.
Json::JsonValue room(const ChatOptions &options);
// {maxMessageLength, rateCount, ratePeriodMs}
Json::JsonValue limits(const ChatOptions &options);
// {nickname, userId, resumeToken, users, count, room, limits}; users is an array of person().
Json::JsonValue welcome(const QString &nickname, const QString &userId, const QString &resumeToken,
                        Json::JsonValue users, int count, const ChatOptions &options);
// {messages, catchUp, complete}
Json::JsonValue history(const QList<ChatMessage> &messages, bool catchUp, bool complete);
// The messages as an array of ChatMessage::toJson().
Json::JsonValue messageList(const QList<ChatMessage> &messages);
// {left, joined, count, leftIds} (+ joinedMore, leftMore when names were left out: pass >= 0);
// leftIds holds the user ids of left, in the same order.
Json::JsonValue presence(Json::JsonValue::Array left, Json::JsonValue::Array joined, int count,
                         Json::JsonValue::Array leftIds, int joinedMore = -1, int leftMore = -1);
// {renamed: [{from, to, userId}]}
Json::JsonValue renamed(const QString &from, const QString &to, const QString &userId);
// {nickname, typing}
Json::JsonValue typing(const QString &nickname, bool typing);
// {id}
Json::JsonValue messageDeleted(qint64 id);
// {id, emoji, userId, on, count}: one person's reaction changed.
Json::JsonValue reaction(qint64 id, const QString &emoji, const QString &userId, bool on,
                         int count);
// {id, text, edited}: the author edited a message.
Json::JsonValue messageEdited(qint64 id, const QString &text, qint64 editedMs);
// {reason}
Json::JsonValue kicked(const QString &reason);
// {reason}: this connection was replaced by a newer one of the same person (resume token).
Json::JsonValue replaced(const QString &reason);
// {until, reason}; until < 0: null (until unmuted).
Json::JsonValue muted(qint64 untilMs, const QString &reason);

// {code, message, retryAfterMs?}: `error` of a refusal ack and of `chat error`.
Json::JsonValue error(const QString &code, const QString &message, qint64 retryAfterMs = -1);
// {code, retryAfterMs?}: the data of a refused connection.
Json::JsonValue connectErrorData(const QString &code, qint64 retryAfterMs = -1);
// {ok: false, error}
Json::JsonValue refusedAck(const Json::JsonValue &error);
// {ok: true, id, timestamp}
Json::JsonValue messageAck(qint64 id, qint64 timestamp);
// {ok: true}: `react` and `delete message`.
Json::JsonValue okAck();
// The ack of `file token`: {ok: true, token}.
Json::JsonValue fileTokenAck(const QString &token);
// What an upload asks for, in the form of the events it stands for: a `private message`
// request {to, text}, and the options of a `chat message` that replies {replyTo}.
Json::JsonValue privateRequest(const QString &to, const QString &text);
Json::JsonValue replyOptions(qint64 replyTo);
// {ok: true, edited}
Json::JsonValue editAck(qint64 editedMs);
// {ok: true, blocked: [userId...]}: the person's whole block list.
Json::JsonValue blockAck(const QStringList &blocked);
// {ok: true, nickname}
Json::JsonValue nicknameAck(const QString &nickname);
// {ok: true, messages, complete?}; complete (given for an afterId request): nothing newer is left.
Json::JsonValue historyAck(const QList<ChatMessage> &messages,
                           std::optional<bool> complete = std::nullopt);

} // namespace Payloads

} // namespace ChatHost::Chat
