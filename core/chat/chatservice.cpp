// See chatservice.h. Only wiring lives here: each rule is in the part named in the header.
#include "chat/chatservice.h"

#include "chat/activity.h"
#include "chat/admission.h"
#include "chat/catchup.h"
#include "chat/chatpayloads.h"
#include "chat/historystore.h"
#include "chat/messageactions.h"
#include "chat/messageextras.h"
#include "chat/messagepolicy.h"
#include "chat/moderator.h"
#include "chat/nicknameerrors.h"
#include "chat/presence.h"
#include "chat/privatemessages.h"
#include "common/logging.h"
#include "moderation/moderationstore.h"
#include "rules/nickname.h"
#include "socketio/namespace.h"
#include "socketio/socket.h"

#include <QRandomGenerator>
#include <QTimer>

namespace ChatHost::Chat {

using Json::JsonValue;
using SocketIO::AckFunction;
using SocketIO::Arguments;

namespace {

const JsonValue &firstArgument(const Arguments &args)
{
    static const JsonValue none;
    return args.empty() ? none : args.front();
}

Refusal nicknameRefusal(NicknameError error)
{
    return Refusal{nicknameErrorCode(error), nicknameErrorMessage(error)};
}

} // namespace

ChatService::ChatService(SocketIO::Server *io, HistoryStore *history, const ChatOptions &options,
                         Moderation::ModerationStore *moderation, QObject *parent)
    : QObject(parent)
    , m_nsp(io->of(QStringLiteral("/")))
    , m_history(history)
    , m_options(options)
    , m_problems([this](const QString &error) { Q_EMIT storageProblem(error); })
    , m_moderation(moderation)
{
    if (!m_moderation) {
        m_ownModeration = std::make_unique<Moderation::ModerationStore>();
        m_moderation = m_ownModeration.get();
    }
    // Mutes live next to the history (own table), so they survive a restart.
    if (m_history && m_history->isPersistent()) {
        QString error;
        if (!m_mutes.open(m_history->path(), &error))
            qCWarning(lcChat) << "mutes kept in memory only:" << error;
    }
    m_admission = std::make_unique<Admission>(m_options, m_roster, *m_moderation);
    m_policy = std::make_unique<MessagePolicy>(m_options);
    m_catchUp = std::make_unique<CatchUp>(m_history, m_options);
    m_extras = std::make_unique<MessageExtras>();
    if (m_history && m_history->isPersistent()) {
        QString error;
        if (!m_extras->open(m_history->path(), &error))
            qCWarning(lcChat) << "replies, edits and reactions kept in memory only:" << error;
    }
    m_actions = std::make_unique<MessageActions>(m_history, m_extras.get(), m_options, *m_policy,
                                                 m_problems);
    m_catchUp->setDecorate([this](QList<ChatMessage> &list) { m_actions->decorate(list); });
    m_activity = std::make_unique<Activity>();
    m_private = std::make_unique<PrivateMessages>(m_roster, m_options, *m_policy);
    if (m_history && m_history->isPersistent()) {
        QString error;
        if (!m_private->openBlockStore(m_history->path(), &error))
            qCWarning(lcChat) << "block lists kept in memory only:" << error;
    }
    m_presence = std::make_unique<Presence>(m_roster, m_options, presenceOutlet());
    m_moderator = std::make_unique<Moderator>(m_roster, m_options, m_history, *m_moderation,
                                              m_mutes, m_problems, moderatorHooks());
    connect(m_moderator.get(), &Moderator::actionTaken, this, &ChatService::moderationAction);
    connect(m_moderator.get(), &Moderator::messageDeleted, this, &ChatService::messageDeleted);
    connect(m_moderator.get(), &Moderator::userChanged, this, &ChatService::userChanged);
    connect(m_moderator.get(), &Moderator::roomChanged, this, &ChatService::onRoomChanged);

    m_nsp->use([this](SocketIO::Socket *socket, const SocketIO::NextFunction &next) {
        checkConnection(socket, next);
    });
    m_nsp->onConnection([this](SocketIO::Socket *socket) { onConnection(socket); });
}

ChatService::~ChatService() = default;

Presence::Outlet ChatService::presenceOutlet()
{
    Presence::Outlet outlet;
    outlet.send = [this](const Member *from, const QString &event, JsonValue payload) {
        send(from, event, std::move(payload));
    };
    outlet.notice = [this](const QString &text, bool store) {
        post(ChatMessage::Kind::System, QString(), text, QString(), store);
    };
    outlet.batchSent = [this](qsizetype changes) {
        if (changes >= Activity::kCrowd)
            m_activity->crowdMoved();
    };
    return outlet;
}

Moderator::Hooks ChatService::moderatorHooks()
{
    Moderator::Hooks hooks;
    hooks.remove = [this](Member &member, const QString &reason) {
        const QString id = member.user.socketId;
        if (member.socket)
            member.socket->disconnect(true);
        onDisconnected(id, reason);
    };
    hooks.tell = [](Member &member, const QString &event, JsonValue payload) {
        if (member.socket)
            member.socket->emit(event, payload.isNull() ? Arguments{} : Arguments{payload});
    };
    hooks.broadcast = [this](const QString &event, JsonValue payload) {
        send(nullptr, event, std::move(payload));
    };
    hooks.notice = [this](const QString &text) { post(ChatMessage::Kind::System, {}, text); };
    hooks.tellPrivate = [this](const ChatMessage &m, const QString &event, JsonValue payload) {
        tellBoth(m, event, {std::move(payload)});
    };
    return hooks;
}

std::optional<ChatUser> ChatService::user(const QString &socketId) const
{
    if (const Roster::MemberPtr m = m_roster.find(socketId))
        return m->user;
    return std::nullopt;
}

std::optional<ChatUser> ChatService::userById(const QString &userId) const
{
    if (const Member *m = m_roster.byUserId(userId))
        return m->user;
    return std::nullopt;
}

QString ChatService::socketIdOfUser(const QString &userId) const
{
    const Member *m = m_roster.byUserId(userId);
    return m ? m->user.socketId : QString();
}

int ChatService::messagesPerMinute() const
{
    return m_activity->messagesPerMinute();
}

void ChatService::send(const Member *from, const QString &event, JsonValue payload)
{
    if (from && from->socket)
        from->socket->broadcast().emit(event, {std::move(payload)});
    else
        m_nsp->emit(event, {std::move(payload)});
}

void ChatService::checkConnection(SocketIO::Socket *socket, const SocketIO::NextFunction &next)
{
    const QHostAddress address = socket->handshake().address;
    const QString nickname = socket->auth()[u"nickname"].toString();
    const std::optional<Refusal> refused
            = m_admission->check(nickname, address, socket->auth()[u"password"]);
    if (!refused) {
        next(std::nullopt);
        return;
    }
    Q_EMIT connectionRefused(Moderation::normalizedAddress(address), nickname, refused->text);
    next(SocketIO::ConnectError{refused->text,
                                Payloads::connectErrorData(refused->code, refused->retryAfterMs)});
}

void ChatService::onConnection(SocketIO::Socket *socket)
{
    auto member = std::make_shared<Member>();
    member->socket = socket;
    member->limiter = RateLimiter(m_options.rateCount, m_options.ratePeriodMs);
    member->user.socketId = socket->id();
    member->user.joinedAt = QDateTime::currentDateTimeUtc();
    member->user.address = socket->handshake().address;
    member->addressKey = Moderation::normalizedAddress(member->user.address);
    member->user.webSocket = socket->transport() == EngineIO::Session::Transport::WebSocket;
    const bool resumed = identify(*member, socket->auth());
    m_roster.add(member);
    welcome(*member, socket->auth());
    listen(socket);
    m_moderator->refreshMute(*member, true, true);
    Q_EMIT userJoined(member->user);
    m_presence->joined(member->user, !resumed);
}

// Who the newcomer is: the page that reconnects with its resume token is the same person (its
// old connection, if still here, is told `replaced` and dropped without a notice to the room,
// and it keeps its nickname, user id and spent budgets); anyone else is a new identity. Returns
// whether an old connection was taken over.
bool ChatService::identify(Member &member, const JsonValue &auth)
{
    const JsonValue &wanted = auth[u"nickname"];
    const QString token = auth[u"resumeToken"].toString().left(64);
    QString nickname;
    bool resumed = false;
    if (!token.isEmpty() && wanted.isString()) {
        if (Member *old = m_roster.byResumeToken(token, wanted.toString())) {
            old->replaced = true;
            nickname = old->user.nickname;
            resumed = true;
            const QString oldId = old->user.socketId;
            // One connection per person: the page that is left behind (often a duplicated tab,
            // which copies the token) is told why it is closed, and does not reconnect by itself.
            if (old->socket) {
                old->socket->emit(
                        QStringLiteral("replaced"),
                        {Payloads::replaced(tr("This chat was opened again in another tab "
                                               "or window; this one is closed."))});
                old->socket->disconnect(true);
            }
            onDisconnected(oldId, QStringLiteral("replaced by a new connection"));
        }
    }
    m_roster.identify(member, token, resumed, m_options, m_mutes, &m_private->blocks());
    if (!resumed && !wanted.isNull()) {
        const NicknameCheck check = wanted.isString()
                ? checkNickname(wanted.toString(), m_options.hostName, m_roster.takenBy())
                : NicknameCheck{{}, NicknameError::NotText};
        if (check.error == NicknameError::None)
            nickname = check.nickname;
        else
            refuse(member.socket, {}, QString(), nicknameRefusal(check.error));
    }
    member.user.nickname = nickname.isEmpty() ? m_roster.guestName(m_options.hostName) : nickname;
    return resumed;
}

void ChatService::welcome(Member &member, const JsonValue &auth)
{
    // The room's rules are in it (lock, slow mode), so the page shows them from the start.
    member.socket->emit(
            QStringLiteral("welcome"),
            {Payloads::welcome(member.user.nickname, member.user.userId, member.resumeToken,
                               m_presence->welcomeList(), m_roster.count(), m_options)});
    // Exactly what a reconnecting page missed, or the recent past for a newcomer.
    member.socket->emit(QStringLiteral("history"), {m_catchUp->onJoin(auth, member.user.userId)});
}

// The events a person's page may send, and who answers each. One table for every socket: a
// closure per event per socket cost about a kilobyte for each idle connection.
ChatService::Handler ChatService::handlerFor(const QString &event)
{
    static const std::pair<QLatin1StringView, Handler> table[] = {
            {QLatin1StringView("chat message"), &ChatService::onChatMessage},
            {QLatin1StringView("typing"), &ChatService::onTyping},
            {QLatin1StringView("set nickname"), &ChatService::onSetNickname},
            {QLatin1StringView("history"), &ChatService::onHistoryRequest},
            {QLatin1StringView("react"), &ChatService::onReact},
            {QLatin1StringView("edit message"), &ChatService::onEditMessage},
            {QLatin1StringView("delete message"), &ChatService::onDeleteMessage},
            {QLatin1StringView("private message"), &ChatService::onPrivateMessage},
            {QLatin1StringView("block"), &ChatService::onBlock},
            {QLatin1StringView("file token"), &ChatService::onFileToken},
    };
    for (const auto &[name, handler] : table) {
        if (event == name)
            return handler;
    }
    return nullptr;
}

void ChatService::listen(SocketIO::Socket *socket)
{
    // The handler finds the person again by socket id: they may have left meanwhile. Events
    // nobody answers are ignored, as before.
    const QString id = socket->id();
    socket->onAny([this, id](const QString &event, const Arguments &args, const AckFunction &ack) {
        if (const Handler handler = handlerFor(event)) {
            if (const Roster::MemberPtr m = m_roster.find(id))
                (this->*handler)(*m, args, ack);
        }
    });
    connect(socket, &SocketIO::Socket::disconnected, this,
            [this, id](const QString &reason) { onDisconnected(id, reason); });
    connect(socket, &SocketIO::Socket::upgraded, this, [this, id] {
        if (const Roster::MemberPtr m = m_roster.find(id)) {
            m->user.webSocket = true;
            Q_EMIT userChanged(m->user);
        }
    });
}

void ChatService::onTyping(Member &member, const Arguments &args, const AckFunction &)
{
    m_presence->typing(member, args.empty() || args.front().toBool(true));
}

void ChatService::onChatMessage(Member &member, const Arguments &args, const AckFunction &ack)
{
    const MessagePolicy::Verdict verdict = m_policy->check(member, firstArgument(args));
    if (verdict.refusal) {
        refuse(member.socket, ack, member.user.nickname, *verdict.refusal);
        return;
    }
    const MessageActions::Reply reply
            = m_actions->replyFromOptions(args.size() > 1 ? args.at(1) : JsonValue(),
                                          [](const ChatMessage &m) { return !m.isPrivate(); });
    if (reply.refusal) {
        refuse(member.socket, ack, member.user.nickname, *reply.refusal);
        return;
    }
    m_policy->accept(member, verdict.nowMs);
    ++member.user.messagesSent;
    m_presence->stopTyping(member);
    const ChatMessage m = post(ChatMessage::Kind::User, member.user.nickname, verdict.text,
                               member.user.userId, true, reply.ref);
    if (ack)
        ack({Payloads::messageAck(m.id, m.timestamp)});
    if (m_roster.find(member.user.socketId))
        Q_EMIT userChanged(member.user);
}

void ChatService::onSetNickname(Member &member, const Arguments &args, const AckFunction &ack)
{
    const QString old = member.user.nickname;
    if (const std::optional<Refusal> r = m_policy->checkRename(member)) {
        refuse(member.socket, ack, old, *r);
        return;
    }
    const JsonValue &wanted = firstArgument(args);
    const NicknameCheck check = wanted.isString()
            ? checkNickname(wanted.toString(), m_options.hostName,
                            m_roster.takenBy(member.user.socketId))
            : NicknameCheck{{}, NicknameError::NotText};
    if (check.error != NicknameError::None) {
        refuse(member.socket, ack, old, nicknameRefusal(check.error));
        return;
    }
    if (m_admission->banFor(check.nickname, QHostAddress()).has_value()) {
        refuse(member.socket, ack, old,
               refusal(ErrorCode::NicknameBanned, tr("That nickname is banned here.")));
        return;
    }
    if (check.nickname == old) {
        if (ack)
            ack({Payloads::nicknameAck(old)});
        return;
    }
    if (const std::optional<Refusal> r = m_policy->spendRename(member)) {
        refuse(member.socket, ack, old, *r);
        return;
    }
    m_roster.rename(member, check.nickname);
    const ChatUser user = member.user;
    if (ack)
        ack({Payloads::nicknameAck(user.nickname)});
    Q_EMIT userRenamed(user, old);
    m_presence->renamed(user, old);
}

void ChatService::onHistoryRequest(Member &member, const Arguments &args, const AckFunction &ack)
{
    if (!ack)
        return;
    if (const std::optional<Refusal> r = m_catchUp->admit(member)) {
        refuse(nullptr, ack, QString(), *r);
        return;
    }
    // Answered on the next pass of the event loop, after what is already queued.
    QTimer::singleShot(0, this,
                       [this, id = member.user.socketId, request = firstArgument(args), ack] {
                           if (const Roster::MemberPtr m = m_roster.find(id))
                               ack({m_catchUp->answer(*m, request)});
                       });
}

void ChatService::onReact(Member &member, const Arguments &args, const AckFunction &ack)
{
    const QString reader = member.user.userId;
    const MessageActions::Reaction r
            = m_actions->react(member, firstArgument(args),
                               [&reader](const ChatMessage &m) { return m.visibleTo(reader); });
    if (r.refusal) {
        refuse(member.socket, ack, member.user.nickname, *r.refusal);
        return;
    }
    if (ack)
        ack({Payloads::okAck()});
    // One small event per change; a repeated toggle changes nothing and tells nobody.
    if (r.changed)
        tellSeers(r.id, QStringLiteral("reaction"),
                  {Payloads::reaction(r.id, r.emoji, member.user.userId, r.on, r.count)});
}

void ChatService::onEditMessage(Member &member, const Arguments &args, const AckFunction &ack)
{
    const MessageActions::Edit e = m_actions->edit(member, firstArgument(args));
    if (e.refusal) {
        refuse(member.socket, ack, member.user.nickname, *e.refusal);
        return;
    }
    if (ack)
        ack({Payloads::editAck(e.edited)});
    tellSeers(e.id, QStringLiteral("message edited"),
              {Payloads::messageEdited(e.id, e.text, e.edited)});
    Q_EMIT messageEdited(e.id, e.text, e.edited);
}

void ChatService::onDeleteMessage(Member &member, const Arguments &args, const AckFunction &ack)
{
    const MessageActions::Deletion d = m_actions->deleteOwn(member, firstArgument(args));
    if (d.refusal) {
        refuse(member.socket, ack, member.user.nickname, *d.refusal);
        return;
    }
    if (ack)
        ack({Payloads::okAck()});
    // As when the host deletes it: every page removes it, the host's log marks it.
    tellSeers(d.id, QStringLiteral("message deleted"), {Payloads::messageDeleted(d.id)});
    Q_EMIT messageDeleted(d.id);
}

void ChatService::onPrivateMessage(Member &member, const Arguments &args, const AckFunction &ack)
{
    const PrivateMessages::Verdict verdict = m_private->check(member, firstArgument(args));
    if (verdict.refusal) {
        refuse(member.socket, ack, member.user.nickname, *verdict.refusal);
        return;
    }
    m_policy->accept(member, verdict.nowMs);
    ++member.user.messagesSent;
    m_presence->stopTyping(member);
    ChatMessage m;
    m.kind = ChatMessage::Kind::User;
    m.author = member.user.nickname;
    m.authorId = member.user.userId;
    m.text = verdict.text;
    m.recipientId = verdict.recipient->user.userId;
    m.recipientName = verdict.recipient->user.nickname;
    postPrivate(m);
    if (ack)
        ack({Payloads::messageAck(m.id, m.timestamp)});
    if (m_roster.find(member.user.socketId))
        Q_EMIT userChanged(member.user);
}

void ChatService::onBlock(Member &member, const Arguments &args, const AckFunction &ack)
{
    if (const std::optional<Refusal> r = m_private->block(member, firstArgument(args))) {
        refuse(member.socket, ack, member.user.nickname, *r);
        return;
    }
    if (ack)
        ack({Payloads::blockAck(m_private->blockedBy(member.user.userId))});
}

std::optional<ChatMessage> ChatService::sendPrivateAsHost(const QString &userId,
                                                          const QString &text, QString *why)
{
    if (const std::optional<Refusal> r = m_private->checkHost(userId, text)) {
        if (why)
            *why = r->text;
        return std::nullopt;
    }
    const Member *recipient = m_roster.byUserId(userId);
    ChatMessage m;
    m.kind = ChatMessage::Kind::Host;
    m.author = m_options.hostName;
    m.text = text;
    m.recipientId = userId;
    m.recipientName = recipient->user.nickname;
    postPrivate(m);
    return m;
}

void ChatService::postPrivate(ChatMessage &m)
{
    m.timestamp = QDateTime::currentMSecsSinceEpoch();
    QString error;
    // Stored (committed) before anyone is told, as every message.
    m_history->append(m, &error);
    m_problems.failed(StorageProblems::Store::History, error);
    tellBoth(m, QStringLiteral("private message"), {JsonValue(m.text), m.metadata()});
    if (m.kind == ChatMessage::Kind::User)
        m_activity->messagePosted(m.timestamp);
    Q_EMIT messagePosted(m);
}

void ChatService::tellSeers(qint64 id, const QString &event, const Arguments &args)
{
    // A private message's reactions, edits and deletion reach its two people only.
    const std::optional<ChatMessage> m = m_history->find(id);
    if (m && m->isPrivate())
        tellBoth(*m, event, args);
    else
        m_nsp->emit(event, args);
}

void ChatService::tellBoth(const ChatMessage &m, const QString &event, const Arguments &args)
{
    // The connections of the author and the recipient, found by user id (the sender's own page
    // too: its other views of the conversation stay in step; a host's message has no author id);
    // whether each may see it is the one rule of ChatMessage::visibleTo(), as for the history.
    const auto tell = [this, &m, &event, &args](const QString &userId) {
        if (const Member *member = userId.isEmpty() ? nullptr : m_roster.byUserId(userId);
            member && member->socket && m.visibleTo(member->user.userId))
            member->socket->emit(event, args);
    };
    tell(m.authorId);
    if (m.recipientId != m.authorId)
        tell(m.recipientId);
}

void ChatService::onFileToken(Member &member, const Arguments &, const AckFunction &ack)
{
    QByteArray &token = m_uploadTokenOf[member.user.socketId];
    if (token.isEmpty()) {
        QByteArray random(24, Qt::Uninitialized);
        for (char &c : random)
            c = char(QRandomGenerator::system()->bounded(256));
        token = random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const int perMinute = m_options.uploadsPerMinute;
        m_uploadTokens.insert(token,
                              UploadRight{member.user.socketId,
                                          RateLimiter(perMinute > 0 ? perMinute : 1 << 30, 60000)});
    }
    if (ack)
        ack({Payloads::fileTokenAck(QString::fromLatin1(token))});
}

ChatService::UploadCheck ChatService::checkUpload(const QByteArray &token, const QString &caption,
                                                  const QString &to)
{
    UploadCheck c;
    const auto right = m_uploadTokens.find(token);
    const Roster::MemberPtr member = memberOfUploadToken(token);
    if (!member) {
        c.refusal = Refusal{errorCodeName(ErrorCode::NoToken),
                            tr("This upload has no valid upload token (ask with \"file token\")."),
                            -1, false};
        return c;
    }
    const JsonValue text(caption.isEmpty() ? QStringLiteral("file") : caption);
    if (to.isEmpty()) {
        c.refusal = m_policy->check(*member, text).refusal;
    } else {
        c.refusal
                = m_private->check(*member, Payloads::privateRequest(to, text.toString())).refusal;
    }
    if (c.refusal)
        return c;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!right->uploads.tryAcquire(now)) {
        c.refusal = Refusal{errorCodeName(ErrorCode::UploadRateLimited),
                            tr("Too many uploads; wait a moment."), right->uploads.msUntilNext(now),
                            false};
        return c;
    }
    c.author = member->user.nickname;
    c.authorId = member->user.userId;
    return c;
}

