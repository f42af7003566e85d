// See reactor.h.
#include "websocket/reactor.h"

#include "common/logging.h"

#include <QSocketNotifier>

#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ChatHost::WebSocket {

Reactor::Handler::~Handler() = default;

Reactor::Reactor(TimerWheel *wheel, QObject *parent)
    : QObject(parent)
    , m_wheel(wheel)
{
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0) {
        qCWarning(lcHttp) << "epoll_create1 failed:" << std::strerror(errno);
        return;
    }
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &Reactor::onReady);
}

Reactor::~Reactor()
{
    // What was queued last (e.g. the close frames of a shutdown) goes out if the sockets take it
    // now; nothing waits. Then connections still open are dropped; their owners hear of it
    // through abandon().
    endOfPass();
    m_inPass = true; // nothing is scheduled any more
    while (m_first) {
        Handler *h = m_first;
        retire(h);
        h->abandon();
    }
    for (Handler *h : m_retired)
        delete h;
    m_retired.clear();
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool Reactor::add(Handler *handler, int fd, quint32 events)
{
    epoll_event ev{};
    ev.events = events;
    ev.data.ptr = handler;
    handler->m_fd = fd;
    if (m_epoll < 0 || ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) != 0) {
        qCWarning(lcHttp) << "epoll_ctl(ADD) failed:" << std::strerror(errno);
        return false;
    }
    handler->m_next = m_first;
    if (m_first)
        m_first->m_prev = handler;
    m_first = handler;
    return true;
}

bool Reactor::modify(Handler *handler, quint32 events)
{
    if (handler->m_retired)
        return false;
    epoll_event ev{};
    ev.events = events;
    ev.data.ptr = handler;
    return ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, handler->m_fd, &ev) == 0;
}

void Reactor::retire(Handler *handler)
{
    if (handler->m_retired)
        return;
    if (!handler->m_prev && m_first != handler)
        return; // never added
    handler->m_retired = true;
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, handler->m_fd, nullptr);
    if (handler->m_prev)
        handler->m_prev->m_next = handler->m_next;
    else
        m_first = handler->m_next;
    if (handler->m_next)
        handler->m_next->m_prev = handler->m_prev;
    handler->m_prev = handler->m_next = nullptr;
    m_retired.push_back(handler);
    schedulePass();
}

void Reactor::markDirty(Handler *handler)
{
    if (handler->m_dirty || handler->m_retired)
        return;
    handler->m_dirty = true;
    m_dirty.push_back(handler);
    schedulePass();
}

void Reactor::schedulePass()
{
    if (m_inPass || m_passScheduled)
        return;
    m_passScheduled = true;
    QMetaObject::invokeMethod(this, &Reactor::endOfPass, Qt::QueuedConnection);
}

void Reactor::onReady()
{
    constexpr int kBatch = 256;
    epoll_event events[kBatch];
    const int n = ::epoll_wait(m_epoll, events, kBatch, 0);
    m_inPass = true;
    for (int i = 0; i < n; ++i) {
        auto *h = static_cast<Handler *>(events[i].data.ptr);
        if (!h->m_retired)
            h->handleEvents(events[i].events);
    }
    endOfPass();
}

void Reactor::endOfPass()
{
    m_inPass = true;
    m_passScheduled = false;
    // Flushing may queue more (a failed write closes, a close queues a frame): loop until none.
    while (!m_dirty.empty()) {
        std::vector<Handler *> dirty;
        dirty.swap(m_dirty);
        for (Handler *h : dirty) {
            h->m_dirty = false;
            if (!h->m_retired)
                h->flush();
        }
        if (m_dirty.empty()) {
            dirty.clear();
            m_dirty.swap(dirty); // keep the buffer for the next pass
        }
    }
    std::vector<Handler *> retired;
    retired.swap(m_retired);
    for (Handler *h : retired)
        delete h;
    m_inPass = false;
    if (!m_dirty.empty() || !m_retired.empty())
        schedulePass();
}

} // namespace ChatHost::WebSocket
