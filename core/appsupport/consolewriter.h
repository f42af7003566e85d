// Headless mode's standard output: the chat's log lines, written so that people in the chat
// cannot harm the host's terminal or the server through it. Control characters (escape
// sequences that retitle, clear or recolour the terminal), C1 controls and bidirectional overrides
// are shown as U+FFFD; and the writing happens on a thread of its own behind a bounded queue, so a
// stdout nobody reads (a paused pager, Ctrl-S over ssh, a supervisor that does not drain the pipe)
// never blocks the event loop: past the queue's budget lines are dropped and counted, and the
// count is written ahead of the next line that fits. Once the output is gone (EPIPE, a closed
// descriptor) nothing more is queued.
#pragma once

#include <QString>

#include <memory>

namespace ChatHost {

class ConsoleWriter final
{
public:
    static constexpr qsizetype kDefaultBudget = 4 * 1024 * 1024; // bytes waiting at most

    explicit ConsoleWriter(int fd, qsizetype budgetBytes = kDefaultBudget);
    ~ConsoleWriter(); // waits up to a second for what is queued, then leaves it
    ConsoleWriter(const ConsoleWriter &) = delete;
    ConsoleWriter &operator=(const ConsoleWriter &) = delete;

    // One line (a newline is added); a newline inside it is shown as U+FFFD too, so a message
    // cannot forge a line of its own. Returns false when it was dropped for want of room.
    bool writeLine(const QString &line);
    // Our own text of several lines (console command answers): each line made harmless.
    void writeLines(const QString &text);

    // What a line from outside looks like once made harmless for a terminal (pure; tested).
    static QString harmless(const QString &text);
    // Whether fd is the systemd journal's stream (JOURNAL_STREAM names its device and inode):
    // the journal stamps every line itself, so ours then go without a time.
    static bool writesToJournal(int fd);

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
};

} // namespace ChatHost