QString ChatService::userIdOfUploadToken(const QByteArray &token) const
{
    const Roster::MemberPtr member = memberOfUploadToken(token);
    return member ? member->user.userId : QString();
}

Roster::MemberPtr ChatService::memberOfUploadToken(const QByteArray &token) const
{
    const auto right = m_uploadTokens.constFind(token);
    return right == m_uploadTokens.cend() ? nullptr : m_roster.find(right->socketId);
}

ChatService::FilePost ChatService::postFile(const QByteArray &token, JsonValue file,
                                            const QString &caption, qint64 replyTo,
                                            const QString &to)
{
    FilePost p;
    const Roster::MemberPtr member = memberOfUploadToken(token);
    if (!member) {
        p.refusal = Refusal{errorCodeName(ErrorCode::NoToken),
                            tr("The connection this upload belonged to has closed."), -1, false};
        return p;
    }
    // What plain clients that know only text show: the caption, or the file's name.
    const QString text = caption.isEmpty() ? file[u"name"].toString() : caption;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!to.isEmpty()) {
        const PrivateMessages::Verdict verdict = m_private->check(
                *member,
                Payloads::privateRequest(to, caption.isEmpty() ? QStringLiteral("file") : caption));
        if (verdict.refusal) {
            p.refusal = verdict.refusal;
            return p;
        }
        m_policy->accept(*member, now);
        ++member->user.messagesSent;
        p.message.kind = ChatMessage::Kind::User;
        p.message.author = member->user.nickname;
        p.message.authorId = member->user.userId;
        p.message.text = caption.isEmpty() ? text : verdict.text;
        p.message.recipientId = verdict.recipient->user.userId;
        p.message.recipientName = verdict.recipient->user.nickname;
        p.message.file = std::move(file);
        postPrivate(p.message);
    } else {
        const MessagePolicy::Verdict verdict = m_policy->check(
                *member, JsonValue(caption.isEmpty() ? QStringLiteral("file") : caption));
        if (verdict.refusal) {
            p.refusal = verdict.refusal;
            return p;
        }
        const MessageActions::Reply reply = m_actions->replyFromOptions(
                replyTo > 0 ? Payloads::replyOptions(replyTo) : JsonValue(),
                [](const ChatMessage &m) { return !m.isPrivate(); });
        if (reply.refusal) {
            p.refusal = reply.refusal;
            return p;
        }
        m_policy->accept(*member, verdict.nowMs);
        ++member->user.messagesSent;
        p.message = post(ChatMessage::Kind::User, member->user.nickname,
                         caption.isEmpty() ? text : verdict.text, member->user.userId, true,
                         reply.ref, file);
    }
    if (m_roster.find(member->user.socketId))
        Q_EMIT userChanged(member->user);
    return p;
}

