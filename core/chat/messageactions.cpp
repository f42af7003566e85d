// See messageactions.h.
#include "chat/messageactions.h"

#include "chat/chatoptions.h"
#include "chat/historystore.h"
#include "chat/messageextras.h"
#include "chat/messagepolicy.h"
#include "chat/roster.h"
#include "chat/storageproblems.h"

namespace ChatHost::Chat {

using Json::JsonValue;
using Store = StorageProblems::Store;

namespace {

int seconds(qint64 ms)
{
    return int((ms + 999) / 1000);
}

// Budgets of people idle long enough to be full again are forgotten beyond this many.

} // namespace

const QStringList &MessageActions::reactionSet()
{
    static const QStringList set = {
            QString::fromUtf8("\xF0\x9F\x91\x8D"), // U+1F44D thumbs up
            QString::fromUtf8("\xE2\x9D\xA4\xEF\xB8\x8F"), // U+2764 U+FE0F red heart
            QString::fromUtf8("\xF0\x9F\x98\x82"), // U+1F602 tears of joy
            QString::fromUtf8("\xF0\x9F\x98\xAE"), // U+1F62E open mouth
            QString::fromUtf8("\xF0\x9F\x98\xA2"), // U+1F622 crying
            QString::fromUtf8("\xF0\x9F\x8E\x89"), // U+1F389 party popper
    };
    return set;
}

QString MessageActions::excerpt(const QString &text)
{
    QStringView line(text);
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line.at(i) == u'\n' || line.at(i) == u'\r') {
            line = line.left(i);
            break;
        }
    }
    line = line.trimmed();
    qsizetype units = 0;
    for (int points = 0; units < line.size() && points < kExcerptLength; ++points)
        units += (line.at(units).isHighSurrogate() && units + 1 < line.size()) ? 2 : 1;
    return line.left(units).toString();
}

MessageActions::MessageActions(HistoryStore *history, MessageExtras *extras,
                               const ChatOptions &options, MessagePolicy &policy,
                               StorageProblems &problems, Clock clock)
    : m_history(history)
    , m_extras(extras)
    , m_options(options)
    , m_policy(policy)
    , m_problems(problems)
    , m_clock(std::move(clock))
{ }

std::optional<qint64> MessageActions::messageId(const JsonValue &id)
{
    bool ok = false;
    const qint64 n = id.toInteger(&ok);
    if (!ok || n <= 0)
        return std::nullopt;
    return n;
}

MessageActions::Reply MessageActions::resolveReply(const JsonValue &id,
                                                   const Visible &visible) const
{
    Reply r;
    if (id.isNull())
        return r;
    const std::optional<qint64> n = messageId(id);
    if (!n) {
        r.refusal = refusal(ErrorCode::BadRequest, tr("A reply must name a message by its id."));
        return r;
    }
    const std::optional<ChatMessage> original = m_history->find(*n);
    if (!original || original->deleted || original->kind == ChatMessage::Kind::System
        || (visible && !visible(*original))) {
        r.refusal = refusal(ErrorCode::NoSuchMessage,
                            tr("The message you are answering does not exist (any more)."));
        r.refusal->tellHost = false;
        return r;
    }
    r.ref.id = original->id;
    r.ref.author = original->author;
    r.ref.authorId = original->authorId;
    r.ref.excerpt = excerpt(original->text);
    return r;
}

MessageActions::Reply MessageActions::replyFromOptions(const JsonValue &options,
                                                       const Visible &visible) const
{
    // Anything but an object (a plain client's extra arguments) is no reply.
    if (!options.isObject())
        return {};
    return resolveReply(options[u"replyTo"], visible);
}

void MessageActions::storeReply(qint64 messageId, const ReplyRef &reply)
{
    if (!reply.isValid() || messageId <= 0)
        return;
    QString error;
    m_extras->saveReply(messageId, reply, &error);
    m_problems.failed(Store::History, error);
}

MessageActions::Reaction MessageActions::react(const Member &member, const JsonValue &request,
                                               const Visible &visible)
{
    Reaction r;
    const std::optional<qint64> id = messageId(request[u"id"]);
    const JsonValue &on = request[u"on"];
    if (!request.isObject() || !id || !on.isBool()) {
        r.refusal = refusal(ErrorCode::BadRequest,
                            tr("A reaction needs the message id, the emoji and on (true or "
                               "false)."));
        r.refusal->tellHost = false;
        return r;
    }
    r.id = *id;
    r.on = on.toBool();
    r.emoji = request[u"emoji"].toString();
    if (!reactionSet().contains(r.emoji)) {
        r.refusal = refusal(ErrorCode::BadReaction,
                            tr("That reaction is not one of %1.").arg(reactionSet().join(u' ')));
        r.refusal->tellHost = false;
        return r;
    }
    const qint64 now = m_clock();
    if (member.user.isMuted(now)) {
        r.refusal = refusal(ErrorCode::Muted, tr("You cannot react while the host has muted you."),
                            member.user.mutedUntilMs == ChatUser::kForever
                                    ? -1
                                    : member.user.mutedUntilMs - now);
        return r;
    }
    if (m_options.locked) {
        r.refusal
                = refusal(ErrorCode::Locked, tr("The room is locked: nobody can react right now."));
        return r;
    }
    if (const std::optional<qint64> wait = m_reactionBudgets.spend(
                member.user.userId, m_options.reactionCount, m_options.reactionPeriodMs, now)) {
        r.refusal = refusal(
                ErrorCode::RateLimited,
                tr("You are reacting too fast; wait %n second(s).", nullptr, seconds(*wait)),
                *wait);
        r.refusal->tellHost = false;
        return r;
    }
    const std::optional<ChatMessage> m = m_history->find(r.id);
    if (!m || m->deleted || m->kind == ChatMessage::Kind::System || (visible && !visible(*m))) {
        r.refusal
                = refusal(ErrorCode::NoSuchMessage, tr("That message does not exist (any more)."));
        r.refusal->tellHost = false;
        return r;
    }
    QString error;
    r.changed = m_extras->setReaction(r.id, member.user.userId, r.emoji, r.on, &error);
    m_problems.failed(Store::History, error);
    r.count = m_extras->reactionCount(r.id, r.emoji);
    return r;
}

