// See chatservice.h.
#include "chat/chatservice.h"

#include "chat/chatpayloads.h"
#include "chat/historystore.h"
#include "chat/nicknameerrors.h"
#include "common/logging.h"
#include "common/memory.h"
#include "common/randomid.h"
#include "moderation/moderationstore.h"
#include "rules/nickname.h"
#include "socketio/namespace.h"
#include "socketio/socket.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>

#include <chrono>

namespace ChatHost::Chat {

using Json::JsonValue;
using SocketIO::AckFunction;
using SocketIO::Arguments;

namespace {

qsizetype codePointCount(QStringView text)
{
    qsizetype n = text.size();
    for (QChar c : text) {
        if (c.isLowSurrogate())
            --n; // the second half of a pair
    }
    return n;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Public user ids: 12 URL-safe characters (72 random bits), unrelated to socket ids and tokens.
QString newUserId()
{
    return randomId(9);
}

} // namespace

ChatService::ChatService(SocketIO::Server *io, HistoryStore *history, const ChatOptions &options,
                         Moderation::ModerationStore *moderation, QObject *parent)
    : QObject(parent)
    , m_io(io)
    , m_nsp(io->of(QStringLiteral("/")))
    , m_history(history)
    , m_options(options)
    , m_moderation(moderation)
{
    if (!m_moderation) {
        m_ownModeration = std::make_unique<Moderation::ModerationStore>();
        m_moderation = m_ownModeration.get();
    }
    m_filter.setWords(options.filterWords);
    m_addressBudget.configure(AddressBudget::Kind::Messages, options.effectiveAddressRateCount(),
                              options.effectiveAddressRatePeriodMs());
    m_nsp->use([this](SocketIO::Socket *socket, const SocketIO::NextFunction &next) {
        checkConnection(socket, next);
    });
    m_nsp->onConnection([this](SocketIO::Socket *socket) { onConnection(socket); });
    m_presenceTimer.setSingleShot(true);
    m_presenceTimer.setInterval(250);
    connect(&m_presenceTimer, &QTimer::timeout, this, &ChatService::flushPresence);
    m_typingTimer.setInterval(std::max(50, m_options.typingChangeGapMs / 4));
    connect(&m_typingTimer, &QTimer::timeout, this, &ChatService::flushTyping);
    // Mutes live next to the history (own table), so they survive a restart.
    if (m_history && m_history->isPersistent()) {
        QString error;
        if (!m_mutes.open(m_history->path(), &error))
            qCWarning(lcChat) << "mutes kept in memory only:" << error;
    }
    m_trimTimer.setSingleShot(true);
    m_trimTimer.setInterval(2000);
    connect(&m_trimTimer, &QTimer::timeout, this, [this] {
        releaseFreeMemory();
        // A crowd that was still leaving when the timer fired: once more when it is gone.
        if (std::exchange(m_trimAgain, false))
            m_trimTimer.start();
    });
}

ChatService::~ChatService() = default;

QList<ChatUser> ChatService::users() const
{
    QList<ChatUser> out;
    out.reserve(m_joinOrder.size());
    for (const State *s : m_joinOrder)
        out.append(s->user);
    return out;
}

std::optional<ChatUser> ChatService::user(const QString &socketId) const
{
    const auto it = m_users.constFind(socketId);
    if (it == m_users.constEnd())
        return std::nullopt;
    return (*it)->user;
}

void ChatService::indexNickname(const QString &socketId, const QString &oldNickname,
                                const QString &newNickname)
{
    if (!oldNickname.isEmpty()) {
        const auto it = m_nicknameOwners.constFind(nicknameKey(oldNickname));
        if (it != m_nicknameOwners.cend() && it.value() == socketId)
            m_nicknameOwners.erase(it);
    }
    if (!newNickname.isEmpty())
        m_nicknameOwners.insert(nicknameKey(newNickname), socketId);
}

std::function<bool(const QString &)> ChatService::takenBy(const QString &exceptSocketId) const
{
    return [this, exceptSocketId](const QString &key) {
        const auto it = m_nicknameOwners.constFind(key);
        return it != m_nicknameOwners.cend() && it.value() != exceptSocketId;
    };
}

QString ChatService::guestName() const
{
    const auto taken = takenBy();
    for (int attempt = 0;; ++attempt) {
        const int digits = attempt < 50 ? 4 : 6;
        const int bound = digits == 4 ? 10000 : 1000000;
        const QString name = QStringLiteral("Guest-%1")
                                     .arg(QRandomGenerator::global()->bounded(bound), digits, 10,
                                          QLatin1Char('0'));
        if (checkNickname(name, m_options.hostName, taken).error == NicknameError::None)
            return name;
    }
}

std::optional<Moderation::Ban> ChatService::banFor(const QString &nickname,
                                                   const QHostAddress &address) const
{
    const QList<Moderation::Ban> bans = m_moderation->activeBans(nowMs());
    for (const Moderation::Ban &b : bans) {
        if (b.matches(nickname, address))
            return b;
    }
    return std::nullopt;
}

void ChatService::checkConnection(SocketIO::Socket *socket, const SocketIO::NextFunction &next)
{
    const QHostAddress address = socket->handshake().address;
    const QString nickname = socket->auth()[u"nickname"].toString();
    auto refuse = [&](ErrorCode code, const QString &message) {
        Q_EMIT connectionRefused(Moderation::normalizedAddress(address), nickname, message);
        next(SocketIO::ConnectError{message, Payloads::connectErrorData(errorCodeName(code))});
    };
    if (const auto b = banFor(nickname, address)) {
        QString message = b->reason.isEmpty()
                ? tr("You are banned from this chat.")
                //: %1 is the reason the host gave
                : tr("You are banned from this chat: %1").arg(b->reason);
        refuse(ErrorCode::Banned, message);
        return;
    }
    if (!m_options.password.isEmpty()) {
        qint64 retryAfter = -1;
        const QString code = checkPassword(address, socket->auth()[u"password"], &retryAfter);
        if (!code.isEmpty()) {
            const QString message = code == errorCodeName(ErrorCode::PasswordRequired)
                    ? tr("This chat needs a password.")
                    : code == errorCodeName(ErrorCode::WrongPassword)
                    ? tr("Wrong password.")
                    : tr("Too many wrong passwords; try again in %n second(s).", nullptr,
                         int((retryAfter + 999) / 1000));
            Q_EMIT connectionRefused(Moderation::normalizedAddress(address), nickname, message);
            next(SocketIO::ConnectError{message, Payloads::connectErrorData(code, retryAfter)});
            return;
        }
    }
    // One machine must not fill the people list: each address gets a few seats, not all.
    if (m_options.maxPeoplePerAddress > 0
        && m_peoplePerAddress.value(Moderation::normalizedAddress(address))
                >= m_options.maxPeoplePerAddress) {
        const QString message = tr("Too many people are connected from your network address "
                                   "(at most %n); close a tab or try again later.",
                                   nullptr, m_options.maxPeoplePerAddress);
        Q_EMIT connectionRefused(Moderation::normalizedAddress(address), nickname, message);
        next(SocketIO::ConnectError{
                message,
                Payloads::connectErrorData(errorCodeName(ErrorCode::TooManyFromAddress), 10000)});
        return;
    }
    if (m_options.maxPeople > 0 && m_users.size() >= m_options.maxPeople) {
        refuse(ErrorCode::RoomFull,
               tr("The chat is full (%n person(s)); try again later.", nullptr,
                  m_options.maxPeople));
        return;
    }
    next(std::nullopt);
}

QString ChatService::checkPassword(const QHostAddress &address, const JsonValue &given,
                                   qint64 *retryAfterMs)
{
    const qint64 now = nowMs();
    const QString key = Moderation::normalizedAddress(address);
    PasswordFailures &f = m_passwordFailures[key];
    if (f.blockedUntilMs > now) {
        *retryAfterMs = f.blockedUntilMs - now;
        return errorCodeName(ErrorCode::TooManyAttempts);
    }
    if (!given.isString() || given.toString().isEmpty()) {
        if (f.count == 0 && f.blockedUntilMs == 0)
            m_passwordFailures.remove(key);
        return errorCodeName(ErrorCode::PasswordRequired);
    }
    // Compare digests in constant time: how long it takes says nothing about the password.
    const QByteArray a
            = QCryptographicHash::hash(given.toString().toUtf8(), QCryptographicHash::Sha256);
    const QByteArray b
            = QCryptographicHash::hash(m_options.password.toUtf8(), QCryptographicHash::Sha256);
    unsigned char difference = 0;
    for (int i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    if (difference == 0) {
        m_passwordFailures.remove(key);
        return {};
    }
    if (now - f.windowStartMs > 60000) {
        f.windowStartMs = now;
        f.count = 0;
    }
    if (++f.count >= m_options.passwordAttemptsPerMinute) {
        f.blockedUntilMs = now + 60000;
        f.count = 0;
    }
    return errorCodeName(ErrorCode::WrongPassword);
}

void ChatService::sendRoomState()
{
    m_nsp->emit(QStringLiteral("room"), {Payloads::room(m_options)});
    Q_EMIT roomChanged();
}

void ChatService::onConnection(SocketIO::Socket *socket)
{
    auto state = std::make_shared<State>();
    state->socket = socket;
    state->limiter = RateLimiter(m_options.rateCount, m_options.ratePeriodMs);
    state->user.socketId = socket->id();
    state->user.joinedAt = QDateTime::currentDateTimeUtc();
    state->user.address = socket->handshake().address;
    state->user.webSocket = socket->transport() == EngineIO::Session::Transport::WebSocket;
    const QString addressKey = Moderation::normalizedAddress(state->user.address);
    ++m_peoplePerAddress[addressKey];

    const JsonValue &auth = socket->auth();
    const JsonValue &wanted = auth[u"nickname"];
    QString nickname;
    // A page that reconnects before its old connection timed out presents its resume token: the
    // old connection is dropped quietly and the page keeps its nickname.
    bool resumed = false;
    const QString token = auth[u"resumeToken"].toString().left(64);
    std::optional<IdentityRegistry::Carried> carried;
    if (!token.isEmpty() && wanted.isString()) {
        const auto candidates = m_users.values(); // a copy: the loop body removes one
        for (const std::shared_ptr<State> &other : candidates) {
            if (other->resumeToken == token
                && nicknameKey(other->user.nickname) == nicknameKey(wanted.toString().trimmed())) {
                other->replaced = true;
                nickname = other->user.nickname;
                resumed = true;
                const QString oldId = other->user.socketId;
                if (other->socket)
                    other->socket->disconnect(true);
                onDisconnected(oldId, QStringLiteral("replaced by a new connection"));
                break;
            }
        }
    }
    // The same page (its old connection just replaced above, or already gone): same person,
    // same spent budgets.
    if (!token.isEmpty())
        carried = m_leftRecently.take(token, nowMs());
    const qint64 connectedAt = nowMs();
    std::optional<Moderation::Mute> mute = m_mutes.find(
            carried ? carried->userId : QString(), Moderation::MuteStore::tokenDigest(token),
            Moderation::normalizedAddress(state->user.address), connectedAt);
    // After a restart a muted page is still known by its token: it keeps its user id and token.
    const bool knownByMute = !carried && mute && !token.isEmpty()
            && mute->tokenDigest == Moderation::MuteStore::tokenDigest(token);
    if (carried) {
        state->user.userId = carried->userId;
        state->renames = carried->renames;
        state->historyRequests = carried->historyRequests;
    } else {
        state->user.userId = knownByMute ? mute->userId : newUserId();
        state->renames = RateLimiter(m_options.renameCount, m_options.renamePeriodMs);
        state->historyRequests
                = RateLimiter(m_options.historyRequestCount, m_options.historyRequestPeriodMs);
    }
    // Two connections never share a user id (a token presented twice): the newcomer gets its own.
    if (m_userSockets.contains(state->user.userId))
        state->user.userId = newUserId();
    if (!resumed && !wanted.isNull()) {
        const NicknameCheck check = wanted.isString()
                ? checkNickname(wanted.toString(), m_options.hostName, takenBy())
                : NicknameCheck{{}, NicknameError::NotText};
        if (check.error == NicknameError::None)
            nickname = check.nickname;
        else
            refuse(socket, {}, QString(), nicknameErrorCode(check.error),
                   nicknameErrorMessage(check.error));
    }
    if (nickname.isEmpty())
        nickname = guestName();
    state->user.nickname = nickname;
    state->freshIdentity = !resumed && !carried && !knownByMute;
    state->resumeToken = resumed || carried || knownByMute ? token : randomId(16);
    const QString id = socket->id();
    state->joinSeq = m_nextJoinSeq++;
    m_users.insert(id, state);
    m_joinOrder.insert(state->joinSeq, state.get());
    indexNickname(id, {}, nickname);
    m_userSockets.insert(state->user.userId, id);

    // The newest kListedPeople: a full list to every newcomer would cost O(people) per arrival,
    // O(people^2) for a crowd. "count" says how many there are in all.
    JsonValue users{JsonValue::Array{}};
    {
        auto it = m_joinOrder.cend();
        int listed = 0;
        while (it != m_joinOrder.cbegin() && listed < kListedPeople) {
            --it;
            ++listed;
        }
        for (; it != m_joinOrder.cend(); ++it)
            users.arrayPtr()->push_back(Payloads::person((*it)->user.nickname,
                                                         (*it)->user.joinedAt.toMSecsSinceEpoch(),
                                                         (*it)->user.userId));
    }
    // The room's rules are in it (lock, slow mode), so the page shows them from the start.
    socket->emit(QStringLiteral("welcome"),
                 {Payloads::welcome(nickname, state->user.userId, state->resumeToken,
                                    std::move(users), int(m_users.size()), m_options)});

    // History: exactly what a reconnecting client missed, or the recent past for a newcomer.
    bool isInteger = false;
    const qint64 lastSeen = auth[u"lastId"].toInteger(&isInteger);
    // Both in about joinHistoryBytes of JSON: a connection that asks for it and never reads must
    // not make the server build and hold megabytes.
    if (isInteger && lastSeen >= 0) {
        // The newest of what was missed; complete: nothing older was left out.
        const QList<ChatMessage> missed
                = m_history->recent(m_options.catchUpLimit, m_options.joinHistoryBytes, lastSeen);
        const QList<ChatMessage> oldest = m_history->after(lastSeen, 1);
        const bool complete = missed.isEmpty() || oldest.isEmpty()
                || oldest.constFirst().id == missed.constFirst().id;
        socket->emit(QStringLiteral("history"), {Payloads::history(missed, true, complete)});
    } else {
        socket->emit(QStringLiteral("history"),
                     {Payloads::history(
                             m_history->recent(m_options.historyOnJoin, m_options.joinHistoryBytes),
                             false, true)});
    }

    socket->on(QStringLiteral("chat message"),
               [this, id](const Arguments &args, const AckFunction &ack) {
                   if (auto s = m_users.value(id))
                       onChatMessage(*s, args, ack);
               });
    socket->on(QStringLiteral("set nickname"),
               [this, id](const Arguments &args, const AckFunction &ack) {
                   if (auto s = m_users.value(id))
                       onSetNickname(*s, args, ack);
               });
    socket->on(QStringLiteral("typing"), [this, id](const Arguments &args, const AckFunction &) {
        if (auto s = m_users.value(id))
            onTyping(*s, args);
    });
    socket->on(QStringLiteral("history"),
               [this, id](const Arguments &args, const AckFunction &ack) {
                   if (auto s = m_users.value(id))
                       onHistoryRequest(*s, args, ack);
               });
    connect(socket, &SocketIO::Socket::disconnected, this,
            [this, id](const QString &reason) { onDisconnected(id, reason); });
    connect(socket, &SocketIO::Socket::upgraded, this, [this, id] {
        if (auto s = m_users.value(id)) {
            s->user.webSocket = true;
            Q_EMIT userChanged(s->user);
        }
    });

    refreshMute(*state, true, true);
    Q_EMIT userJoined(state->user);
    queueJoin(state->user, !resumed);
}

void ChatService::onChatMessage(State &state, const Arguments &args, const AckFunction &ack)
{
    const QString &nickname = state.user.nickname;
    if (args.empty() || !args.front().isString()) {
        refuse(state.socket, ack, nickname, errorCodeName(ErrorCode::NotText),
               tr("A message must be text."));
        return;
    }
    const QString text = args.front().toString();
    if (text.trimmed().isEmpty()) {
        refuse(state.socket, ack, nickname, errorCodeName(ErrorCode::Empty),
               tr("The message is empty."));
        return;
    }
    const qsizetype length = codePointCount(text);
    if (m_options.maxMessageLength > 0 && length > m_options.maxMessageLength) {
        refuse(state.socket, ack, nickname, errorCodeName(ErrorCode::TooLong),
               tr("Messages can be at most %1 characters long.").arg(m_options.maxMessageLength));
        return;
    }
    const qint64 now = nowMs();
    if (state.user.isMuted(now)) {
        const QString until = state.user.mutedUntilMs == ChatUser::kForever
                ? tr("until the host lets you speak again")
                //: %1 is a time of day
                : tr("until %1")
                          .arg(QDateTime::fromMSecsSinceEpoch(state.user.mutedUntilMs)
                                       .toLocalTime()
                                       .toString(QStringLiteral("HH:mm")));
        refuse(state.socket, ack, nickname, errorCodeName(ErrorCode::Muted),
               state.user.muteReason.isEmpty()
                       //: %1 says until when, e.g. "until 14:05"
                       ? tr("The host muted you %1.").arg(until)
                       //: %1 says until when, %2 the reason the host gave
                       : tr("The host muted you %1: %2").arg(until, state.user.muteReason),
               state.user.mutedUntilMs == ChatUser::kForever ? -1 : state.user.mutedUntilMs - now);
        return;
    }
    if (m_options.locked) {
        refuse(state.socket, ack, nickname, errorCodeName(ErrorCode::Locked),
               tr("The room is locked: only the host can write right now."));
        return;
    }
    const qint64 slowPeriodMs = qint64(m_options.slowModeSeconds) * 1000;
    const QString address = Moderation::normalizedAddress(state.user.address);
    if (slowPeriodMs > 0) {
        // Kept by user id and address: reconnecting does not restart the clock.
        const qint64 last
                = m_slowClock.lastMessageMs(state.user.userId, address, now, slowPeriodMs);
        const qint64 wait = last > 0 ? last + slowPeriodMs - now : 0;
        if (wait > 0) {
            refuse(state.socket, ack, nickname, errorCodeName(ErrorCode::SlowMode),
                   tr("Slow mode is on: one message every %n second(s).", nullptr,
                      m_options.slowModeSeconds),
                   wait);
            return;
        }
    }
    QString finalText = text;
    if (m_filter.matches(text)) {
        if (m_options.filterMode == Moderation::WordFilter::Mode::Refuse) {
            refuse(state.socket, ack, nickname, errorCodeName(ErrorCode::Filtered),
                   tr("Your message contains a word the host does not allow here."));
            return;
        }
        finalText = m_filter.masked(text);
    }
    if (const qint64 wait = state.limiter.msUntilNext(now); wait > 0) {
        refuse(state.socket, ack, nickname, errorCodeName(ErrorCode::RateLimited),
               tr("You are sending too fast; wait %n second(s).", nullptr,
                  int((wait + 999) / 1000)),
               wait);
        return;
    }
    // The budget all connections of this address share (checked before either is spent).
    constexpr auto kMessages = AddressBudget::Kind::Messages;
    if (const qint64 wait = m_addressBudget.msUntilNext(kMessages, address, now); wait > 0) {
        // The host hears once per flood, not once per refused message.
        const bool first = m_addressBudget.noteRefusal(kMessages, address, now);
        refuse(state.socket, ack, first ? nickname : QString(),
               errorCodeName(ErrorCode::AddressRateLimited),
               tr("Too many messages from your network address (all its connections together); "
                  "wait %n second(s).",
                  nullptr, int((wait + 999) / 1000)),
               wait);
        return;
    }
    state.limiter.tryAcquire(now);
    m_addressBudget.tryAcquire(kMessages, address, now);
    const QString socketId = state.user.socketId;
    ++state.user.messagesSent;
    state.typingWanted = false;
    m_typingPending.remove(socketId);
    if (state.typing)
        sendTyping(state, false, now);
    if (slowPeriodMs > 0)
        m_slowClock.record(state.user.userId, address, now, slowPeriodMs);
    const ChatMessage m = post(ChatMessage::Kind::User, nickname, finalText, state.user.userId);
    if (ack)
        ack({Payloads::messageAck(m.id, m.timestamp)});
    if (auto s = m_users.value(socketId))
        Q_EMIT userChanged(s->user);
}

void ChatService::onSetNickname(State &state, const Arguments &args, const AckFunction &ack)
{
    const QString old = state.user.nickname;
    const qint64 now = nowMs();
    // A rename speaks to everyone: not while the person may not write. (The nickname chosen when
    // joining is given with the connection and always works.)
    if (state.user.isMuted(now)) {
        refuse(state.socket, ack, old, errorCodeName(ErrorCode::Muted),
               tr("You cannot change your nickname while the host has muted you."),
               state.user.mutedUntilMs == ChatUser::kForever ? -1 : state.user.mutedUntilMs - now);
        return;
    }
    if (m_options.locked) {
        refuse(state.socket, ack, old, errorCodeName(ErrorCode::Locked),
               tr("The room is locked: nicknames cannot change right now."));
        return;
    }
    const NicknameCheck check = !args.empty() && args.front().isString()
            ? checkNickname(args.front().toString(), m_options.hostName,
                            takenBy(state.user.socketId))
            : NicknameCheck{{}, NicknameError::NotText};
    if (check.error != NicknameError::None) {
        refuse(state.socket, ack, old, nicknameErrorCode(check.error),
               nicknameErrorMessage(check.error));
        return;
    }
    if (banFor(check.nickname, QHostAddress()).has_value()) {
        refuse(state.socket, ack, old, errorCodeName(ErrorCode::NicknameBanned),
               tr("That nickname is banned here."));
        return;
    }
    if (check.nickname == old) {
        if (ack)
            ack({Payloads::nicknameAck(old)});
        return;
    }
    if (!state.renames.tryAcquire(now)) {
        const qint64 wait = state.renames.msUntilNext(now);
        refuse(state.socket, ack, old, errorCodeName(ErrorCode::RateLimited),
               tr("You are changing your nickname too often; wait %n second(s).", nullptr,
                  int((wait + 999) / 1000)),
               wait);
        return;
    }
    state.user.nickname = check.nickname;
    indexNickname(state.user.socketId, old, check.nickname);
    const ChatUser user = state.user;
    if (ack)
        ack({Payloads::nicknameAck(check.nickname)});
    Q_EMIT userRenamed(user, old);
    flushPresence(); // keep the order: who is here before who is renamed
    m_nsp->emit(QStringLiteral("presence"), {Payloads::renamed(old, user.nickname, user.userId)});
    // Told to those here now, not stored: newcomers' history is the conversation, not renames.
    //: %1 old nickname, %2 new nickname
    post(ChatMessage::Kind::System, QString(), tr("%1 is now known as %2").arg(old, user.nickname),
         QString(), false);
}

void ChatService::onTyping(State &state, const Arguments &args)
{
    const bool typing = args.empty() || args.front().toBool(true);
    const qint64 now = nowMs();
    state.typingWanted = typing;
    if (typing == state.typing) {
        // Nothing changed (or a change waiting was taken back). A repeated "true" is passed on
        // now and then: the page expires it by itself.
        m_typingPending.remove(state.user.socketId);
        if (!typing || now - state.lastTypingMs < m_options.typingThrottleMs)
            return;
    }
    if (state.lastTypingMs >= 0 && now - state.lastTypingMs < m_options.typingChangeGapMs) {
        // Too soon after the last one: the latest wish goes out when the gap is over, so a
        // flood of changes costs the others one event per gap at most.
        m_typingPending.insert(state.user.socketId);
        if (!m_typingTimer.isActive())
            m_typingTimer.start();
        return;
    }
    sendTyping(state, typing, now);
}

void ChatService::sendTyping(State &state, bool typing, qint64 now)
{
    state.typing = typing;
    state.lastTypingMs = now;
    state.socket->broadcast().emit(QStringLiteral("typing"),
                                   {Payloads::typing(state.user.nickname, typing)});
}

void ChatService::flushTyping()
{
    const qint64 now = nowMs();
    for (auto it = m_typingPending.begin(); it != m_typingPending.end();) {
        const std::shared_ptr<State> state = m_users.value(*it);
        if (!state) {
            it = m_typingPending.erase(it);
            continue;
        }
        if (now - state->lastTypingMs < m_options.typingChangeGapMs) {
            ++it;
            continue;
        }
        if (state->typingWanted != state->typing)
            sendTyping(*state, state->typingWanted, now);
        it = m_typingPending.erase(it);
    }
    if (m_typingPending.isEmpty())
        m_typingTimer.stop();
}

void ChatService::onHistoryRequest(State &state, const Arguments &args, const AckFunction &ack)
{
    if (!ack)
        return;
    // Each answer reads and encodes up to historyReplyBytes: one at a time per person, and a few
    // per period, so asking costs the asker as much as the server.
    const qint64 now = nowMs();
    if (state.historyPending || !state.historyRequests.tryAcquire(now)) {
        const qint64 wait = state.historyPending ? 100 : state.historyRequests.msUntilNext(now);
        refuse(nullptr, ack, QString(), errorCodeName(ErrorCode::RateLimited),
               tr("Too many history requests; wait %n second(s).", nullptr,
                  int((wait + 999) / 1000)),
               wait);
        return;
    }
    state.historyPending = true;
    // Answered on the next pass of the event loop, after what is already queued.
    const JsonValue request = args.empty() ? JsonValue() : args.front();
    QTimer::singleShot(0, this, [this, id = state.user.socketId, request, ack] {
        answerHistory(id, request, ack);
    });
}

void ChatService::answerHistory(const QString &socketId, const JsonValue &request,
                                const AckFunction &ack)
{
    const std::shared_ptr<State> state = m_users.value(socketId);
    if (!state)
        return;
    state->historyPending = false;
    bool isInteger = false;
    const qint64 afterId = request[u"afterId"].toInteger(&isInteger);
    const int limit = std::clamp(int(request[u"limit"].toInteger()), 1, m_options.catchUpLimit);
    const qsizetype maxBytes = m_options.historyReplyBytes;
    const QList<ChatMessage> list = isInteger
            ? m_history->after(afterId, request.contains(u"limit") ? limit : m_options.catchUpLimit,
                               maxBytes)
            : m_history->recent(request.contains(u"limit") ? limit : m_options.historyOnJoin,
                                maxBytes);
    // complete: whether nothing newer is left; a page asks again from the last id when false.
    std::optional<bool> complete;
    if (isInteger)
        complete = m_history->lastId() <= (list.isEmpty() ? afterId : list.constLast().id);
    ack({Payloads::historyAck(list, complete)});
}

void ChatService::onDisconnected(const QString &socketId, const QString &reason)
{
    const std::shared_ptr<State> state = m_users.take(socketId);
    if (!state)
        return;
    m_joinOrder.remove(state->joinSeq);
    if (const auto it = m_peoplePerAddress.find(Moderation::normalizedAddress(state->user.address));
        it != m_peoplePerAddress.end() && --it.value() <= 0)
        m_peoplePerAddress.erase(it);
    indexNickname(socketId, state->user.nickname, {});
    if (m_userSockets.value(state->user.userId) == socketId)
        m_userSockets.remove(state->user.userId);
    m_typingPending.remove(socketId);
    // The page may come back with its token: it is the same person then.
    m_leftRecently.remember(
            state->resumeToken,
            {state->user.userId, state->user.nickname, state->renames, state->historyRequests},
            nowMs());
    if (state->typing)
        m_nsp->emit(QStringLiteral("typing"), {Payloads::typing(state->user.nickname, false)});
    Q_EMIT userLeft(state->user, reason);
    // A person replaced by their own reconnection, or removed by the host, leaves without the
    // usual notice.
    queueLeave(state->user, !state->replaced);
}

ChatMessage ChatService::broadcastAsHost(const QString &text)
{
    return post(ChatMessage::Kind::Host, m_options.hostName, text);
}

void ChatService::notice(const QString &text)
{
    post(ChatMessage::Kind::System, QString(), text);
}

ChatMessage ChatService::post(ChatMessage::Kind kind, const QString &author, const QString &text,
                              const QString &authorId, bool store)
{
    ChatMessage m;
    m.kind = kind;
    m.author = author;
    m.authorId = authorId;
    m.text = text;
    m.timestamp = nowMs();
    QString error;
    // Stored (committed) before anyone is told: an acknowledged message is never lost.
    if (store)
        m_history->append(m, &error);
    storageFailed(StorageProblem::History, error);
    m_nsp->emit(QStringLiteral("chat message"), {JsonValue(m.text), m.metadata()});
    if (kind == ChatMessage::Kind::User) {
        m_recentMessageTimes.push_back(m.timestamp);
        while (!m_recentMessageTimes.empty() && m_recentMessageTimes.front() < m.timestamp - 60000)
            m_recentMessageTimes.pop_front();
    }
    Q_EMIT messagePosted(m);
    return m;
}

void ChatService::queueJoin(const ChatUser &user, bool announce)
{
    m_pendingJoins.append({user.socketId, user.userId, user.nickname, user.joinedAt, announce});
    if (!m_presenceTimer.isActive())
        m_presenceTimer.start();
}

void ChatService::queueLeave(const ChatUser &user, bool announce)
{
    // Joined and left within one batch: nobody needs to hear about it.
    const auto joined = std::find_if(
            m_pendingJoins.begin(), m_pendingJoins.end(),
            [&user](const PresenceChange &c) { return c.socketId == user.socketId; });
    if (joined != m_pendingJoins.end()) {
        m_pendingJoins.erase(joined);
        return;
    }
    m_pendingLeaves.append({user.socketId, user.userId, user.nickname, user.joinedAt, announce});
    if (!m_presenceTimer.isActive())
        m_presenceTimer.start();
}

QString ChatService::describeNames(const QStringList &names)
{
    if (names.size() == 1)
        return names.constFirst();
    if (names.size() == 2)
        //: two nicknames
        return tr("%1 and %2").arg(names[0], names[1]);
    if (names.size() == 3)
        return tr("%1, %2 and %3").arg(names[0], names[1], names[2]);
    //: %1 and %2 are nicknames
    return tr("%1, %2 and %n other(s)", nullptr, int(names.size()) - 2).arg(names[0], names[1]);
}

void ChatService::flushPresence()
{
    m_presenceTimer.stop();
    if (m_pendingJoins.isEmpty() && m_pendingLeaves.isEmpty())
        return;
    const QList<PresenceChange> joins = std::exchange(m_pendingJoins, {});
    const QList<PresenceChange> leaves = std::exchange(m_pendingLeaves, {});
    // One event for the whole batch, so a crowd arriving costs one message per page, not one per
    // arrival. Pages apply "left" before "joined".
    // In a big room a batch names at most kNamedPerBatch people each way and says how many more:
    // every page receives every batch, so its size must not grow with the crowd.
    const bool bigRoom = m_users.size() > kListedPeople;
    JsonValue::Array joined;
    QStringList announcedJoins;
    for (const PresenceChange &c : joins) {
        if (!bigRoom || qsizetype(joined.size()) < kNamedPerBatch)
            joined.push_back(
                    Payloads::person(c.nickname, c.joinedAt.toMSecsSinceEpoch(), c.userId));
        if (c.announce)
            announcedJoins.append(c.nickname);
    }
    JsonValue::Array left;
    JsonValue::Array leftIds; // the same people's user ids, in the same order
    QStringList announcedLeaves;
    for (const PresenceChange &c : leaves) {
        if (!bigRoom || qsizetype(left.size()) < kNamedPerBatch) {
            left.push_back(JsonValue(c.nickname));
            leftIds.push_back(JsonValue(c.userId));
        }
        if (c.announce)
            announcedLeaves.append(c.nickname);
    }
    const int joinedMore = bigRoom ? int(joins.size()) - int(joined.size()) : -1;
    const int leftMore = bigRoom ? int(leaves.size()) - int(left.size()) : -1;
    m_nsp->emit(QStringLiteral("presence"),
                {Payloads::presence(std::move(left), std::move(joined), int(m_users.size()),
                                    std::move(leftIds), joinedMore, leftMore)});
    // A crowd coming or going leaves freed buffers behind: give them back to the system.
    if (joins.size() + leaves.size() >= 20)
        releaseFreeMemorySoon();
    if (!announcedLeaves.isEmpty())
        //: %1 is one or more nicknames ("Ann", "Ann and Bob", "Ann, Bob and 3 others")
        notice(tr("%1 left").arg(describeNames(announcedLeaves)));
    if (!announcedJoins.isEmpty())
        //: %1 is one or more nicknames ("Ann", "Ann and Bob", "Ann, Bob and 3 others")
        notice(tr("%1 joined").arg(describeNames(announcedJoins)));
}

void ChatService::releaseFreeMemorySoon()
{
    if (m_trimTimer.isActive()) {
        m_trimAgain = true;
        return;
    }
    m_trimTimer.start();
}

void ChatService::refuse(SocketIO::Socket *socket, const AckFunction &ack, const QString &nickname,
                         const QString &code, const QString &message, qint64 retryAfterMs)
{
    const JsonValue error = Payloads::error(code, message, retryAfterMs);
    if (ack)
        ack({Payloads::refusedAck(error)});
    else if (socket)
        socket->emit(QStringLiteral("chat error"), {error});
    if (!nickname.isEmpty())
        Q_EMIT messageRefused(nickname, code, message);
}

int ChatService::messagesPerMinute() const
{
    const qint64 since = nowMs() - 60000;
    return int(std::count_if(m_recentMessageTimes.begin(), m_recentMessageTimes.end(),
                             [since](qint64 t) { return t >= since; }));
}

void ChatService::storageFailed(StorageProblem store, const QString &error)
{
    // The stores have fallen back to memory and go on there; the host hears it once per store.
    const unsigned bit = 1u << unsigned(store);
    if (error.isEmpty() || (m_storageProblemsReported & bit) != 0)
        return;
    m_storageProblemsReported |= bit;
    Q_EMIT storageProblem(error);
}

void ChatService::audit(const QString &action, const QString &target, const QString &detail)
{
    QString error;
    m_moderation->audit(action, target, detail, &error);
    storageFailed(StorageProblem::Moderation, error);
    Q_EMIT moderationAction(action, target, detail);
}

bool ChatService::kick(const QString &socketId, const QString &reason)
{
    const std::shared_ptr<State> state = m_users.value(socketId);
    if (!state)
        return false;
    const QString nickname = state->user.nickname;
    state->socket->emit(QStringLiteral("kicked"), {Payloads::kicked(reason)});
    audit(QStringLiteral("kick"), nickname, reason);
    state->replaced = true; // the notice below says why, not just "left"
    state->socket->disconnect(true);
    onDisconnected(socketId, QStringLiteral("kicked"));
    //: %1 is a nickname
    notice(tr("%1 was removed by the host").arg(nickname));
    return true;
}

bool ChatService::mute(const QString &socketId, qint64 durationMs, const QString &reason)
{
    const std::shared_ptr<State> state = m_users.value(socketId);
    if (!state)
        return false;
    // Kept with the person's user id, token and address: it outlasts this connection.
    Moderation::Mute record;
    record.userId = state->user.userId;
    record.tokenDigest = Moderation::MuteStore::tokenDigest(state->resumeToken);
    record.address = Moderation::normalizedAddress(state->user.address);
    record.nickname = state->user.nickname;
    record.createdMs = nowMs();
    record.untilMs = durationMs > 0 ? record.createdMs + durationMs : 0;
    record.reason = reason;
    QString error;
    m_mutes.add(record, &error);
    storageFailed(StorageProblem::Moderation, error);
    refreshMutes(record.address);
    audit(QStringLiteral("mute"), state->user.nickname,
          durationMs > 0 ? tr("for %n minute(s)", nullptr, int((durationMs + 59999) / 60000))
                          + (reason.isEmpty() ? QString() : u": " + reason)
                         : reason);
    return true;
}

void ChatService::refreshMute(State &state, bool tell, bool atJoin)
{
    // What the store says holds this person now: their own mute, their address's, or none.
    const qint64 now = nowMs();
    const QString digest = Moderation::MuteStore::tokenDigest(state.resumeToken);
    const QString address = Moderation::normalizedAddress(state.user.address);
    std::optional<Moderation::Mute> mute
            = m_mutes.find(state.user.userId, digest, address, now, atJoin && state.freshIdentity);
    if (mute && !mute->userId.isEmpty() && mute->userId != state.user.userId
        && mute->tokenDigest != digest) {
        // A muted person in a fresh tab (a new identity from their address): the mute follows
        // that identity too, so that a reload of the tab does not end it.
        Moderation::Mute derived = *mute;
        derived.userId = state.user.userId;
        derived.tokenDigest = digest;
        derived.nickname = state.user.nickname;
        derived.createdMs = now;
        if (derived.originUserId.isEmpty())
            derived.originUserId = mute->userId;
        QString error;
        mute = m_mutes.add(derived, &error);
        storageFailed(StorageProblem::Moderation, error);
    }
    if (!mute) {
        if (state.muteId == 0 && state.user.mutedUntilMs == 0)
            return;
        state.muteId = 0;
        state.user.mutedUntilMs = 0;
        state.user.muteReason.clear();
        if (tell)
            state.socket->emit(QStringLiteral("unmuted"));
        Q_EMIT userChanged(state.user);
        return;
    }
    const qint64 until = mute->untilMs > 0 ? mute->untilMs : ChatUser::kForever;
    const bool changed = state.muteId != mute->id || state.user.mutedUntilMs != until
            || state.user.muteReason != mute->reason;
    state.muteId = mute->id;
    state.user.mutedUntilMs = until;
    state.user.muteReason = mute->reason;
    if (changed) {
        if (tell)
            state.socket->emit(
                    QStringLiteral("muted"),
                    {Payloads::muted(until == ChatUser::kForever ? -1 : until, mute->reason)});
        Q_EMIT userChanged(state.user);
    }
    if (mute->untilMs > 0) {
        // Looked at again when it ends (at the latest after a day: a timer's interval is an int
        // of milliseconds), to tell the page and the window.
        const qint64 wait = std::clamp<qint64>(mute->untilMs - now + 50, 0, 24 * 3600 * 1000);
        QTimer::singleShot(std::chrono::milliseconds(wait), this,
                           [this, socketId = state.user.socketId] {
                               if (const auto s = m_users.value(socketId))
                                   refreshMute(*s, true);
                           });
    }
}

void ChatService::refreshMutes(const QString &address)
{
    // Mutes are found by user id, token or address: a change to one touches only people of
    // that address.
    for (const auto &s : std::as_const(m_users)) {
        if (Moderation::normalizedAddress(s->user.address) == address)
            refreshMute(*s, true);
    }
}

bool ChatService::unmute(const QString &socketId)
{
    const std::shared_ptr<State> state = m_users.value(socketId);
    if (!state || !state->user.isMuted(nowMs()))
        return false;
    // The person's own mutes and the person's mute that holds them (a mute of someone else at
    // their address); a mute of the whole address stays: /unmuteip or the address menu lift it.
    const QString digest = Moderation::MuteStore::tokenDigest(state->resumeToken);
    QList<qint64> ids;
    for (const Moderation::Mute &m : m_mutes.active(nowMs())) {
        if (m.userId.isEmpty())
            continue;
        if (m.userId == state->user.userId || m.tokenDigest == digest || m.id == state->muteId
            || m.originUserId == state->user.userId)
            ids.append(m.id);
    }
    QString error;
    m_mutes.remove(ids, &error);
    storageFailed(StorageProblem::Moderation, error);
    refreshMutes(Moderation::normalizedAddress(state->user.address));
    audit(QStringLiteral("unmute"), state->user.nickname, QString());
    return true;
}

bool ChatService::unmuteNickname(const QString &nickname)
{
    QList<qint64> ids;
    QSet<QString> userIds;
    for (const Moderation::Mute &m : m_mutes.byNicknameKey(nicknameKey(nickname), nowMs())) {
        ids.append(m.id);
        userIds.insert(m.userId);
    }
    if (ids.isEmpty())
        return false;
    // And the mutes that followed them into fresh tabs.
    for (const Moderation::Mute &m : m_mutes.active(nowMs())) {
        if (!m.originUserId.isEmpty() && userIds.contains(m.originUserId))
            ids.append(m.id);
    }
    QString error;
    const QList<Moderation::Mute> removed = m_mutes.remove(ids, &error);
    storageFailed(StorageProblem::Moderation, error);
    for (const Moderation::Mute &m : removed)
        refreshMutes(m.address);
    audit(QStringLiteral("unmute"), nickname.trimmed(), QString());
    return true;
}

int ChatService::muteAddress(const QString &address, qint64 durationMs, const QString &reason)
{
    const QHostAddress parsed(address.trimmed());
    if (parsed.isNull())
        return -1;
    // A mute of the address alone (no user id, no token): the same store as a person's mute, so
    // it holds for new connections from the address and across a restart.
    Moderation::Mute record;
    record.address = Moderation::normalizedAddress(parsed);
    record.createdMs = nowMs();
    record.untilMs = durationMs > 0 ? record.createdMs + durationMs : 0;
    record.reason = reason;
    QString error;
    m_mutes.add(record, &error);
    storageFailed(StorageProblem::Moderation, error);
    // Each person gets whichever mute lasts longer: their own or the address's.
    refreshMutes(record.address);
    const int muted = int(std::count_if(
            m_users.cbegin(), m_users.cend(), [&record](const std::shared_ptr<State> &s) {
                return Moderation::normalizedAddress(s->user.address) == record.address;
            }));
    audit(QStringLiteral("mute-address"), record.address,
          (durationMs > 0 ? tr("for %n minute(s)", nullptr, int((durationMs + 59999) / 60000))
                          : tr("until unmuted"))
                  + u", " + tr("%n connection(s)", nullptr, muted)
                  + (reason.isEmpty() ? QString() : u": " + reason));
    return muted;
}

bool ChatService::unmuteAddress(const QString &address)
{
    const QString key = Moderation::normalizedAddress(QHostAddress(address.trimmed()));
    QList<qint64> ids;
    for (const Moderation::Mute &m : m_mutes.active(nowMs())) {
        if (m.userId.isEmpty() && m.address == key)
            ids.append(m.id);
    }
    if (ids.isEmpty())
        return false;
    QString error;
    m_mutes.remove(ids, &error);
    storageFailed(StorageProblem::Moderation, error);
    refreshMutes(key);
    audit(QStringLiteral("unmute-address"), key, QString());
    return true;
}

bool ChatService::isAddressMuted(const QString &address) const
{
    const QString key = Moderation::normalizedAddress(QHostAddress(address.trimmed()));
    const QList<Moderation::Mute> active = m_mutes.active(nowMs());
    return std::any_of(active.cbegin(), active.cend(), [&key](const Moderation::Mute &m) {
        return m.userId.isEmpty() && m.address == key;
    });
}

Moderation::Ban ChatService::ban(Moderation::Ban::Kind kind, const QString &value,
                                 qint64 durationMs, const QString &reason)
{
    Moderation::Ban b;
    b.kind = kind;
    b.value = kind == Moderation::Ban::Kind::Address
            ? Moderation::normalizedAddress(QHostAddress(value))
            : value.trimmed();
    b.reason = reason;
    b.createdMs = nowMs();
    b.expiresMs = durationMs > 0 ? b.createdMs + durationMs : 0;
    QString error;
    b = m_moderation->addBan(b, &error); // applied even if not saved
    storageFailed(StorageProblem::Moderation, error);
    audit(QStringLiteral("ban"), Moderation::Ban::kindName(kind) + u' ' + b.value, reason);
    // Whoever matches now leaves now.
    const auto states = m_users.values();
    for (const auto &state : states) {
        if (b.matches(state->user.nickname, state->user.address))
            kick(state->user.socketId, reason);
    }
    return b;
}

bool ChatService::liftBan(qint64 banId)
{
    const QList<Moderation::Ban> all = m_moderation->bans();
    const auto it = std::find_if(all.begin(), all.end(),
                                 [banId](const auto &b) { return b.id == banId; });
    if (it == all.end())
        return false;
    const Moderation::Ban b = *it;
    QString error;
    m_moderation->removeBan(banId, &error); // applied even if not saved
    storageFailed(StorageProblem::Moderation, error);
    audit(QStringLiteral("unban"), Moderation::Ban::kindName(b.kind) + u' ' + b.value, QString());
    return true;
}

QList<Moderation::AuditEntry> ChatService::auditTrail(int limit) const
{
    return m_moderation->auditTrail(limit);
}

QList<Moderation::Ban> ChatService::activeBans() const
{
    return m_moderation->activeBans(nowMs());
}

bool ChatService::deleteMessage(qint64 messageId)
{
    const std::optional<ChatMessage> m = m_history->find(messageId);
    if (!m || m->deleted)
        return false;
    QString error;
    // Applied in memory even when the database fails, as messages are: then pages are told too.
    const bool deleted = m_history->markDeleted(messageId, &error);
    storageFailed(StorageProblem::History, error);
    if (!deleted)
        return false;
    m_nsp->emit(QStringLiteral("message deleted"), {Payloads::messageDeleted(messageId)});
    audit(QStringLiteral("delete"), m->author, m->text.left(200));
    Q_EMIT messageDeleted(messageId);
    return true;
}

void ChatService::setOptions(const ChatOptions &options)
{
    const bool filterChanged = options.filterWords != m_options.filterWords
            || options.filterMode != m_options.filterMode;
    setSlowMode(options.slowModeSeconds);
    setLocked(options.locked);
    setMaxPeople(options.maxPeople);
    if (filterChanged)
        setWordFilter(options.filterWords, options.filterMode);
    const bool limitsChanged = options.rateCount != m_options.rateCount
            || options.ratePeriodMs != m_options.ratePeriodMs;
    m_options.hostName = options.hostName;
    m_options.password = options.password;
    m_options.roomTitle = options.roomTitle;
    m_options.maxMessageLength = options.maxMessageLength;
    m_options.rateCount = options.rateCount;
    m_options.ratePeriodMs = options.ratePeriodMs;
    m_options.historyOnJoin = options.historyOnJoin;
    m_options.addressRateCount = options.addressRateCount;
    m_options.addressRatePeriodMs = options.addressRatePeriodMs;
    m_options.maxPeoplePerAddress = options.maxPeoplePerAddress;
    m_addressBudget.configure(AddressBudget::Kind::Messages, m_options.effectiveAddressRateCount(),
                              m_options.effectiveAddressRatePeriodMs());
    if (limitsChanged) {
        for (const auto &state : std::as_const(m_users))
            state->limiter = RateLimiter(m_options.rateCount, m_options.ratePeriodMs);
    }
    sendRoomState();
}

void ChatService::setSlowMode(int seconds)
{
    seconds = std::max(0, seconds);
    if (seconds == m_options.slowModeSeconds)
        return;
    m_options.slowModeSeconds = seconds;
    audit(QStringLiteral("slow-mode"), QString(), QString::number(seconds));
    notice(seconds > 0 ? tr("The host turned on slow mode: one message every %n second(s).",
                            nullptr, seconds)
                       : tr("The host turned off slow mode."));
    sendRoomState();
}

void ChatService::setLocked(bool locked)
{
    if (locked == m_options.locked)
        return;
    m_options.locked = locked;
    audit(locked ? QStringLiteral("lock") : QStringLiteral("unlock"), QString(), QString());
    notice(locked ? tr("The host locked the room: only the host can write.")
                  : tr("The host unlocked the room."));
    sendRoomState();
}

void ChatService::setMaxPeople(int maxPeople)
{
    maxPeople = std::max(0, maxPeople);
    if (maxPeople == m_options.maxPeople)
        return;
    m_options.maxPeople = maxPeople;
    audit(QStringLiteral("max-people"), QString(), QString::number(maxPeople));
    Q_EMIT roomChanged();
}

void ChatService::setWordFilter(const QStringList &words, Moderation::WordFilter::Mode mode)
{
    m_filter.setWords(words);
    m_options.filterWords = m_filter.words();
    m_options.filterMode = mode;
    audit(QStringLiteral("filter"), QString(),
          tr("%n word(s), %1", nullptr, int(m_options.filterWords.size()))
                  .arg(mode == Moderation::WordFilter::Mode::Refuse ? tr("refuse") : tr("mask")));
    Q_EMIT roomChanged();
}

} // namespace ChatHost::Chat
