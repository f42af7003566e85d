// See chatservice.h.
#include "chat/chatservice.h"

#include "chat/chatpayloads.h"
#include "chat/historystore.h"
#include "chat/nickname.h"
#include "common/logging.h"
#include "common/memory.h"
#include "common/randomid.h"
#include "moderation/moderationstore.h"
#include "socketio/namespace.h"
#include "socketio/socket.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
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
    if (const auto m = m_addressMutes.constFind(addressKey);
        m != m_addressMutes.cend() && m->untilMs > nowMs()) {
        state->user.mutedUntilMs = m->untilMs; // the host muted the whole address
        state->user.muteReason = m->reason;
    }

    const JsonValue &auth = socket->auth();
    const JsonValue &wanted = auth[u"nickname"];
    QString nickname;
    // A page that reconnects before its old connection timed out presents its resume token: the
    // old connection is dropped quietly and the page keeps its nickname.
    bool resumed = false;
    const QString token = auth[u"resumeToken"].toString();
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
    state->resumeToken = resumed ? token : randomId(16);
    const QString id = socket->id();
    state->joinSeq = m_nextJoinSeq++;
    m_users.insert(id, state);
    m_joinOrder.insert(state->joinSeq, state.get());
    indexNickname(id, {}, nickname);

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
                                                         (*it)->user.joinedAt.toMSecsSinceEpoch()));
    }
    // The room's rules are in it (lock, slow mode), so the page shows them from the start.
    socket->emit(QStringLiteral("welcome"),
                 {Payloads::welcome(nickname, state->resumeToken, std::move(users),
                                    int(m_users.size()), m_options)});

    // History: exactly what a reconnecting client missed, or the recent past for a newcomer.
    bool isInteger = false;
    const qint64 lastSeen = auth[u"lastId"].toInteger(&isInteger);
    if (isInteger && lastSeen >= 0) {
        QList<ChatMessage> missed = m_history->after(lastSeen, m_options.catchUpLimit + 1);
        const bool complete = missed.size() <= m_options.catchUpLimit;
        if (!complete)
            missed = missed.mid(missed.size() - m_options.catchUpLimit);
        socket->emit(QStringLiteral("history"), {Payloads::history(missed, true, complete)});
    } else {
        socket->emit(QStringLiteral("history"),
                     {Payloads::history(m_history->recent(m_options.historyOnJoin), false, true)});
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
    socket->on(QStringLiteral("history"), [this](const Arguments &args, const AckFunction &ack) {
        onHistoryRequest(args, ack);
    });
    connect(socket, &SocketIO::Socket::disconnected, this,
            [this, id](const QString &reason) { onDisconnected(id, reason); });
    connect(socket, &SocketIO::Socket::upgraded, this, [this, id] {
        if (auto s = m_users.value(id)) {
            s->user.webSocket = true;
            Q_EMIT userChanged(s->user);
        }
    });

    if (state->user.mutedUntilMs > 0)
        applyAddressMute(*state, state->user.mutedUntilMs, state->user.muteReason);
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
    if (m_options.slowModeSeconds > 0 && state.lastMessageMs > 0) {
        const qint64 wait = state.lastMessageMs + qint64(m_options.slowModeSeconds) * 1000 - now;
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
    const QString address = Moderation::normalizedAddress(state.user.address);
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
    if (state.typing) {
        state.typing = false;
        state.socket->broadcast().emit(QStringLiteral("typing"),
                                       {Payloads::typing(nickname, false)});
    }
    state.lastMessageMs = now;
    const ChatMessage m = post(ChatMessage::Kind::User, nickname, finalText);
    if (ack)
        ack({Payloads::messageAck(m.id, m.timestamp)});
    if (auto s = m_users.value(socketId))
        Q_EMIT userChanged(s->user);
}

void ChatService::onSetNickname(State &state, const Arguments &args, const AckFunction &ack)
{
    const QString old = state.user.nickname;
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
    state.user.nickname = check.nickname;
    indexNickname(state.user.socketId, old, check.nickname);
    const ChatUser user = state.user;
    if (ack)
        ack({Payloads::nicknameAck(check.nickname)});
    Q_EMIT userRenamed(user, old);
    flushPresence(); // keep the order: who is here before who is renamed
    m_nsp->emit(QStringLiteral("presence"), {Payloads::renamed(old, user.nickname)});
    //: %1 old nickname, %2 new nickname
    notice(tr("%1 is now known as %2").arg(old, user.nickname));
}

void ChatService::onTyping(State &state, const Arguments &args)
{
    const bool typing = args.empty() || args.front().toBool(true);
    const qint64 now = nowMs();
    if (typing && state.typing && now - state.lastTypingMs < m_options.typingThrottleMs)
        return; // throttled: the others already know, and the page expires it by itself
    if (!typing && !state.typing)
        return;
    state.typing = typing;
    state.lastTypingMs = now;
    state.socket->broadcast().emit(QStringLiteral("typing"),
                                   {Payloads::typing(state.user.nickname, typing)});
}

void ChatService::onHistoryRequest(const Arguments &args, const AckFunction &ack)
{
    if (!ack)
        return;
    const JsonValue request = args.empty() ? JsonValue() : args.front();
    bool isInteger = false;
    const qint64 afterId = request[u"afterId"].toInteger(&isInteger);
    const int limit = std::clamp(int(request[u"limit"].toInteger()), 1, m_options.catchUpLimit);
    const QList<ChatMessage> list = isInteger
            ? m_history->after(afterId, request.contains(u"limit") ? limit : m_options.catchUpLimit)
            : m_history->recent(request.contains(u"limit") ? limit : m_options.historyOnJoin);
    ack({Payloads::historyAck(list)});
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

ChatMessage ChatService::post(ChatMessage::Kind kind, const QString &author, const QString &text)
{
    ChatMessage m;
    m.kind = kind;
    m.author = author;
    m.text = text;
    m.timestamp = nowMs();
    QString error;
    // Stored (committed) before anyone is told: an acknowledged message is never lost.
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
    m_pendingJoins.append({user.socketId, user.nickname, user.joinedAt, announce});
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
    m_pendingLeaves.append({user.socketId, user.nickname, user.joinedAt, announce});
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
            joined.push_back(Payloads::person(c.nickname, c.joinedAt.toMSecsSinceEpoch()));
        if (c.announce)
            announcedJoins.append(c.nickname);
    }
    JsonValue::Array left;
    QStringList announcedLeaves;
    for (const PresenceChange &c : leaves) {
        if (!bigRoom || qsizetype(left.size()) < kNamedPerBatch)
            left.push_back(JsonValue(c.nickname));
        if (c.announce)
            announcedLeaves.append(c.nickname);
    }
    const int joinedMore = bigRoom ? int(joins.size()) - int(joined.size()) : -1;
    const int leftMore = bigRoom ? int(leaves.size()) - int(left.size()) : -1;
    m_nsp->emit(QStringLiteral("presence"),
                {Payloads::presence(std::move(left), std::move(joined), int(m_users.size()),
                                    joinedMore, leftMore)});
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
    const qint64 until = durationMs > 0 ? nowMs() + durationMs : ChatUser::kForever;
    state->user.mutedUntilMs = until;
    state->user.muteReason = reason;
    state->socket->emit(QStringLiteral("muted"),
                        {Payloads::muted(until == ChatUser::kForever ? -1 : until, reason)});
    audit(QStringLiteral("mute"), state->user.nickname,
          durationMs > 0 ? tr("for %n minute(s)", nullptr, int((durationMs + 59999) / 60000))
                          + (reason.isEmpty() ? QString() : u": " + reason)
                         : reason);
    Q_EMIT userChanged(state->user);
    if (durationMs > 0) {
        // Tell the window when the timeout is over.
        QTimer::singleShot(
                std::chrono::milliseconds(durationMs + 50), this, [this, socketId, until] {
                    if (auto s = m_users.value(socketId); s && s->user.mutedUntilMs == until) {
                        s->user.mutedUntilMs = 0;
                        s->socket->emit(QStringLiteral("unmuted"));
                        Q_EMIT userChanged(s->user);
                    }
                });
    }
    return true;
}

bool ChatService::unmute(const QString &socketId)
{
    const std::shared_ptr<State> state = m_users.value(socketId);
    if (!state || state->user.mutedUntilMs == 0)
        return false;
    state->user.mutedUntilMs = 0;
    state->user.muteReason.clear();
    state->socket->emit(QStringLiteral("unmuted"));
    audit(QStringLiteral("unmute"), state->user.nickname, QString());
    Q_EMIT userChanged(state->user);
    return true;
}

int ChatService::muteAddress(const QString &address, qint64 durationMs, const QString &reason)
{
    const QHostAddress parsed(address.trimmed());
    if (parsed.isNull())
        return -1;
    const QString key = Moderation::normalizedAddress(parsed);
    const qint64 until = durationMs > 0 ? nowMs() + durationMs : ChatUser::kForever;
    m_addressMutes.insert(key, AddressMute{until, reason});
    int muted = 0;
    for (const auto &state : std::as_const(m_users)) {
        if (Moderation::normalizedAddress(state->user.address) == key) {
            // A longer mute of the person stays as it is.
            if (state->user.mutedUntilMs < until)
                applyAddressMute(*state, until, reason);
            ++muted;
        }
    }
    audit(QStringLiteral("mute-address"), key,
          (durationMs > 0 ? tr("for %n minute(s)", nullptr, int((durationMs + 59999) / 60000))
                          : tr("until unmuted"))
                  + u", " + tr("%n connection(s)", nullptr, muted)
                  + (reason.isEmpty() ? QString() : u": " + reason));
    if (durationMs > 0) {
        QTimer::singleShot(std::chrono::milliseconds(durationMs + 50), this, [this, key, until] {
            if (const auto it = m_addressMutes.find(key);
                it != m_addressMutes.end() && it->untilMs == until)
                m_addressMutes.erase(it);
        });
    }
    return muted;
}

void ChatService::applyAddressMute(State &state, qint64 untilMs, const QString &reason)
{
    state.user.mutedUntilMs = untilMs;
    state.user.muteReason = reason;
    state.socket->emit(QStringLiteral("muted"),
                       {Payloads::muted(untilMs == ChatUser::kForever ? -1 : untilMs, reason)});
    Q_EMIT userChanged(state.user);
    if (untilMs == ChatUser::kForever)
        return;
    const QString socketId = state.user.socketId;
    QTimer::singleShot(std::chrono::milliseconds(std::max<qint64>(0, untilMs - nowMs()) + 50), this,
                       [this, socketId, untilMs] {
                           if (auto s = m_users.value(socketId);
                               s && s->user.mutedUntilMs == untilMs) {
                               s->user.mutedUntilMs = 0;
                               s->socket->emit(QStringLiteral("unmuted"));
                               Q_EMIT userChanged(s->user);
                           }
                       });
}

bool ChatService::unmuteAddress(const QString &address)
{
    const QString key = Moderation::normalizedAddress(QHostAddress(address.trimmed()));
    const auto it = m_addressMutes.find(key);
    if (it == m_addressMutes.end())
        return false;
    const qint64 until = it->untilMs;
    m_addressMutes.erase(it);
    for (const auto &state : std::as_const(m_users)) {
        if (Moderation::normalizedAddress(state->user.address) == key
            && state->user.mutedUntilMs == until) {
            state->user.mutedUntilMs = 0;
            state->user.muteReason.clear();
            state->socket->emit(QStringLiteral("unmuted"));
            Q_EMIT userChanged(state->user);
        }
    }
    audit(QStringLiteral("unmute-address"), key, QString());
    return true;
}

bool ChatService::isAddressMuted(const QString &address) const
{
    const auto it = m_addressMutes.constFind(
            Moderation::normalizedAddress(QHostAddress(address.trimmed())));
    return it != m_addressMutes.cend() && it->untilMs > nowMs();
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