void ChatService::onDisconnected(const QString &socketId, const QString &reason)
{
    // The upload token dies with its connection.
    if (const QByteArray token = m_uploadTokenOf.take(socketId); !token.isEmpty())
        m_uploadTokens.remove(token);
    const Roster::MemberPtr member = m_roster.remove(socketId);
    if (!member)
        return;
    m_moderator->forget(*member);
    // A person replaced by their own reconnection, or removed by the host, leaves without the
    // usual notice.
    m_presence->left(*member, !member->replaced);
    Q_EMIT userLeft(member->user, reason);
}

ChatMessage ChatService::broadcastAsHost(const QString &text)
{
    return post(ChatMessage::Kind::Host, m_options.hostName, text);
}

ChatMessage ChatService::post(ChatMessage::Kind kind, const QString &author, const QString &text,
                              const QString &authorId, bool store, const ReplyRef &reply,
                              const JsonValue &file)
{
    ChatMessage m;
    m.file = file;
    m.kind = kind;
    m.author = author;
    m.authorId = authorId;
    m.text = text;
    m.replyTo = reply;
    m.timestamp = QDateTime::currentMSecsSinceEpoch();
    QString error;
    // Stored (committed) before anyone is told: an acknowledged message is never lost.
    if (store)
        m_history->append(m, &error);
    m_problems.failed(StorageProblems::Store::History, error);
    if (store)
        m_actions->storeReply(m.id, reply);
    m_nsp->emit(QStringLiteral("chat message"), {JsonValue(m.text), m.metadata()});
    if (kind == ChatMessage::Kind::User)
        m_activity->messagePosted(m.timestamp);
    Q_EMIT messagePosted(m);
    return m;
}

