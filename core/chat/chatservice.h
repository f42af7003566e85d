// The chat on top of Socket.IO: who is here (nicknames, presence, typing), messages with limits,
// history and catch-up, host announcements. GUI-free; the window and the terminal use its
// signals and methods, the pages its Socket.IO events (see docs/chat-protocol.md).
#pragma once

#include "chat/addressbudget.h"
#include "chat/chatmessage.h"
#include "chat/identityregistry.h"
#include "chat/ratelimiter.h"
#include "moderation/ban.h"
#include "moderation/mutestore.h"
#include "moderation/wordfilter.h"
#include "socketio/server.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>
#include <limits>
#include <memory>

namespace ChatHost::Moderation {
class ModerationStore;
struct AuditEntry;
} // namespace ChatHost::Moderation

namespace ChatHost::Chat {

class HistoryStore;

struct ChatOptions
{
    QString hostName = QStringLiteral("Host");
    QString roomTitle = QStringLiteral("ChatHost");
    int maxMessageLength = 2000; // characters (code points)
    int rateCount = 5; // messages allowed per ratePeriodMs (burst included); 0: no limit
    qint64 ratePeriodMs = 5000;
    // Per address: what all connections from one network address may do together, on top of
    // each person's own limits (one machine must not multiply them by opening connections).
    // Messages per addressRatePeriodMs; -1: kAddressRateMultiple times the personal rate, over
    // the same period; 0: no limit.
    int addressRateCount = -1;
    qint64 addressRatePeriodMs = 0; // 0: ratePeriodMs
    static constexpr int kAddressRateMultiple = 10; // a family behind one router, a few tabs
    int maxPeoplePerAddress = 64; // people connected from one address at once; 0: no limit
    int effectiveAddressRateCount() const
    {
        return addressRateCount >= 0 ? addressRateCount : rateCount * kAddressRateMultiple;
    }
    qint64 effectiveAddressRatePeriodMs() const
    {
        return addressRatePeriodMs > 0 ? addressRatePeriodMs : ratePeriodMs;
    }
    int historyOnJoin = 100; // how many recent entries a newcomer receives
    int catchUpLimit = 1000; // the most a reconnecting client receives at once
    // The history a newcomer or a reconnecting page gets on joining: at most about this many
    // bytes of JSON (the newest that fit; a catch-up then says complete: false).
    qsizetype joinHistoryBytes = 1024 * 1024;
    int typingThrottleMs = 2000; // a repeated "typing: true" is passed on at most this often
    int typingChangeGapMs = 1000; // any two typing changes of one person are this far apart
    // Renames one person may make per period (the nickname chosen when joining is free).
    int renameCount = 3;
    qint64 renamePeriodMs = 60000;
    // "history" requests one person may make per period, and the largest answer in bytes.
    int historyRequestCount = 5;
    qint64 historyRequestPeriodMs = 10000;
    qsizetype historyReplyBytes = 256 * 1024;
    // Room rules the host can change while running.
    int slowModeSeconds = 0; // one message per N seconds per person; 0: off
    bool locked = false; // only the host can write
    int maxPeople = 0; // 0: no limit
    QStringList filterWords;
    Moderation::WordFilter::Mode filterMode = Moderation::WordFilter::Mode::Refuse;
    // A room password checked when a page connects (empty: none). Never logged.
    QString password;
    int passwordAttemptsPerMinute = 5; // per address, then that address waits a minute
};

struct ChatUser
{
    QString socketId;
    // Public and stable: the same person keeps it across reconnects (resume token); never the
    // socket id or the nickname. Pages see it as userId / authorId.
    QString userId;
    QString nickname;
    QDateTime joinedAt;
    QHostAddress address;
    bool webSocket = false;
    int messagesSent = 0;
    qint64 mutedUntilMs = 0; // 0: not muted; kForever: until unmuted
    QString muteReason;

