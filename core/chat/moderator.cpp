// See moderator.h.
#include "chat/moderator.h"

#include "chat/chatoptions.h"
#include "chat/chatpayloads.h"
#include "chat/historystore.h"
#include "chat/roster.h"
#include "chat/storageproblems.h"
#include "moderation/moderationstore.h"
#include "moderation/mutestore.h"
#include "rules/nickname.h"

#include <QSet>

#include <chrono>

namespace ChatHost::Chat {

using Store = StorageProblems::Store;

Moderator::Moderator(Roster &roster, ChatOptions &options, HistoryStore *history,
                     Moderation::ModerationStore &store, Moderation::MuteStore &mutes,
                     StorageProblems &problems, Hooks hooks, Clock clock, QObject *parent)
    : QObject(parent)
    , m_roster(roster)
    , m_options(options)
    , m_history(history)
    , m_store(store)
    , m_mutes(mutes)
    , m_problems(problems)
    , m_hooks(std::move(hooks))
    , m_clock(std::move(clock))
{
    m_muteTimer.setSingleShot(true);
    connect(&m_muteTimer, &QTimer::timeout, this, &Moderator::expireMutes);
}

QString Moderator::minutes(qint64 durationMs)
{
    return tr("for %n minute(s)", nullptr, int((durationMs + 59999) / 60000));
}

void Moderator::audit(const QString &action, const QString &target, const QString &detail)
{
    QString error;
    m_store.audit(action, target, detail, &error);
    m_problems.failed(Store::Moderation, error);
    Q_EMIT actionTaken(action, target, detail);
}

bool Moderator::kick(const QString &userId, const QString &reason)
{
    Member *member = m_roster.byUserId(userId);
    if (!member)
        return false;
    kickMember(*member, reason);
    return true;
}

void Moderator::kickMember(Member &member, const QString &reason)
{
    const QString nickname = member.user.nickname;
    if (m_hooks.tell)
        m_hooks.tell(member, QStringLiteral("kicked"), Payloads::kicked(reason));
    audit(QStringLiteral("kick"), nickname, reason);
    member.replaced = true; // the notice below says why, not just "left"
    if (m_hooks.remove)
        m_hooks.remove(member, QStringLiteral("kicked"));
    if (m_hooks.notice)
        //: %1 is a nickname
        m_hooks.notice(tr("%1 was removed by the host").arg(nickname));
}

bool Moderator::mute(const QString &userId, qint64 durationMs, const QString &reason)
{
    Member *member = m_roster.byUserId(userId);
    if (!member)
        return false;
    // Kept with the person's user id, token and address: it outlasts this connection.
    Moderation::Mute record;
    record.userId = member->user.userId;
    record.tokenDigest = Moderation::MuteStore::tokenDigest(member->resumeToken);
    record.address = member->addressKey;
    record.nickname = member->user.nickname;
    record.createdMs = m_clock();
    record.untilMs = durationMs > 0 ? record.createdMs + durationMs : 0;
    record.reason = reason;
    QString error;
    m_mutes.add(record, &error);
    m_problems.failed(Store::Moderation, error);
    const QString nickname = member->user.nickname; // refreshMutes may remove no one, but be safe
    refreshMutes(record.address);
    audit(QStringLiteral("mute"), nickname,
          durationMs > 0 ? minutes(durationMs) + (reason.isEmpty() ? QString() : u": " + reason)
                         : reason);
    return true;
}

void Moderator::refreshMute(Member &member, bool tell, bool atJoin)
{
    // What the store says holds this person now: their own mute, their address's, or none.
    const qint64 now = m_clock();
    ChatUser &user = member.user;
    const QString digest = Moderation::MuteStore::tokenDigest(member.resumeToken);
    std::optional<Moderation::Mute> mute = m_mutes.find(user.userId, digest, member.addressKey, now,
                                                        atJoin && member.freshIdentity);
    if (mute && !mute->userId.isEmpty() && mute->userId != user.userId
        && mute->tokenDigest != digest) {
        // A muted person in a fresh tab (a new identity from their address): the mute follows
        // that identity too, so that a reload of the tab does not end it.
        Moderation::Mute derived = *mute;
        derived.userId = user.userId;
        derived.tokenDigest = digest;
        derived.nickname = user.nickname;
        derived.createdMs = now;
        if (derived.originUserId.isEmpty())
            derived.originUserId = mute->userId;
        QString error;
        mute = m_mutes.add(derived, &error);
        m_problems.failed(Store::Moderation, error);
    }
    if (!mute) {
        m_expiry.cancel(user.socketId);
        if (member.muteId == 0 && user.mutedUntilMs == 0)
            return;
        member.muteId = 0;
        user.mutedUntilMs = 0;
        user.muteReason.clear();
        if (tell && m_hooks.tell)
            m_hooks.tell(member, QStringLiteral("unmuted"), Json::JsonValue());
        Q_EMIT userChanged(user);
        return;
    }
    const qint64 until = mute->untilMs > 0 ? mute->untilMs : ChatUser::kForever;
    const bool changed = member.muteId != mute->id || user.mutedUntilMs != until
            || user.muteReason != mute->reason;
    member.muteId = mute->id;
    user.mutedUntilMs = until;
    user.muteReason = mute->reason;
    if (changed) {
        if (tell && m_hooks.tell)
            m_hooks.tell(member, QStringLiteral("muted"),
                         Payloads::muted(until == ChatUser::kForever ? -1 : until, mute->reason));
        Q_EMIT userChanged(user);
    }
    // Looked at again when it ends, to tell the page and the window.
    if (mute->untilMs > 0)
        m_expiry.schedule(user.socketId, mute->untilMs);
    else
        m_expiry.cancel(user.socketId);
    armMuteTimer();
}

void Moderator::forget(const Member &member)
{
    m_expiry.cancel(member.user.socketId);
}

void Moderator::armMuteTimer()
{
    const qint64 next = m_expiry.nextDueMs();
    if (next < 0) {
        m_muteTimer.stop();
        return;
    }
    // A little after the end (at the latest after a day: a timer's interval is an int of ms).
    const qint64 wait = std::clamp<qint64>(next - m_clock() + 50, 0, 24 * 3600 * 1000);
    m_muteTimer.start(std::chrono::milliseconds(wait));
}

void Moderator::expireMutes()
{
    const QStringList due = m_expiry.takeDue(m_clock());
    for (const QString &socketId : due) {
        if (const Roster::MemberPtr member = m_roster.find(socketId))
            refreshMute(*member, true);
    }
    armMuteTimer();
}

void Moderator::refreshMutes(const QString &addressKey)
{
    // Mutes are found by user id, token or address: a change to one touches only people of
    // that address.
    const QList<Member *> members = m_roster.membersAt(addressKey);
    for (Member *m : members)
        refreshMute(*m, true);
}

bool Moderator::unmute(const QString &userId)
{
    Member *member = m_roster.byUserId(userId);
    if (!member || !member->user.isMuted(m_clock()))
        return false;
    // The person's own mutes and the person's mute that holds them (a mute of someone else at
    // their address); a mute of the whole address stays: /unmuteip or the address menu lift it.
    const QString digest = Moderation::MuteStore::tokenDigest(member->resumeToken);
    QList<qint64> ids;
    for (const Moderation::Mute &m : m_mutes.active(m_clock())) {
        if (m.userId.isEmpty())
            continue;
        if (m.userId == userId || m.tokenDigest == digest || m.id == member->muteId
            || m.originUserId == userId)
            ids.append(m.id);
    }
    QString error;
    m_mutes.remove(ids, &error);
    m_problems.failed(Store::Moderation, error);
    const QString nickname = member->user.nickname;
    refreshMutes(member->addressKey);
    audit(QStringLiteral("unmute"), nickname, QString());
    return true;
}

bool Moderator::unmuteNickname(const QString &nickname)
{
    QList<qint64> ids;
    QSet<QString> userIds;
    for (const Moderation::Mute &m : m_mutes.byNicknameKey(nicknameKey(nickname), m_clock())) {
        ids.append(m.id);
        userIds.insert(m.userId);
    }
    if (ids.isEmpty())
        return false;
    // And the mutes that followed them into fresh tabs.
    for (const Moderation::Mute &m : m_mutes.active(m_clock())) {
        if (!m.originUserId.isEmpty() && userIds.contains(m.originUserId))
            ids.append(m.id);
    }
    QString error;
    const QList<Moderation::Mute> removed = m_mutes.remove(ids, &error);
    m_problems.failed(Store::Moderation, error);
    for (const Moderation::Mute &m : removed)
        refreshMutes(m.address);
    audit(QStringLiteral("unmute"), nickname.trimmed(), QString());
    return true;
}

int Moderator::muteAddress(const QString &address, qint64 durationMs, const QString &reason)
{
    const QHostAddress parsed(address.trimmed());
    if (parsed.isNull())
        return -1;
    // A mute of the address alone (no user id, no token): the same store as a person's mute, so
    // it holds for new connections from the address and across a restart.
    Moderation::Mute record;
    record.address = Moderation::normalizedAddress(parsed);
    record.createdMs = m_clock();
    record.untilMs = durationMs > 0 ? record.createdMs + durationMs : 0;
    record.reason = reason;
    QString error;
    m_mutes.add(record, &error);
    m_problems.failed(Store::Moderation, error);
    // Each person gets whichever mute lasts longer: their own or the address's.
    refreshMutes(record.address);
    const int muted = m_roster.peopleAt(record.address);
    audit(QStringLiteral("mute-address"), record.address,
          (durationMs > 0 ? minutes(durationMs) : tr("until unmuted")) + u", "
                  + tr("%n connection(s)", nullptr, muted)
                  + (reason.isEmpty() ? QString() : u": " + reason));
    return muted;
}

bool Moderator::unmuteAddress(const QString &address)
{
    const QString key = Moderation::normalizedAddress(QHostAddress(address.trimmed()));
    QList<qint64> ids;
    for (const Moderation::Mute &m : m_mutes.active(m_clock())) {
        if (m.userId.isEmpty() && m.address == key)
            ids.append(m.id);
    }
    if (ids.isEmpty())
        return false;
    QString error;
    m_mutes.remove(ids, &error);
    m_problems.failed(Store::Moderation, error);
    refreshMutes(key);
    audit(QStringLiteral("unmute-address"), key, QString());
    return true;
}

bool Moderator::isAddressMuted(const QString &address) const
{
    const QString key = Moderation::normalizedAddress(QHostAddress(address.trimmed()));
    const QList<Moderation::Mute> active = m_mutes.active(m_clock());
    return std::any_of(active.cbegin(), active.cend(), [&key](const Moderation::Mute &m) {
        return m.userId.isEmpty() && m.address == key;
    });
}

Moderation::Ban Moderator::ban(Moderation::Ban::Kind kind, const QString &value, qint64 durationMs,
                               const QString &reason)
{
    Moderation::Ban b;
    b.kind = kind;
    b.value = kind == Moderation::Ban::Kind::Address
            ? Moderation::normalizedAddress(QHostAddress(value))
            : value.trimmed();
    b.reason = reason;
    b.createdMs = m_clock();
    b.expiresMs = durationMs > 0 ? b.createdMs + durationMs : 0;
    QString error;
    b = m_store.addBan(b, &error); // applied even if not saved
    m_problems.failed(Store::Moderation, error);
    audit(QStringLiteral("ban"), Moderation::Ban::kindName(kind) + u' ' + b.value, reason);
    // Whoever matches now leaves now (a copy: kicking removes them from the roster).
    const QList<Roster::MemberPtr> members = m_roster.all();
    for (const Roster::MemberPtr &m : members) {
        if (m_roster.find(m->user.socketId) && b.matches(m->user.nickname, m->user.address))
            kickMember(*m, reason);
    }
    return b;
}

bool Moderator::liftBan(qint64 banId)
{
    const QList<Moderation::Ban> all = m_store.bans();
    const auto it = std::find_if(all.begin(), all.end(),
                                 [banId](const auto &b) { return b.id == banId; });
    if (it == all.end())
        return false;
    const Moderation::Ban b = *it;
    QString error;
    m_store.removeBan(banId, &error); // applied even if not saved
    m_problems.failed(Store::Moderation, error);
    audit(QStringLiteral("unban"), Moderation::Ban::kindName(b.kind) + u' ' + b.value, QString());
    return true;
}

QList<Moderation::AuditEntry> Moderator::auditTrail(int limit) const
{
    return m_store.auditTrail(limit);
}

QList<Moderation::Ban> Moderator::activeBans() const
{
    return m_store.activeBans(m_clock());
}

bool Moderator::deleteMessage(qint64 messageId)
{
    const std::optional<ChatMessage> m = m_history->find(messageId);
    if (!m || m->deleted)
        return false;
    QString error;
    // Applied in memory even when the database fails, as messages are: then pages are told too.
    const bool deleted = m_history->markDeleted(messageId, &error);
    m_problems.failed(Store::History, error);
    if (!deleted)
        return false;
    if (m->isPrivate()) {
        // Only its two people ever saw it.
        if (m_hooks.tellPrivate)
            m_hooks.tellPrivate(*m, QStringLiteral("message deleted"),
                                Payloads::messageDeleted(messageId));
    } else if (m_hooks.broadcast) {
        m_hooks.broadcast(QStringLiteral("message deleted"), Payloads::messageDeleted(messageId));
    }
    audit(QStringLiteral("delete"), m->author, m->text.left(200));
    Q_EMIT messageDeleted(messageId);
    return true;
}

void Moderator::setSlowMode(int seconds)
{
    seconds = std::max(0, seconds);
    if (seconds == m_options.slowModeSeconds)
        return;
    m_options.slowModeSeconds = seconds;
    audit(QStringLiteral("slow-mode"), QString(), QString::number(seconds));
    if (m_hooks.notice)
        m_hooks.notice(seconds > 0
                               ? tr("The host turned on slow mode: one message every %n second(s).",
                                    nullptr, seconds)
                               : tr("The host turned off slow mode."));
    Q_EMIT roomChanged(true);
}

void Moderator::setLocked(bool locked)
{
    if (locked == m_options.locked)
        return;
    m_options.locked = locked;
    audit(locked ? QStringLiteral("lock") : QStringLiteral("unlock"), QString(), QString());
    if (m_hooks.notice)
        m_hooks.notice(locked ? tr("The host locked the room: only the host can write.")
                              : tr("The host unlocked the room."));
    Q_EMIT roomChanged(true);
}

void Moderator::setPrivateMessages(bool allowed)
{
    if (allowed == m_options.privateMessages)
        return;
    m_options.privateMessages = allowed;
    audit(QStringLiteral("private-messages"), QString(),
          allowed ? QStringLiteral("on") : QStringLiteral("off"));
    if (m_hooks.notice)
        m_hooks.notice(allowed ? tr("The host turned private messages on.")
                               : tr("The host turned private messages off."));
    Q_EMIT roomChanged(true);
}

void Moderator::setMaxPeople(int maxPeople)
{
    maxPeople = std::max(0, maxPeople);
    if (maxPeople == m_options.maxPeople)
        return;
    m_options.maxPeople = maxPeople;
    audit(QStringLiteral("max-people"), QString(), QString::number(maxPeople));
    Q_EMIT roomChanged(false);
}

void Moderator::setWordFilter(const QStringList &words, Moderation::WordFilter::Mode mode)
{
    Moderation::WordFilter normalized; // the words as the filter keeps them
    normalized.setWords(words);
    m_options.filterWords = normalized.words();
    m_options.filterMode = mode;
    audit(QStringLiteral("filter"), QString(),
          tr("%n word(s), %1", nullptr, int(m_options.filterWords.size()))
                  .arg(mode == Moderation::WordFilter::Mode::Refuse ? tr("refuse") : tr("mask")));
    Q_EMIT roomChanged(false);
}

} // namespace ChatHost::Chat
