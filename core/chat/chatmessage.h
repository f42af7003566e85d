// One entry of the conversation: a user's message, a host announcement or a system notice.
#pragma once

#include "json/jsonvalue.h"

#include <QString>

namespace ChatHost::Chat {

struct ChatMessage
{
    enum class Kind { User, Host, System };

    qint64 id = 0; // assigned by the history store, increasing
    qint64 timestamp = 0; // server time, ms since the epoch (UTC)
    Kind kind = Kind::User;
    QString author; // nickname, the host's name, or empty for system notices
    QString authorId; // the author's stable public user id (user messages only)
    QString text;
    bool deleted = false;
    // A private message (docs/chat-protocol.md): the recipient's user id and their nickname when
    // it was sent. Empty: a message to the room.
    QString recipientId;
    QString recipientName;

    bool isPrivate() const { return !recipientId.isEmpty(); }
    // Whether the person with this user id may see it: room messages, and private messages they
    // wrote or received.
    bool visibleTo(const QString &userId) const
    {
        return !isPrivate() || (!userId.isEmpty() && (userId == authorId || userId == recipientId));
    }

    static QString kindName(Kind kind);
    static Kind kindFromName(const QString &name);
    // The metadata object sent as the second argument of "chat message".
    Json::JsonValue metadata() const;
    // The whole message as one object (history replies).
    Json::JsonValue toJson() const;
};

} // namespace ChatHost::Chat
