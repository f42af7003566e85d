// One entry of the conversation: a user's message, a host announcement or a system notice.
#pragma once

#include "json/jsonvalue.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace ChatHost::Chat {

// What a reply points at: the original's id, author and a short excerpt the server made
// (docs/chat-protocol.md, `replyTo`). deleted: the original is gone (then the excerpt is not sent).
struct ReplyRef
{
    qint64 id = 0; // 0: not a reply
    QString author;
    QString authorId;
    QString excerpt;
    bool deleted = false;

    bool isValid() const { return id > 0; }
    Json::JsonValue toJson() const;
};

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
    ReplyRef replyTo; // a reply: what it answers
    qint64 edited = 0; // ms since the epoch of the last edit by its author; 0: never edited
    // Who reacted with which emoji (the fixed set's order, user ids in the order they reacted);
    // only emojis with at least one person.
    QList<QPair<QString, QStringList>> reactions;
    // A private message (docs/chat-protocol.md): the recipient's user id and their nickname when
    // it was sent. Empty: a message to the room.
    QString recipientId;
    QString recipientName;
    // A file message (docs/chat-protocol.md, `file`): sha256, name, size, type and, for pictures,
    // width and height. Null: a text message. The text is then the caption or the file's name.
    Json::JsonValue file;

    bool isFile() const { return file.isObject(); }
    bool isPrivate() const { return !recipientId.isEmpty(); }
    // Whether the person with this user id may see it: room messages, and private messages they
    // wrote or received. The one rule: live delivery (ChatService), the history (HistoryReader)
    // and so catch-up, and reactions (MessageActions) all ask it.
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
