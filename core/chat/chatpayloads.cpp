// See chatpayloads.h.
#include "chat/chatpayloads.h"

#include "chat/chatmessage.h"
#include "chat/chatservice.h"

namespace ChatHost::Chat {

using Json::JsonValue;

const QList<ErrorCodeInfo> &errorCodes()
{
    static const QList<ErrorCodeInfo> table = {
            {ErrorCode::Empty, "empty", false},
            {ErrorCode::NotText, "not-text", false},
            {ErrorCode::TooLong, "too-long", false},
            {ErrorCode::RateLimited, "rate-limited", false},
            {ErrorCode::AddressRateLimited, "address-rate-limited", false},
            {ErrorCode::Muted, "muted", false},
            {ErrorCode::Locked, "locked", false},
            {ErrorCode::SlowMode, "slow-mode", false},
            {ErrorCode::Filtered, "filtered", false},
            {ErrorCode::NoSuchMessage, "no-such-message", false},
            {ErrorCode::BadReaction, "bad-reaction", false},
            {ErrorCode::NotYours, "not-yours", false},
            {ErrorCode::EditWindowOver, "edit-window-over", false},
            {ErrorCode::NoSuchPerson, "no-such-person", false},
            {ErrorCode::PrivateOff, "private-off", false},
            {ErrorCode::Blocked, "blocked", false},
            {ErrorCode::Self, "self", false},
            {ErrorCode::BadRequest, "bad-request", false},
            {ErrorCode::NoToken, "no-token", false},
            {ErrorCode::UploadRateLimited, "upload-rate-limited", false},
            {ErrorCode::NicknameEmpty, "nickname-empty", false},
            {ErrorCode::NicknameTooLong, "nickname-too-long", false},
            {ErrorCode::NicknameInvalidCharacter, "nickname-invalid-character", false},
            {ErrorCode::NicknameReserved, "nickname-reserved", false},
            {ErrorCode::NicknameTaken, "nickname-taken", false},
            {ErrorCode::NicknameNotText, "nickname-not-text", false},
            {ErrorCode::NicknameBanned, "nickname-banned", false},
            {ErrorCode::Banned, "banned", true},
            {ErrorCode::RoomFull, "room-full", true},
            {ErrorCode::TooManyFromAddress, "too-many-from-address", true},
            {ErrorCode::PasswordRequired, "password-required", true},
            {ErrorCode::WrongPassword, "wrong-password", true},
            {ErrorCode::TooManyAttempts, "too-many-attempts", true},
    };
    return table;
}

QString errorCodeName(ErrorCode code)
{
    for (const ErrorCodeInfo &info : errorCodes()) {
        if (info.code == code)
            return QLatin1String(info.name);
    }
    Q_ASSERT_X(false, "errorCodeName", "a code missing from errorCodes()");
    return {};
}

namespace Payloads {

JsonValue person(const QString &nickname, qint64 joinedAtMs, const QString &userId)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("nickname"), nickname},
                                       {QStringLiteral("joinedAt"), JsonValue(joinedAtMs)},
                                       {QStringLiteral("userId"), userId}});
}

JsonValue room(const ChatOptions &options)
{
    return JsonValue(JsonValue::Object{
            {QStringLiteral("title"), options.roomTitle},
            {QStringLiteral("hostName"), options.hostName},
            {QStringLiteral("slowModeSeconds"), options.slowModeSeconds},
            {QStringLiteral("locked"), options.locked},
            {QStringLiteral("editWindowSeconds"), options.editWindowSeconds},
            {QStringLiteral("privateMessages"), options.privateMessages},
    });
}

JsonValue limits(const ChatOptions &options)
{
    return JsonValue(JsonValue::Object{
            {QStringLiteral("maxMessageLength"), options.maxMessageLength},
            {QStringLiteral("rateCount"), options.rateCount},
            {QStringLiteral("ratePeriodMs"), JsonValue(options.ratePeriodMs)},
    });
}

JsonValue welcome(const QString &nickname, const QString &userId, const QString &resumeToken,
                  JsonValue users, int count, const ChatOptions &options)
{
    return JsonValue(JsonValue::Object{
            {QStringLiteral("nickname"), nickname},
            {QStringLiteral("userId"), userId},
            {QStringLiteral("resumeToken"), resumeToken},
            {QStringLiteral("users"), std::move(users)},
            {QStringLiteral("count"), count},
            {QStringLiteral("room"), room(options)},
            {QStringLiteral("limits"), limits(options)},
            {QStringLiteral("editWindowSeconds"), options.editWindowSeconds},
            {QStringLiteral("privateMessages"), options.privateMessages},
    });
}

JsonValue messageList(const QList<ChatMessage> &messages)
{
    JsonValue::Array list;
    list.reserve(size_t(messages.size()));
    for (const ChatMessage &m : messages)
        list.push_back(m.toJson());
    return JsonValue(std::move(list));
}

JsonValue history(const QList<ChatMessage> &messages, bool catchUp, bool complete)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("messages"), messageList(messages)},
                                       {QStringLiteral("catchUp"), catchUp},
                                       {QStringLiteral("complete"), complete}});
}

