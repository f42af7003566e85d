// See catchup.h.
#include "chat/catchup.h"

#include "chat/chatoptions.h"
#include "chat/historystore.h"
#include "chat/roster.h"

namespace ChatHost::Chat {

using Json::JsonValue;

CatchUp::CatchUp(HistoryStore *history, const ChatOptions &options, Clock clock)
    : m_history(history)
    , m_options(options)
    , m_clock(std::move(clock))
{ }

JsonValue CatchUp::onJoin(const JsonValue &auth, const QString &userId) const
{
    const HistoryReader reader = HistoryReader::person(userId);
    bool isInteger = false;
    const qint64 lastSeen = auth[u"lastId"].toInteger(&isInteger);
    // Both in about joinHistoryBytes of JSON: a connection that asks for it and never reads must
    // not make the server build and hold megabytes.
    if (!isInteger || lastSeen < 0) {
        QList<ChatMessage> recent
                = m_history->recent(m_options.historyOnJoin, m_options.joinHistoryBytes, 0, reader);
        if (m_decorate)
            m_decorate(recent);
        return Payloads::history(recent, false, true);
    }
    QList<ChatMessage> missed = m_history->recent(m_options.catchUpLimit,
                                                  m_options.joinHistoryBytes, lastSeen, reader);
    const QList<ChatMessage> oldest = m_history->after(lastSeen, 1, -1, reader);
    const bool complete = missed.isEmpty() || oldest.isEmpty()
            || oldest.constFirst().id == missed.constFirst().id;
    if (m_decorate)
        m_decorate(missed);
    return Payloads::history(missed, true, complete);
}

std::optional<Refusal> CatchUp::admit(Member &member)
{
    const qint64 now = m_clock();
    if (member.historyPending || !member.historyRequests.tryAcquire(now)) {
        const qint64 wait = member.historyPending ? 100 : member.historyRequests.msUntilNext(now);
        Refusal r = refusal(ErrorCode::RateLimited,
                            tr("Too many history requests; wait %n second(s).", nullptr,
                               int((wait + 999) / 1000)),
                            wait);
        r.tellHost = false;
        return r;
    }
    member.historyPending = true;
    return std::nullopt;
}

JsonValue CatchUp::answer(Member &member, const JsonValue &request) const
{
    member.historyPending = false;
    bool isInteger = false;
    const qint64 afterId = request[u"afterId"].toInteger(&isInteger);
    const int limit = std::clamp(int(request[u"limit"].toInteger()), 1, m_options.catchUpLimit);
    const bool limited = request.contains(u"limit");
    const qsizetype maxBytes = m_options.historyReplyBytes;
    const HistoryReader reader = HistoryReader::person(member.user.userId);
    QList<ChatMessage> list = isInteger
            ? m_history->after(afterId, limited ? limit : m_options.catchUpLimit, maxBytes, reader)
            : m_history->recent(limited ? limit : m_options.historyOnJoin, maxBytes, 0, reader);
    // complete: whether nothing newer is left; a page asks again from the last id when false.
    // (Newer private messages of others do not count: the reader would never get them.)
    std::optional<bool> complete;
    if (isInteger) {
        const qint64 last = list.isEmpty() ? afterId : list.constLast().id;
        complete = m_history->lastId() <= last || m_history->after(last, 1, -1, reader).isEmpty();
    }
    if (m_decorate)
        m_decorate(list);
    return Payloads::historyAck(list, complete);
}

} // namespace ChatHost::Chat
