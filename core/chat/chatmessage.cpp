// See chatmessage.h.
#include "chat/chatmessage.h"

namespace ChatHost::Chat {

using Json::JsonValue;

QString ChatMessage::kindName(Kind kind)
{
    switch (kind) {
    case Kind::User: return QStringLiteral("user");
    case Kind::Host: return QStringLiteral("host");
    case Kind::System: return QStringLiteral("system");
    }
    return {};
}

ChatMessage::Kind ChatMessage::kindFromName(const QString &name)
{
    if (name == u"host")
        return Kind::Host;
    if (name == u"system")
        return Kind::System;
    return Kind::User;
}

JsonValue ReplyRef::toJson() const
{
    JsonValue v(JsonValue::Object{
            {QStringLiteral("id"), JsonValue(id)},
            {QStringLiteral("author"), author},
            {QStringLiteral("excerpt"), deleted ? QString() : excerpt},
    });
    if (!authorId.isEmpty())
        v.insert(QStringLiteral("authorId"), authorId);
    if (deleted)
        v.insert(QStringLiteral("deleted"), true);
    return v;
}

JsonValue ChatMessage::metadata() const
{
    JsonValue v(JsonValue::Object{
            // 0: a live notice that is not stored (renames); pages see null
            {QStringLiteral("id"), id > 0 ? JsonValue(id) : JsonValue()},
            {QStringLiteral("author"), author.isEmpty() ? JsonValue() : JsonValue(author)},
            {QStringLiteral("timestamp"), JsonValue(timestamp)},
            {QStringLiteral("kind"), JsonValue(kindName(kind))},
    });
    if (!authorId.isEmpty())
        v.insert(QStringLiteral("authorId"), authorId);
    if (replyTo.isValid())
        v.insert(QStringLiteral("replyTo"), replyTo.toJson());
    if (edited > 0)
        v.insert(QStringLiteral("edited"), JsonValue(edited));
    if (!reactions.isEmpty() && !deleted) {
        JsonValue r(JsonValue::Object{});
        for (const auto &[emoji, users] : reactions) {
            JsonValue::Array ids;
            ids.reserve(size_t(users.size()));
            for (const QString &u : users)
                ids.push_back(JsonValue(u));
            r.insert(emoji, JsonValue(std::move(ids)));
        }
        v.insert(QStringLiteral("reactions"), std::move(r));
    }
    if (isFile() && !deleted)
        v.insert(QStringLiteral("file"), file);
    if (isPrivate()) {
        v.insert(QStringLiteral("private"), true);
        v.insert(QStringLiteral("to"),
                 JsonValue(JsonValue::Object{{QStringLiteral("userId"), recipientId},
                                             {QStringLiteral("nickname"), recipientName}}));
    }
    return v;
}

JsonValue ChatMessage::toJson() const
{
    JsonValue v = metadata();
    v.insert(QStringLiteral("text"), deleted ? JsonValue() : JsonValue(text));
    if (deleted)
        v.insert(QStringLiteral("deleted"), true);
    return v;
}

} // namespace ChatHost::Chat
