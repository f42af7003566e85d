// A process-wide budget for what WebSocket peers make the server hold for them: bytes of
// messages that are not complete yet (the fragments of a fragmented message, a frame that has
// not fully arrived). One instance per HTTP front, shared (std::shared_ptr) by every link it
// creates, so that many connections cannot each hold up to the message size limit at once.
// O(1): a link reports how much it holds whenever that changes.
#pragma once

#include <QtGlobal>

namespace ChatHost::WebSocket {

class HeldBudget final
{
    Q_DISABLE_COPY_MOVE(HeldBudget)
public:
    // All connections together (a whole message may be up to --max-payload, 1 MB by default).
    static constexpr qint64 kDefaultLimit = 32 * 1024 * 1024;
    // How long one message may take from its first byte to its last.
    static constexpr int kUnfinishedMessageMs = 10000;

    explicit HeldBudget(qint64 limit = kDefaultLimit)
        : m_limit(limit)
    { }

    // One connection now holds `now` bytes instead of `before`. False (and nothing is counted)
    // when growing would pass the limit: the connection must be closed (and report 0 then).
    bool change(qint64 before, qint64 now)
    {
        if (now > before && m_held - before + now > m_limit)
            return false;
        m_held += now - before;
        return true;
    }

    qint64 held() const { return m_held; }
    qint64 limit() const { return m_limit; }

private:
    qint64 m_limit;
    qint64 m_held = 0;
};

} // namespace ChatHost::WebSocket
