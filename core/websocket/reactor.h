// An epoll set inside Qt's event loop: one QSocketNotifier watches the epoll descriptor, so
// thousands of WebSocket connections cost Qt one descriptor instead of one notifier (and one
// poll() entry) each, and a pass costs what is ready, not what is connected. Handlers are
// plain objects, never deleted while events are being dispatched (retire() defers it), and
// writes queued during a pass are flushed together at its end.
// Linux only: built with CHATHOST_EPOLL_TRANSPORT (reactor_epoll.cpp).
#pragma once

#include "common/timerwheel.h"

#include <QObject>

#include <vector>

class QSocketNotifier;

namespace ChatHost::WebSocket {

class Reactor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Reactor)
public:
    class Handler
    {
    public:
        virtual ~Handler();
        int descriptor() const { return m_fd; }
        bool isRetired() const { return m_retired; }

    protected:
        Handler() = default;
        // Readiness (EPOLLIN, EPOLLOUT, EPOLLHUP... bits) for the descriptor.
        virtual void handleEvents(quint32 events) = 0;
        // Writes what was queued; called once per pass after markDirty().
        virtual void flush() { }
        // The reactor is going away: drop the connection now (the handler is deleted after).
        virtual void abandon() { }

    private:
        // The reactor's bookkeeping inside each handler (its list links, descriptor and flags):
        // an enclosing class gets no access to a nested class's privates without a friend, and
        // setters would let handlers corrupt the reactor's lists.
        friend class Reactor;
        Handler *m_prev = nullptr; // every registered handler is in one list
        Handler *m_next = nullptr;
        int m_fd = -1;
        bool m_retired = false;
        bool m_dirty = false;
    };

    // wheel: the server's one timer wheel (it must outlive the reactor); the transports'
    // deadlines (linger, close) and the guarded listener's head timeouts run on it.
    explicit Reactor(TimerWheel *wheel, QObject *parent = nullptr);
    ~Reactor() override;

    bool isValid() const { return m_epoll >= 0; }
    TimerWheel *wheel() const { return m_wheel; }

    // Watches fd for events (EPOLLIN etc.); the reactor owns handler from now on.
    bool add(Handler *handler, int fd, quint32 events);
    bool modify(Handler *handler, quint32 events);
    // Stops watching (the descriptor is not closed) and deletes the handler after the pass.
    void retire(Handler *handler);
    // handler->flush() will run at the end of this pass (or soon, outside one).
    void markDirty(Handler *handler);

private:
    void onReady();
    void endOfPass();
    void schedulePass();

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
    TimerWheel *m_wheel;
    Handler *m_first = nullptr;
    std::vector<Handler *> m_dirty;
    std::vector<Handler *> m_retired;
    bool m_inPass = false;
    bool m_passScheduled = false;
};

} // namespace ChatHost::WebSocket