    static constexpr qint64 kForever = std::numeric_limits<qint64>::max();
    bool isMuted(qint64 nowMs) const { return mutedUntilMs > nowMs; }
};

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
    int connectedCount() const { return int(m_users.size()); }
    QList<ChatUser> users() const; // in the order they joined
    std::optional<ChatUser> user(const QString &socketId) const;
    // The socket of whoever holds this public user id now (empty if they are gone).
    QString socketIdOfUser(const QString &userId) const { return m_userSockets.value(userId); }
    HistoryStore *history() const { return m_history; }

    // An announcement from the host to everyone, stored like any message.
    ChatMessage broadcastAsHost(const QString &text);

    // Moderation. Each action is applied at once, told to whom it concerns, stored in the audit
    // trail and reported through moderationAction(). False when the target does not exist.
    bool kick(const QString &socketId, const QString &reason = {});
    bool mute(const QString &socketId, qint64 durationMs,
              const QString &reason = {}); // 0: until unmuted
    bool unmute(const QString &socketId);
    // Mutes every connection from an address now, and every new one while it lasts (durationMs
    // 0: until unmuteAddress). Returns how many connected people it muted, -1 for a bad address.
    int muteAddress(const QString &address, qint64 durationMs, const QString &reason = {});
    // Lifts an address mute; false when the address was not muted.
    bool unmuteAddress(const QString &address);
    bool isAddressMuted(const QString &address) const;
    // Lifts the mutes of someone no longer connected who last had this nickname.
    bool unmuteNickname(const QString &nickname);
    // Bans a nickname or an address (durationMs 0: permanent) and removes who matches it now.
    Moderation::Ban ban(Moderation::Ban::Kind kind, const QString &value, qint64 durationMs,
                        const QString &reason = {});
    bool liftBan(qint64 banId);
    QList<Moderation::Ban> activeBans() const;
    // The latest moderation actions, oldest first.
    QList<Moderation::AuditEntry> auditTrail(int limit) const;
    bool deleteMessage(qint64 messageId);
    void setSlowMode(int seconds);
    void setLocked(bool locked);
    void setMaxPeople(int maxPeople);
    void setWordFilter(const QStringList &words, Moderation::WordFilter::Mode mode);
    // Messages per minute over the last minute.
    int messagesPerMinute() const;

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
    void connectionRefused(const QString &address, const QString &nickname, const QString &reason);
    // action: kick, mute, unmute, ban, unban, delete, lock, unlock, slow-mode, max-people, filter
    void moderationAction(const QString &action, const QString &target, const QString &detail);
    void messageDeleted(qint64 messageId);
    void roomChanged(); // slow mode, lock, limits

private:
    struct State
    {
        ChatUser user;
        SocketIO::Socket *socket = nullptr;
        RateLimiter limiter;
        qint64 lastTypingMs = -1; // when typing was last passed on
        bool typing = false; // what the others were last told
        bool typingWanted = false; // a change waiting for typingChangeGapMs
        RateLimiter renames;
        RateLimiter historyRequests;
        bool historyPending = false; // one history answer at a time
        qint64 muteId = 0; // the MuteStore entry that applies, 0: none
        bool freshIdentity = false; // joined with no known identity (no token we knew)
        QString resumeToken; // lets the same page take its nickname back after a reconnect
        bool replaced = false; // a reconnect of the same page took over: leave quietly
        quint64 joinSeq = 0; // position in m_joinOrder
    };

    void onConnection(SocketIO::Socket *socket);
    void onChatMessage(State &state, const SocketIO::Arguments &args,
                       const SocketIO::AckFunction &ack);
    void onSetNickname(State &state, const SocketIO::Arguments &args,
                       const SocketIO::AckFunction &ack);
    void onTyping(State &state, const SocketIO::Arguments &args);
    void sendTyping(State &state, bool typing, qint64 now);
    void flushTyping();
    void onHistoryRequest(State &state, const SocketIO::Arguments &args,
                          const SocketIO::AckFunction &ack);
    void answerHistory(const QString &socketId, const Json::JsonValue &request,
                       const SocketIO::AckFunction &ack);
    // Sets the person's mute from the store (tell: the page hears of a change). atJoin: a
    // newcomer with a fresh identity is also held by a muted person's mute from their address.
    void refreshMute(State &state, bool tell, bool atJoin = false);
    void refreshMutes(const QString &address); // everyone connected from it

