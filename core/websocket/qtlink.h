// A QWebSocket behind the Link interface: used for the WebSocket upgrades that Qt's HTTP server
// completes itself: every one in the portable build (no CHATHOST_EPOLL_TRANSPORT), and on Linux
// an upgrade sent on a connection that already carried HTTP requests.
#pragma once

#include "common/timerwheel.h"
#include "websocket/heldbudget.h"
#include "websocket/link.h"

#include <QObject>
#include <QPointer>
#include <QWebSocket>

#include <memory>
#include <unordered_set>

namespace ChatHost::WebSocket {

// The same code in Qt's vocabulary (their numbers agree: checked in qtlink.cpp).
inline QWebSocketProtocol::CloseCode toQt(CloseCode code)
{
    return QWebSocketProtocol::CloseCode(toNumber(code));
}

class QtLink;

// What all QtLinks of one front may have queued for their peers together. Each QWebSocket
// keeps its own copy of every broadcast (the own transport shares one frame), so peers that do
// not read multiply the per-peer cap; past this budget the peers furthest behind are dropped
// first, until the total is back under three quarters of it. Counting is O(1) per send and per
// write; only going over the budget looks at every link.
class QtSendBudget final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QtSendBudget)
public:
    static constexpr qint64 kDefaultLimit = 64 * 1024 * 1024;
    // A peer with less than this queued is keeping up and is never dropped for the budget.
    static constexpr qint64 kMinBacklog = 64 * 1024;

    explicit QtSendBudget(qint64 limit = kDefaultLimit, QObject *parent = nullptr);
    ~QtSendBudget() override;

    qint64 queued() const { return m_queued; }
    qint64 limit() const { return m_limit; }

private:
    friend class QtLink;
    void add(QtLink *link) { m_links.insert(link); }
    void remove(QtLink *link) { m_links.erase(link); }
    void change(qint64 before, qint64 now);
    void trim();

    std::unordered_set<QtLink *> m_links;
    qint64 m_limit;
    qint64 m_queued = 0;
    bool m_trimPending = false;
};

// The shared budgets a front gives each QtLink it creates.
struct QtLinkBudgets
{
    std::shared_ptr<QtSendBudget> send;
    std::shared_ptr<HeldBudget> held; // shared with the own transport's connections
    TimerWheel *wheel = nullptr; // must outlive the links
};

class QtLink final
    : public QObject
    , public Link
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QtLink)
public:
    // Largest amount queued for a peer that does not read; past it the peer is dropped. Lower
    // than the own transport's 16 MB: here every peer holds its own copy of each broadcast, and
    // a chat peer 4 MB behind (four messages of the largest size) is not coming back.
    static constexpr qint64 kMaxQueuedBytes = 4 * 1024 * 1024;
    // How long a closed link waits for the peer to take the close frame.
    static constexpr int kLingerMs = 2000;

    // Takes ownership of socket.
    QtLink(QWebSocket *socket, QtLinkBudgets budgets, QObject *parent = nullptr);
    ~QtLink() override;

    void setListener(Listener *listener) override { m_listener = listener; }
    void send(const OutgoingMessage &message) override;
    void close(CloseCode code = CloseCode::Normal, QByteArrayView reason = {}) override;

private:
    friend class QtSendBudget;
    void accountQueued();
    void frameReceived(qint64 size, bool isLastFrame);
    void dropSlowPeer(const char *why);
    void fail(CloseCode code, const char *why);
    void closeSocket(CloseCode code, QByteArrayView reason);

    QPointer<QWebSocket> m_socket;
    QtLinkBudgets m_budgets;
    Listener *m_listener = nullptr;
    qint64 m_queued = 0; // what m_budgets.send counts for this link
    qint64 m_held = 0; // what m_budgets.held counts: fragments of an incomplete message
    WheelTimer m_unfinished; // runs while a message is incomplete
    WheelTimer m_linger;
    bool m_closing = false;
    bool m_tooSlow = false;
};

} // namespace ChatHost::WebSocket
