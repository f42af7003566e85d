// See consolewriter.h.
#include "appsupport/consolewriter.h"

#include <QByteArray>
#include <QCoreApplication>

#include <cerrno>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>

#include <sys/stat.h>
#include <unistd.h>

namespace ChatHost {

namespace {
QByteArray droppedNote(quint64 dropped)
{
    const int count = dropped > quint64(INT_MAX) ? INT_MAX : int(dropped);
    //: headless output; %n lines were not written because nobody read the output
    const QString note = QCoreApplication::translate(
            "ConsoleWriter", "(%n line(s) dropped: the output was not read)", nullptr, count);
    return note.toUtf8() + '\n';
}
} // namespace

struct ConsoleWriter::Shared
{
    int fd = 1;
    qsizetype budget = 0;
    std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable drained;
    std::deque<QByteArray> queue;
    qsizetype queuedBytes = 0;
    quint64 dropped = 0;
    bool stopping = false;
    bool writing = false;
    bool dead = false; // the output is closed: lines are no longer queued

    void run()
    {
        std::unique_lock lock(mutex);
        for (;;) {
            wake.wait(lock, [this] { return stopping || !queue.empty(); });
            if (stopping) // the owner waited for the queue; what is left now stays unwritten
                return;
            QByteArray next = std::move(queue.front());
            queue.pop_front();
            queuedBytes -= next.size();
            writing = true;
            lock.unlock();
            const bool ok = writeAll(next);
            lock.lock();
            writing = false;
            if (!ok) { // the reader is gone (EPIPE) or there is no output: stop writing
                dead = true;
                queue.clear();
                queuedBytes = 0;
            }
            if (queue.empty())
                drained.notify_all();
        }
    }

    // False when the output is gone (SIGPIPE is ignored by the app, so a closed pipe is EPIPE).
    bool writeAll(const QByteArray &bytes) const
    {
        qsizetype done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return false;
            done += n;
        }
        return true;
    }
};

ConsoleWriter::ConsoleWriter(int fd, qsizetype budgetBytes)
    : m_shared(std::make_shared<Shared>())
{
    m_shared->fd = fd;
    m_shared->budget = budgetBytes;
    // The thread keeps the state alive: at exit it may still be blocked in write().
    std::thread([shared = m_shared] { shared->run(); }).detach();
}

ConsoleWriter::~ConsoleWriter()
{
    std::unique_lock lock(m_shared->mutex);
    m_shared->drained.wait_for(lock, std::chrono::seconds(1),
                               [this] { return m_shared->queue.empty() && !m_shared->writing; });
    m_shared->stopping = true;
    m_shared->wake.notify_all();
}

bool ConsoleWriter::writeLine(const QString &line)
{
    QByteArray bytes = harmless(line).toUtf8();
    bytes += '\n';
    {
        const std::lock_guard lock(m_shared->mutex);
        if (m_shared->dead)
            return false;
        if (m_shared->queuedBytes + bytes.size() > m_shared->budget) {
            ++m_shared->dropped;
            return false;
        }
        // Lines were dropped before this one: say how many, ahead of it (built here, on the
        // owner's thread, where translating is safe).
        if (m_shared->dropped > 0) {
            bytes.prepend(droppedNote(std::exchange(m_shared->dropped, 0)));
        }
        m_shared->queuedBytes += bytes.size();
        m_shared->queue.push_back(std::move(bytes));
    }
    m_shared->wake.notify_one();
    return true;
}

void ConsoleWriter::writeLines(const QString &text)
{
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines)
        writeLine(line);
}

QString ConsoleWriter::harmless(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool control = u < 0x20 || (u >= 0x7f && u <= 0x9f);
        const bool bidi = (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069)
                || u == 0x200e || u == 0x200f || u == 0x061c;
        const bool lineBreak = u == 0x2028 || u == 0x2029; // new lines to journal viewers
        if (u == u'\t')
            out += u' ';
        else if (control || bidi || lineBreak)
            out += QChar(QChar::ReplacementCharacter);
        else
            out += c;
    }
    return out;
}

bool ConsoleWriter::writesToJournal(int fd)
{
    // "DEVICE:INODE" in decimal, set by systemd for a service whose output goes to the journal.
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    const qsizetype colon = stream.indexOf(':');
    if (colon <= 0)
        return false;
    bool deviceOk = false;
    bool inodeOk = false;
    const qulonglong device = stream.left(colon).toULongLong(&deviceOk);
    const qulonglong inode = stream.mid(colon + 1).toULongLong(&inodeOk);
    struct stat status = {};
    if (!deviceOk || !inodeOk || ::fstat(fd, &status) != 0)
        return false;
    return qulonglong(status.st_dev) == device && qulonglong(status.st_ino) == inode;
}

} // namespace ChatHost
