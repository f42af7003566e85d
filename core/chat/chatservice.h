// The chat on top of Socket.IO: who is here (nicknames, presence, typing), messages with limits,
// history and catch-up, host announcements. GUI-free; the window and the terminal use its
// signals and methods, the pages its Socket.IO events (see docs/chat-protocol.md).
#pragma once

#include "chat/chatmessage.h"
#include "chat/ratelimiter.h"
#include "socketio/server.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QObject>

namespace ChatHost::Chat {

class HistoryStore;

struct ChatOptions
{
    QString hostName = QStringLiteral("Host");
    QString roomTitle = QStringLiteral("ChatHost");
    int maxMessageLength = 2000; // characters (code points)
    int rateCount = 5; // messages allowed per ratePeriodMs (burst included); 0: no limit
    qint64 ratePeriodMs = 5000;
    int historyOnJoin = 100; // how many recent entries a newcomer receives
    int catchUpLimit = 1000; // the most a reconnecting client receives at once
    int typingThrottleMs = 2000;
};

struct ChatUser
{
    QString socketId;
    QString nickname;
    QDateTime joinedAt;
    QHostAddress address;
    bool webSocket = false;
    int messagesSent = 0;
};

class ChatService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatService)
public:
    ChatService(SocketIO::Server *io, HistoryStore *history, const ChatOptions &options = {},
                QObject *parent = nullptr);
    ~ChatService() override;

    const ChatOptions &options() const { return m_options; }
    int connectedCount() const { return int(m_users.size()); }
    QList<ChatUser> users() const;
    std::optional<ChatUser> user(const QString &socketId) const;
    HistoryStore *history() const { return m_history; }

    // An announcement from the host to everyone, stored like any message.
    ChatMessage broadcastAsHost(const QString &text);

Q_SIGNALS:
    void userJoined(const ChatHost::Chat::ChatUser &user);
    void userLeft(const ChatHost::Chat::ChatUser &user, const QString &reason);
    void userRenamed(const ChatHost::Chat::ChatUser &user, const QString &oldNickname);
    void userChanged(const ChatHost::Chat::ChatUser &user); // transport, message count
    // Every stored entry: user messages, host announcements and system notices.
    void messagePosted(const ChatHost::Chat::ChatMessage &message);
    void messageRefused(const QString &nickname, const QString &code, const QString &reason);
    // The history database failed; the chat goes on in memory.
    void storageProblem(const QString &message);

private:
    struct State
    {
        ChatUser user;
        SocketIO::Socket *socket = nullptr;
        RateLimiter limiter;
        qint64 lastTypingMs = -1;
        bool typing = false;
        QString resumeToken; // lets the same page take its nickname back after a reconnect
        bool replaced = false; // a reconnect of the same page took over: leave quietly
    };

    void onConnection(SocketIO::Socket *socket);
    void onChatMessage(State &state, const SocketIO::Arguments &args,
                       const SocketIO::AckFunction &ack);
    void onSetNickname(State &state, const SocketIO::Arguments &args,
                       const SocketIO::AckFunction &ack);
    void onTyping(State &state, const SocketIO::Arguments &args);
    void onHistoryRequest(const SocketIO::Arguments &args, const SocketIO::AckFunction &ack);
    void onDisconnected(const QString &socketId, const QString &reason);

    ChatMessage post(ChatMessage::Kind kind, const QString &author, const QString &text);
    void notice(const QString &text);
    void sendUserList();
    void refuse(SocketIO::Socket *socket, const SocketIO::AckFunction &ack, const QString &nickname,
                const QString &code, const QString &message, qint64 retryAfterMs = -1);
    QStringList nicknames(const QString &exceptSocketId = {}) const;
    QString guestName() const;
    static Json::JsonValue messageList(const QList<ChatMessage> &messages);

    SocketIO::Server *m_io;
    SocketIO::Namespace *m_nsp;
    HistoryStore *m_history;
    ChatOptions m_options;
    // By socket id; shared so a handler keeps its state alive if the user leaves meanwhile.
    QHash<QString, std::shared_ptr<State>> m_users;
    bool m_storageProblemReported = false;
};

} // namespace ChatHost::Chat