JsonValue presence(JsonValue::Array left, JsonValue::Array joined, int count,
                   JsonValue::Array leftIds, int joinedMore, int leftMore)
{
    JsonValue event(JsonValue::Object{{QStringLiteral("left"), JsonValue(std::move(left))},
                                      {QStringLiteral("joined"), JsonValue(std::move(joined))},
                                      {QStringLiteral("count"), count},
                                      {QStringLiteral("leftIds"), JsonValue(std::move(leftIds))}});
    if (joinedMore >= 0)
        event.insert(QStringLiteral("joinedMore"), joinedMore);
    if (leftMore >= 0)
        event.insert(QStringLiteral("leftMore"), leftMore);
    return event;
}

JsonValue renamed(const QString &from, const QString &to, const QString &userId)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("renamed"),
                                        JsonValue(JsonValue::Array{JsonValue(JsonValue::Object{
                                                {QStringLiteral("from"), from},
                                                {QStringLiteral("to"), to},
                                                {QStringLiteral("userId"), userId}})})}});
}

JsonValue typing(const QString &nickname, bool typing)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("nickname"), nickname},
                                       {QStringLiteral("typing"), typing}});
}

JsonValue messageDeleted(qint64 id)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("id"), JsonValue(id)}});
}

JsonValue reaction(qint64 id, const QString &emoji, const QString &userId, bool on, int count)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("id"), JsonValue(id)},
                                       {QStringLiteral("emoji"), emoji},
                                       {QStringLiteral("userId"), userId},
                                       {QStringLiteral("on"), on},
                                       {QStringLiteral("count"), count}});
}

JsonValue messageEdited(qint64 id, const QString &text, qint64 editedMs)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("id"), JsonValue(id)},
                                       {QStringLiteral("text"), text},
                                       {QStringLiteral("edited"), JsonValue(editedMs)}});
}

JsonValue kicked(const QString &reason)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("reason"), reason}});
}

JsonValue replaced(const QString &reason)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("reason"), reason}});
}

JsonValue muted(qint64 untilMs, const QString &reason)
{
    return JsonValue(JsonValue::Object{
            {QStringLiteral("until"), untilMs < 0 ? JsonValue() : JsonValue(untilMs)},
            {QStringLiteral("reason"), reason}});
}

JsonValue error(const QString &code, const QString &message, qint64 retryAfterMs)
{
    JsonValue e(JsonValue::Object{{QStringLiteral("code"), code},
                                  {QStringLiteral("message"), message}});
    if (retryAfterMs >= 0)
        e.insert(QStringLiteral("retryAfterMs"), JsonValue(retryAfterMs));
    return e;
}

JsonValue connectErrorData(const QString &code, qint64 retryAfterMs)
{
    JsonValue data(JsonValue::Object{{QStringLiteral("code"), code}});
    if (retryAfterMs >= 0)
        data.insert(QStringLiteral("retryAfterMs"), JsonValue(retryAfterMs));
    return data;
}

JsonValue refusedAck(const JsonValue &error)
{
    return JsonValue(
            JsonValue::Object{{QStringLiteral("ok"), false}, {QStringLiteral("error"), error}});
}

JsonValue messageAck(qint64 id, qint64 timestamp)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("ok"), true},
                                       {QStringLiteral("id"), JsonValue(id)},
                                       {QStringLiteral("timestamp"), JsonValue(timestamp)}});
}

JsonValue okAck()
{
    return JsonValue(JsonValue::Object{{QStringLiteral("ok"), true}});
}

JsonValue fileTokenAck(const QString &token)
{
    return JsonValue(
            JsonValue::Object{{QStringLiteral("ok"), true}, {QStringLiteral("token"), token}});
}

JsonValue privateRequest(const QString &to, const QString &text)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("to"), to}, {QStringLiteral("text"), text}});
}

JsonValue replyOptions(qint64 replyTo)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("replyTo"), JsonValue(replyTo)}});
}

JsonValue editAck(qint64 editedMs)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("ok"), true},
                                       {QStringLiteral("edited"), JsonValue(editedMs)}});
}

JsonValue blockAck(const QStringList &blocked)
{
    JsonValue::Array list;
    list.reserve(size_t(blocked.size()));
    for (const QString &id : blocked)
        list.push_back(JsonValue(id));
    return JsonValue(JsonValue::Object{{QStringLiteral("ok"), true},
                                       {QStringLiteral("blocked"), JsonValue(std::move(list))}});
}

JsonValue nicknameAck(const QString &nickname)
{
    return JsonValue(JsonValue::Object{{QStringLiteral("ok"), true},
                                       {QStringLiteral("nickname"), nickname}});
}

JsonValue historyAck(const QList<ChatMessage> &messages, std::optional<bool> complete)
{
    JsonValue ack(JsonValue::Object{{QStringLiteral("ok"), true},
                                    {QStringLiteral("messages"), messageList(messages)}});
    if (complete)
        ack.insert(QStringLiteral("complete"), *complete);
    return ack;
}

} // namespace Payloads

} // namespace ChatHost::Chat
