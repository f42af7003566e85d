// See catchup.h.
#include "chat/catchup.h"

#include "chat/chatoptions.h"
#include "chat/historystore.h"
#include "chat/roster.h"

namespace ChatHost::Chat {

using Json::JsonValue;

qsizetype CatchUp::jsonBytes(const JsonValue &value)
{
    // The length of the JSON text in UTF-8, as it goes on the wire (the writer escapes lone
    // surrogates, so a surrogate here is one of a pair: 4 bytes for the two).
    const QString text = value.toJson();
    qsizetype n = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        if (QChar::isHighSurrogate(u) && i + 1 < text.size()
            && QChar::isLowSurrogate(text.at(i + 1).unicode())) {
            n += 4;
            ++i;
        } else {
            n += u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
        }
    }
    return n;
}

void CatchUp::fitInBytes(QList<ChatMessage> &messages, qsizetype maxBytes, bool keepNewest)
{
    if (maxBytes < 0 || messages.size() <= 1)
        return;
    qsizetype used = 0;
    qsizetype kept = 0;
    const qsizetype n = messages.size();
    for (; kept < n; ++kept) {
        const ChatMessage &m = messages.at(keepNewest ? n - 1 - kept : kept);
        used += jsonBytes(m.toJson()) + (kept > 0 ? 1 : 0); // the comma between two
        if (used > maxBytes && kept > 0)
            break;
    }
    if (keepNewest)
        messages.remove(0, n - kept);
    else
        messages.resize(kept);
}

void CatchUp::decorateWithin(QList<ChatMessage> &messages, qsizetype maxBytes,
                             bool keepNewest) const
{
    if (m_decorate)
        m_decorate(messages);
    fitInBytes(messages, maxBytes, keepNewest);
}

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
    // Both in joinHistoryBytes of JSON as sent (with replies, reactions and edits): a connection
    // that asks for it and never reads must not make the server build and hold megabytes. The
    // store's estimate (without those) picks the candidates, the real size decides.
    const bool catchUp = isInteger && lastSeen >= 0;
    const qsizetype budget = m_options.joinHistoryBytes
            - jsonBytes(Payloads::history({}, catchUp, false)); // what is around the messages
    if (!catchUp) {
        QList<ChatMessage> recent
                = m_history->recent(m_options.historyOnJoin, m_options.joinHistoryBytes, 0, reader);
        decorateWithin(recent, budget, true);
        return Payloads::history(recent, false, true);
    }
    QList<ChatMessage> missed = m_history->recent(m_options.catchUpLimit,
                                                  m_options.joinHistoryBytes, lastSeen, reader);
    decorateWithin(missed, budget, true);
    const QList<ChatMessage> oldest = m_history->after(lastSeen, 1, -1, reader);
    const bool complete = missed.isEmpty() || oldest.isEmpty()
            || oldest.constFirst().id == missed.constFirst().id;
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
    // The oldest after afterId, or the newest: in historyReplyBytes of the ack as sent.
    decorateWithin(list, maxBytes - jsonBytes(Payloads::historyAck({}, false)), !isInteger);
    // complete: whether nothing newer is left; a page asks again from the last id when false.
    // (Newer private messages of others do not count: the reader would never get them.)
    std::optional<bool> complete;
    if (isInteger) {
        const qint64 last = list.isEmpty() ? afterId : list.constLast().id;
        complete = m_history->lastId() <= last || m_history->after(last, 1, -1, reader).isEmpty();
    }
    return Payloads::historyAck(list, complete);
}

} // namespace ChatHost::Chat