    void onDisconnected(const QString &socketId, const QString &reason);
    void checkConnection(SocketIO::Socket *socket, const SocketIO::NextFunction &next);
    // Empty when the password is right; otherwise the refusal's code.
    QString checkPassword(const QHostAddress &address, const Json::JsonValue &given,
                          qint64 *retryAfterMs);
    std::optional<Moderation::Ban> banFor(const QString &nickname,
                                          const QHostAddress &address) const;
    void audit(const QString &action, const QString &target, const QString &detail);
    void sendRoomState();

    // store false: told to those here now only (id 0), kept out of the history newcomers get.
    ChatMessage post(ChatMessage::Kind kind, const QString &author, const QString &text,
                     const QString &authorId = {}, bool store = true);
    void notice(const QString &text);
    void queueJoin(const ChatUser &user, bool announce);
    void queueLeave(const ChatUser &user, bool announce);
    void flushPresence();
    static QString describeNames(const QStringList &names);
    void releaseFreeMemorySoon();
    static constexpr qsizetype kListedPeople = 200;
    static constexpr qsizetype kNamedPerBatch = 20;
    void refuse(SocketIO::Socket *socket, const SocketIO::AckFunction &ack, const QString &nickname,
                const QString &code, const QString &message, qint64 retryAfterMs = -1);
    QString guestName() const;

    SocketIO::Server *m_io;
    SocketIO::Namespace *m_nsp;
    HistoryStore *m_history;
    ChatOptions m_options;
    // By socket id; shared so a handler keeps its state alive if the user leaves meanwhile.
    QHash<QString, std::shared_ptr<State>> m_users;
    // Indexes that keep a join O(log n) instead of O(n): who joined in which order (the welcome
    // lists the newest), and which socket holds each nickname key.
    QMap<quint64, State *> m_joinOrder; // entries leave with m_users'
    quint64 m_nextJoinSeq = 0;
    QHash<QString, QString> m_nicknameOwners; // nicknameKey -> socket id
    QHash<QString, QString> m_userSockets; // public user id -> socket id
    IdentityRegistry m_leftRecently; // by resume token
    SlowModeClock m_slowClock;
    Moderation::MuteStore m_mutes;
    QSet<QString> m_typingPending; // socket ids with a typing change waiting
    QTimer m_typingTimer;
    void indexNickname(const QString &socketId, const QString &oldNickname,
                       const QString &newNickname);
    std::function<bool(const QString &)> takenBy(const QString &exceptSocketId = {}) const;
    // The one path for a failed write: the store went on in memory; tell the host once each.
    enum class StorageProblem { History, Moderation };
    void storageFailed(StorageProblem store, const QString &error);
    unsigned m_storageProblemsReported = 0; // bit per StorageProblem
    Moderation::ModerationStore *m_moderation;
    std::unique_ptr<Moderation::ModerationStore> m_ownModeration; // when none was given
    Moderation::WordFilter m_filter;
    std::deque<qint64> m_recentMessageTimes; // for messages per minute
    // Presence changes are sent in batches (every 250 ms at most).
    struct PresenceChange
    {
        QString socketId;
        QString userId;
        QString nickname;
        QDateTime joinedAt;
        bool announce = true;
    };
    struct PasswordFailures
    {
        qint64 windowStartMs = 0;
        int count = 0;
        qint64 blockedUntilMs = 0;
    };
    QHash<QString, PasswordFailures> m_passwordFailures; // by address
    // Per-address limits (see ChatOptions): budgets shared by an address's connections, how many
    // people each address has connected, and addresses the host muted.
    AddressBudget m_addressBudget;
    QHash<QString, int> m_peoplePerAddress;
    QList<PresenceChange> m_pendingJoins;
    QList<PresenceChange> m_pendingLeaves;
    QTimer m_presenceTimer;
    QTimer m_trimTimer;
    bool m_trimAgain = false;
};

} // namespace ChatHost::Chat
