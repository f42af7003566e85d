// The host's moderation actions, used alike by the window and the console: kick, mute and
// unmute (a person, by public user id, or a whole address), bans, deleting a message, and the
// room rules (slow mode, lock, people cap, word filter). Each action is applied at once, told to
// whom it concerns, kept in the audit trail and reported through actionTaken(). Mutes outlast
// connections (MuteStore); their ends are watched by one timer for the earliest.
#pragma once

#include "chat/clock.h"
#include "chat/muteexpiry.h"
#include "moderation/ban.h"
#include "moderation/wordfilter.h"
#include "json/jsonvalue.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace ChatHost::Moderation {
class ModerationStore;
class MuteStore;
struct AuditEntry;
} // namespace ChatHost::Moderation

namespace ChatHost::Chat {

struct ChatMessage;
struct ChatOptions;
struct ChatUser;
struct Member;
class HistoryStore;
class Roster;
class StorageProblems;

class Moderator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Moderator)
public:
    // What the moderator needs from the service (each may be empty in tests).
    struct Hooks
    {
        // Closes the person's connection; they leave without the usual notice.
        std::function<void(Member &member, const QString &reason)> remove;
        // An event to one person's page (kicked, muted, unmuted).
        std::function<void(Member &member, const QString &event, Json::JsonValue payload)> tell;
        // An event to every page (message deleted).
        std::function<void(const QString &event, Json::JsonValue payload)> broadcast;
        // A stored system notice ("Ann was removed by the host").
        std::function<void(const QString &text)> notice;
        // An event to the two people of a private message only (message deleted).
        std::function<void(const ChatMessage &message, const QString &event,
                           Json::JsonValue payload)>
                tellPrivate;
    };

    Moderator(Roster &roster, ChatOptions &options, HistoryStore *history,
              Moderation::ModerationStore &store, Moderation::MuteStore &mutes,
              StorageProblems &problems, Hooks hooks, Clock clock = systemClock(),
              QObject *parent = nullptr);

    // A person, by public user id. False when nobody connected has it.
    bool kick(const QString &userId, const QString &reason = {});
    bool mute(const QString &userId, qint64 durationMs, const QString &reason = {}); // 0: forever
    bool unmute(const QString &userId);
    // Lifts the mutes of someone no longer connected who last had this nickname.
    bool unmuteNickname(const QString &nickname);
    // Mutes every connection from an address now, and every new one while it lasts (durationMs
    // 0: until unmuteAddress). Returns how many connected people it muted, -1 for a bad address.
    int muteAddress(const QString &address, qint64 durationMs, const QString &reason = {});
    bool unmuteAddress(const QString &address); // false when it was not muted
    bool isAddressMuted(const QString &address) const;

    // Bans a nickname or an address (durationMs 0: permanent) and removes who matches it now.
    Moderation::Ban ban(Moderation::Ban::Kind kind, const QString &value, qint64 durationMs,
                        const QString &reason = {});
    bool liftBan(qint64 banId);
    QList<Moderation::Ban> activeBans() const;
    QList<Moderation::AuditEntry> auditTrail(int limit) const; // the latest, oldest first

    bool deleteMessage(qint64 messageId);

    // Room rules: each tells the pages (roomChanged(true)) or only the host (false).
    void setSlowMode(int seconds);
    void setLocked(bool locked);
    void setMaxPeople(int maxPeople);
    void setWordFilter(const QStringList &words, Moderation::WordFilter::Mode mode);
    void setPrivateMessages(bool allowed); // people may write to one person

    // For the service: sets the person's mute from the store (tell: the page hears of a
    // change). atJoin: a newcomer with a fresh identity is also held by a muted person's mute
    // from their address.
    void refreshMute(Member &member, bool tell, bool atJoin = false);
    void forget(const Member &member); // they left
    // Lifts the mutes that have ended (the timer calls it; tests with a fake clock too).
    void expireMutes();
    qint64 nextMuteEndMs() const { return m_expiry.nextDueMs(); }

Q_SIGNALS:
    // action: kick, mute, unmute, mute-address, unmute-address, ban, unban, delete, lock,
    // unlock, slow-mode, max-people, filter, private-messages
    void actionTaken(const QString &action, const QString &target, const QString &detail);
    void messageDeleted(qint64 messageId);
    void userChanged(const ChatHost::Chat::ChatUser &user); // muted or unmuted
    void roomChanged(bool tellPages);

private:
    void kickMember(Member &member, const QString &reason);
    void refreshMutes(const QString &addressKey); // everyone connected from it
    void audit(const QString &action, const QString &target, const QString &detail);
    void armMuteTimer();
    static QString minutes(qint64 durationMs);

    Roster &m_roster;
    ChatOptions &m_options;
    HistoryStore *m_history;
    Moderation::ModerationStore &m_store;
    Moderation::MuteStore &m_mutes;
    StorageProblems &m_problems;
    Hooks m_hooks;
    Clock m_clock;
    MuteExpiry m_expiry;
    QTimer m_muteTimer;
};

} // namespace ChatHost::Chat