void ChatService::refuse(SocketIO::Socket *socket, const AckFunction &ack, const QString &nickname,
                         const Refusal &refusal)
{
    const JsonValue error = Payloads::error(refusal.code, refusal.text, refusal.retryAfterMs);
    if (ack)
        ack({Payloads::refusedAck(error)});
    else if (socket)
        socket->emit(QStringLiteral("chat error"), {error});
    if (!nickname.isEmpty() && refusal.tellHost)
        Q_EMIT messageRefused(nickname, refusal.code, refusal.text);
}

void ChatService::onRoomChanged(bool tellPages)
{
    m_policy->configure(); // the word filter may have changed
    if (tellPages)
        m_nsp->emit(QStringLiteral("room"), {Payloads::room(m_options)});
    Q_EMIT roomChanged();
}

void ChatService::setOptions(const ChatOptions &options)
{
    const bool filterChanged = options.filterWords != m_options.filterWords
            || options.filterMode != m_options.filterMode;
    m_moderator->setSlowMode(options.slowModeSeconds);
    m_moderator->setLocked(options.locked);
    m_moderator->setMaxPeople(options.maxPeople);
    m_moderator->setPrivateMessages(options.privateMessages);
    if (filterChanged)
        m_moderator->setWordFilter(options.filterWords, options.filterMode);
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
    m_options.editWindowSeconds = options.editWindowSeconds;
    if (limitsChanged) {
        const QList<Roster::MemberPtr> members = m_roster.all();
        for (const Roster::MemberPtr &m : members)
            m->limiter = RateLimiter(m_options.rateCount, m_options.ratePeriodMs);
    }
    onRoomChanged(true);
}

} // namespace ChatHost::Chat
