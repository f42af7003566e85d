// The chat on top of Socket.IO, as a thin session that wires the pages' events (see
// docs/chat-protocol.md) to parts with one job each, the way Quassel's CoreSession hands work to
// its managers:
//   Roster (roster.h)           who is here: join order, nicknames, user ids, resume, addresses
//   Admission (admission.h)     who may come in: bans, password, people caps
//   MessagePolicy               what may be posted: length, mute, lock, slow mode, filter, rates
//   Presence (presence.h)       joins/leaves in batches, renames, typing
//   CatchUp (catchup.h)         history on joining, after a reconnect, on request
//   Moderator (moderator.h)     the host's actions, room rules, mutes, bans, audit trail
//   Activity (activity.h)       messages per minute, memory given back after crowds
// GUI-free; the window and the terminal use its signals, its queries and moderator().
#pragma once

#include "chat/chatmessage.h"
#include "chat/chatoptions.h"
#include "chat/chatpayloads.h"
#include "chat/moderator.h"
#include "chat/presence.h"
#include "chat/ratelimiter.h"
#include "chat/roster.h"
#include "chat/storageproblems.h"
#include "moderation/mutestore.h"
#include "socketio/server.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <optional>

namespace ChatHost::Moderation {
class ModerationStore;
} // namespace ChatHost::Moderation

namespace ChatHost::Chat {

class Activity;
class Admission;
class CatchUp;
class HistoryStore;
class MessageActions;
class MessageExtras;
class MessagePolicy;
class PrivateMessages;
struct Refusal;

class ChatService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatService)
public:
    // moderation may be null: then bans and the audit trail live in memory only.
    ChatService(SocketIO::Server *io, HistoryStore *history, const ChatOptions &options = {},
                Moderation::ModerationStore *moderation = nullptr, QObject *parent = nullptr);
    ~ChatService() override;

    const ChatOptions &options() const { return m_options; }
    // Applies new options at once (room title, limits, filter...); pages are told.
    void setOptions(const ChatOptions &options);
    int connectedCount() const { return m_roster.count(); }
    QList<ChatUser> users() const { return m_roster.users(); } // in the order they joined
    std::optional<ChatUser> user(const QString &socketId) const;
    // Whoever holds this public user id now (nothing if they are gone).
    std::optional<ChatUser> userById(const QString &userId) const;
    QString socketIdOfUser(const QString &userId) const;
    const Roster &roster() const { return m_roster; }
    HistoryStore *history() const { return m_history; }
    // The host's actions (kick, mute, ban, delete, room rules) and the audit trail.
    Moderator *moderator() const { return m_moderator.get(); }

    // An announcement from the host to everyone, stored like any message.
    ChatMessage broadcastAsHost(const QString &text);
    // A private message from the host to one person (kind host), told to that person's page and
    // stored. Nothing when they are not here or the text is empty or too long (why says so).
    std::optional<ChatMessage> sendPrivateAsHost(const QString &userId, const QString &text,
                                                 QString *why = nullptr);
    // Messages per minute over the last minute.
    int messagesPerMinute() const;

    // Files (docs/chat-protocol.md, "Files"). An upload carries the upload token its author's
    // connection got with `file token`; the token dies with that connection.
    struct UploadCheck
    {
        std::optional<Refusal> refusal; // no-token, the chat's rules, upload-rate-limited
        QString author; // nickname
        QString authorId;
    };
    // Whether the holder of token may post a file now (the rules of a chat message, or of a
    // private message to `to`, plus the uploads per minute, which this spends).
    UploadCheck checkUpload(const QByteArray &token, const QString &caption, const QString &to);
    // The user id of the person whose connection holds this upload token; empty if none.
    QString userIdOfUploadToken(const QByteArray &token) const;
    struct FilePost
    {
        std::optional<Refusal> refusal;
        ChatMessage message;
    };
    // Stores and tells the file message (after the file is on disk), as the token's person.
    FilePost postFile(const QByteArray &token, Json::JsonValue file, const QString &caption,
                      qint64 replyTo, const QString &to);

Q_SIGNALS:
    void userJoined(const ChatHost::Chat::ChatUser &user);
    void userLeft(const ChatHost::Chat::ChatUser &user, const QString &reason);
    void userRenamed(const ChatHost::Chat::ChatUser &user, const QString &oldNickname);
    void userChanged(const ChatHost::Chat::ChatUser &user); // transport, message count, mute
    // Every stored entry: user messages, host announcements and system notices.
    void messagePosted(const ChatHost::Chat::ChatMessage &message);
    void messageRefused(const QString &nickname, const QString &code, const QString &reason);
    // The history database failed; the chat goes on in memory.
    void storageProblem(const QString &message);
    void connectionRefused(const QString &address, const QString &nickname, const QString &reason);
    // Moderator::actionTaken, for the log: kick, mute, unmute, ban, unban, delete, lock, ...
    void moderationAction(const QString &action, const QString &target, const QString &detail);
    // Deleted by the host or by its author.
    void messageDeleted(qint64 messageId);
    // Its author edited it (text as stored, edited: ms since the epoch).
    void messageEdited(qint64 messageId, const QString &text, qint64 edited);
    void roomChanged(); // slow mode, lock, limits

