// Presence: who came, left or was renamed, told to the pages in batches (one `presence` event per
// 250 ms however many arrive, so a crowd costs one message per page, not one per arrival), and
// who is typing, throttled so a flood of changes costs the others one event per gap at most.
// Sends through an Outlet, so it tests without sockets; the time comes from a Clock.
#pragma once

#include "chat/clock.h"
#include "json/jsonvalue.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

namespace ChatHost::Chat {

struct ChatOptions;
struct ChatUser;
struct Member;
class Roster;

class Presence final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Presence)
public:
    struct Outlet
    {
        // An event to everyone (from null) or to everyone but `from`.
        std::function<void(const Member *from, const QString &event, Json::JsonValue payload)> send;
        // A system notice ("Ann joined"); store false: told to those here now only.
        std::function<void(const QString &text, bool store)> notice;
        // A batch went out with this many changes (a crowd leaves freed memory behind).
        std::function<void(qsizetype changes)> batchSent;
    };

    Presence(const Roster &roster, const ChatOptions &options, Outlet outlet,
             Clock clock = systemClock(), QObject *parent = nullptr);

    // announce false: in the list, but no "joined"/"left" notice (a reconnect, a kick).
    void joined(const ChatUser &user, bool announce);
    void left(const Member &member, bool announce);
    // Told at once, after the batch waiting (who is here comes before who is renamed).
    void renamed(const ChatUser &user, const QString &oldNickname);
    // Sends the waiting batch now.
    void flush();
    // The people a welcome lists: the newest kListedPeople (a full list to every newcomer would
    // cost O(people) per arrival, O(people^2) for a crowd; the welcome's count says how many).
    Json::JsonValue welcomeList() const;

    // The page says the person is typing (or stopped).
    void typing(Member &member, bool typing);
    // The person sent a message: they stopped typing.
    void stopTyping(Member &member);
    // Passes on the typing changes whose gap is over.
    void flushTyping();
    bool typingPending() const { return !m_typingPending.isEmpty(); }

    static constexpr qsizetype kListedPeople = 200; // a welcome lists the newest this many
    static constexpr qsizetype kNamedPerBatch = 20; // in a big room, per batch and direction
    static QString describeNames(const QStringList &names);

private:
    struct Change
    {
        QString socketId;
        QString userId;
        QString nickname;
        qint64 joinedAtMs = 0;
        bool announce = true;
    };
    void schedule();
    void sendTyping(Member &member, bool typing, qint64 now);

    const Roster &m_roster;
    const ChatOptions &m_options;
    Outlet m_outlet;
    Clock m_clock;
    QList<Change> m_pendingJoins;
    QList<Change> m_pendingLeaves;
    QTimer m_batchTimer;
    QSet<QString> m_typingPending; // socket ids with a typing change waiting
    QTimer m_typingTimer;
};

} // namespace ChatHost::Chat
