// ChatHost's own server-side WebSocket on a raw, non-blocking socket (after the 101): frames are
// read straight into the reader, outgoing frames are queued as shared byte arrays and written
// with one sendmsg() per pass. Idle connections hold no buffers. Not a QObject: a connection
// costs a few hundred bytes, not Qt's socket, buffer and timer objects.
// Linux only: built with CHATHOST_EPOLL_TRANSPORT (rawwebsocket_epoll.cpp).
#pragma once

#include "websocket/heldbudget.h"
#include "websocket/link.h"
#include "websocket/reactor.h"

#include <sys/types.h>

#include <functional>
#include <memory>
#include <vector>

namespace ChatHost::WebSocket {

class RawWebSocket final
    : public Link
    , private Reactor::Handler
{
public:
    // Largest amount queued for a peer that does not read; past it the peer is dropped.
    static constexpr qint64 kMaxQueuedBytes = 16 * 1024 * 1024;
    // How long a closed connection waits for the peer to finish the closing handshake.
    static constexpr int kLingerMs = 2000;

    // Takes over fd (connected, handshake done). Returns null (fd closed) if it cannot be watched.
    // held: the budget for unfinished messages this connection shares with the others.
    static RawWebSocket *adopt(Reactor *reactor, int fd, qint64 maxMessageSize,
                               std::shared_ptr<HeldBudget> held);

    void setListener(Listener *listener) override { m_listener = listener; }
    void send(const OutgoingMessage &message) override;
    void close(CloseCode code = CloseCode::Normal, QByteArrayView reason = {}) override;

    // Runs once when the descriptor is closed (e.g. to release a connection slot).
    void setFinishedHook(std::function<void()> hook) { m_finished = std::move(hook); }

private:
    enum class State : quint8 { Open, Closing, Draining, Done };
    RawWebSocket(Reactor *reactor, qint64 maxMessageSize, std::shared_ptr<HeldBudget> held);
    ~RawWebSocket() override;

    void handleEvents(quint32 events) override;
    void flush() override;
    void abandon() override;

    void readAvailable();
    // Reports what this connection holds of unfinished messages to the shared budget (closing
    // the connection past it) and keeps the deadline for finishing them.
    void accountHeld();
    bool onMessage(MessageReader::Message &&message);
    void queue(const QByteArray &bytes);
    // Writes as much of m_out as the socket takes; false if the peer is gone.
    bool writeQueued();
    ssize_t writeSome(); // one send() or sendmsg() of the queue's front, as the kernel returns
    void dropWritten(qsizetype written);
    void fail(CloseCode code, const char *why);
    void startClosing(CloseCode code, QByteArrayView reason);
    void peerGone();
    void finish();
    void notifyClosed();

    Reactor *m_reactor;
    Listener *m_listener = nullptr;
    MessageReader m_reader;
    QByteArray m_in; // an incomplete frame, empty (and unallocated) between frames
    std::vector<QByteArray> m_out;
    qsizetype m_outOffset = 0; // bytes of m_out.front() already written
    qint64 m_outBytes = 0;
    State m_state = State::Open;
    bool m_watchingWrites = false;
    bool m_tooSlow = false;
    bool m_messageDone = false; // a data message completed since the last accountHeld()
    WheelTimer m_linger;
    WheelTimer m_unfinished; // runs while a message is incomplete
    std::shared_ptr<HeldBudget> m_heldBudget;
    qint64 m_held = 0; // what m_heldBudget counts for this connection
    std::function<void()> m_finished;
};

} // namespace ChatHost::WebSocket