private:
    // The person an upload token belongs to, while their connection lasts; nullptr otherwise.
    Roster::MemberPtr memberOfUploadToken(const QByteArray &token) const;
    // What the parts may do to the pages (send, post a notice, close a connection).
    Presence::Outlet presenceOutlet();
    Moderator::Hooks moderatorHooks();
    void checkConnection(SocketIO::Socket *socket, const SocketIO::NextFunction &next);
    void onConnection(SocketIO::Socket *socket);
    bool identify(Member &member, const Json::JsonValue &auth);
    void welcome(Member &member, const Json::JsonValue &auth);
    void listen(SocketIO::Socket *socket);
    using Handler = void (ChatService::*)(Member &, const SocketIO::Arguments &,
                                          const SocketIO::AckFunction &);
    // Who answers an event a page sent; nullptr for events nobody answers.
    static Handler handlerFor(const QString &event);
    void onTyping(Member &member, const SocketIO::Arguments &args,
                  const SocketIO::AckFunction &ack);
    void onChatMessage(Member &member, const SocketIO::Arguments &args,
                       const SocketIO::AckFunction &ack);
    void onSetNickname(Member &member, const SocketIO::Arguments &args,
                       const SocketIO::AckFunction &ack);
    void onHistoryRequest(Member &member, const SocketIO::Arguments &args,
                          const SocketIO::AckFunction &ack);
    // Replies, reactions, edits and deletions of one's own messages (MessageActions).
    void onReact(Member &member, const SocketIO::Arguments &args, const SocketIO::AckFunction &ack);
    void onEditMessage(Member &member, const SocketIO::Arguments &args,
                       const SocketIO::AckFunction &ack);
    void onDeleteMessage(Member &member, const SocketIO::Arguments &args,
                         const SocketIO::AckFunction &ack);
    void onPrivateMessage(Member &member, const SocketIO::Arguments &args,
                          const SocketIO::AckFunction &ack);
    void onBlock(Member &member, const SocketIO::Arguments &args, const SocketIO::AckFunction &ack);
    void onFileToken(Member &member, const SocketIO::Arguments &args,
                     const SocketIO::AckFunction &ack);
    // Stores a private message and tells it to its two people only (every page of each).
    void postPrivate(ChatMessage &message);
    // An event to the pages of a private message's two people, nobody else.
    void tellBoth(const ChatMessage &message, const QString &event,
                  const SocketIO::Arguments &args);
    // An event about a stored message to everyone who can see it (the room, or its two people).
    void tellSeers(qint64 id, const QString &event, const SocketIO::Arguments &args);
    void onDisconnected(const QString &socketId, const QString &reason);
    void onRoomChanged(bool tellPages);
    void send(const Member *from, const QString &event, Json::JsonValue payload);

    // store false: told to those here now only (id 0), kept out of the history newcomers get.
    ChatMessage post(ChatMessage::Kind kind, const QString &author, const QString &text,
                     const QString &authorId = {}, bool store = true, const ReplyRef &reply = {},
                     const Json::JsonValue &file = {});
    // Answers the ack with the refusal, or sends `chat error`; the host hears of it when
    // nickname is given and the refusal says so.
    void refuse(SocketIO::Socket *socket, const SocketIO::AckFunction &ack, const QString &nickname,
                const Refusal &refusal);

    SocketIO::Namespace *m_nsp;
    HistoryStore *m_history;
    ChatOptions m_options;
    StorageProblems m_problems;
    Roster m_roster;
    Moderation::MuteStore m_mutes;
    Moderation::ModerationStore *m_moderation;
    std::unique_ptr<Moderation::ModerationStore> m_ownModeration; // when none was given
    std::unique_ptr<Admission> m_admission;
    std::unique_ptr<MessagePolicy> m_policy;
    std::unique_ptr<CatchUp> m_catchUp;
    std::unique_ptr<MessageExtras> m_extras;
    std::unique_ptr<MessageActions> m_actions;
    std::unique_ptr<Presence> m_presence;
    std::unique_ptr<Moderator> m_moderator;
    std::unique_ptr<Activity> m_activity;
    std::unique_ptr<PrivateMessages> m_private;
    struct UploadRight
    {
        QString socketId;
        RateLimiter uploads;
    };
    QHash<QByteArray, UploadRight> m_uploadTokens; // upload token -> its connection
    QHash<QString, QByteArray> m_uploadTokenOf; // socket id -> its upload token
};

} // namespace ChatHost::Chat