std::optional<Refusal> MessageActions::checkOwn(const Member &member, const JsonValue &id,
                                                qint64 now) const
{
    const std::optional<qint64> n = messageId(id);
    if (!n) {
        Refusal r = refusal(ErrorCode::BadRequest, tr("Say which message by its id."));
        r.tellHost = false;
        return r;
    }
    const std::optional<ChatMessage> m = m_history->find(*n);
    // Someone else's private message does not exist for this person (not even as "not yours").
    if (!m || m->deleted || m->kind == ChatMessage::Kind::System
        || !m->visibleTo(member.user.userId)) {
        Refusal r
                = refusal(ErrorCode::NoSuchMessage, tr("That message does not exist (any more)."));
        r.tellHost = false;
        return r;
    }
    if (m->kind != ChatMessage::Kind::User || m->authorId.isEmpty()
        || m->authorId != member.user.userId) {
        Refusal r = refusal(ErrorCode::NotYours,
                            tr("You can only change or delete your own messages."));
        r.tellHost = false;
        return r;
    }
    const qint64 windowMs = qint64(m_options.editWindowSeconds) * 1000;
    if (windowMs <= 0 || now - m->timestamp > windowMs) {
        Refusal r = refusal(ErrorCode::EditWindowOver,
                            windowMs <= 0
                                    ? tr("The host does not allow changing or deleting messages.")
                                    : m_options.editWindowSeconds < 60
                                    ? tr("Messages can only be changed or deleted for %n second(s) "
                                         "after sending.",
                                         nullptr, m_options.editWindowSeconds)
                                    : tr("Messages can only be changed or deleted for %n minute(s) "
                                         "after sending.",
                                         nullptr, (m_options.editWindowSeconds + 59) / 60));
        r.tellHost = false;
        return r;
    }
    return std::nullopt;
}

MessageActions::Edit MessageActions::edit(Member &member, const JsonValue &request)
{
    Edit e;
    const qint64 now = m_clock();
    if (!request.isObject()) {
        e.refusal = refusal(ErrorCode::BadRequest, tr("An edit needs the message id and text."));
        e.refusal->tellHost = false;
        return e;
    }
    if ((e.refusal = checkOwn(member, request[u"id"], now)))
        return e;
    // The same rules as a new message, and it is paid for like one.
    const MessagePolicy::Verdict verdict = m_policy.check(member, request[u"text"]);
    if (verdict.refusal) {
        e.refusal = verdict.refusal;
        return e;
    }
    m_policy.accept(member, verdict.nowMs);
    e.id = request[u"id"].toInteger();
    QString error;
    const bool updated = m_history->updateText(e.id, verdict.text, &error);
    m_problems.failed(Store::History, error);
    if (!updated) {
        e.refusal
                = refusal(ErrorCode::NoSuchMessage, tr("That message does not exist (any more)."));
        e.refusal->tellHost = false;
        return e;
    }
    e.text = verdict.text;
    e.edited = std::max(now, verdict.nowMs);
    m_extras->setEdited(e.id, e.edited, &error);
    m_problems.failed(Store::History, error);
    return e;
}

MessageActions::Deletion MessageActions::deleteOwn(const Member &member, const JsonValue &request)
{
    Deletion d;
    if (!request.isObject()) {
        d.refusal = refusal(ErrorCode::BadRequest, tr("Say which message by its id."));
        d.refusal->tellHost = false;
        return d;
    }
    if ((d.refusal = checkOwn(member, request[u"id"], m_clock())))
        return d;
    d.id = request[u"id"].toInteger();
    QString error;
    const bool deleted = m_history->markDeleted(d.id, &error);
    m_problems.failed(Store::History, error);
    if (!deleted) {
        d.refusal
                = refusal(ErrorCode::NoSuchMessage, tr("That message does not exist (any more)."));
        d.refusal->tellHost = false;
    }
    return d;
}

void MessageActions::decorate(QList<ChatMessage> &messages) const
{
    m_extras->decorate(messages, m_history, reactionSet());
}

} // namespace ChatHost::Chat
