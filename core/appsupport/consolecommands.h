// The host's commands in headless mode, typed on standard input (/say, /who, /help), since a
// server has no window. One row per command (name, usage, help, handler), found by name; /help
// lists the rows.
#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QSocketNotifier;

namespace ChatHost::Chat {
class ChatService;
}

namespace ChatHost {

class ConsoleCommands final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleCommands)
public:
    explicit ConsoleCommands(Chat::ChatService *chat, QObject *parent = nullptr);

    // Runs one command line and returns what to print (translated).
    QString execute(const QString &line);
    // Starts reading lines from standard input.
    void listenOnStdin();

    // One row of the command table.
    struct Command
    {
        // What a handler gets: the words after the command.
        struct Arguments
        {
            QString rest; // everything after the command, trimmed
            QString first; // the first word of rest
            QString afterFirst; // rest after its first word, trimmed
        };
        using Handler = QString (ConsoleCommands::*)(const Arguments &);

        const char *name; // "/kick"
        const char *usage; // "NAME [reason]" (source text, context ConsoleCommands)
        const char *help; // "remove someone" (source text, context ConsoleCommands)
        Handler handler;
    };
    // Every command, in /help order.
    static const QList<Command> &commands();
    static const Command *findCommand(const QString &name);

Q_SIGNALS:
    void output(const QString &text);

private:
    using Arguments = Command::Arguments;

    void readStdin();
    QString userIdOf(const QString &nickname) const;
    // The address NAME-OR-ADDRESS stands for (someone connected: theirs), or empty.
    QString addressOf(const QString &nameOrAddress, bool normalized) const;
    QString usage(const QString &name) const;

    QString say(const Arguments &a);
    QString msg(const Arguments &a);
    QString privateMessages(const Arguments &a);
    QString who(const Arguments &a);
    QString kick(const Arguments &a);
    QString mute(const Arguments &a);
    QString unmute(const Arguments &a);
    QString muteIp(const Arguments &a);
    QString unmuteIp(const Arguments &a);
    QString ban(const Arguments &a);
    QString banIp(const Arguments &a);
    QString bans(const Arguments &a);
    QString unban(const Arguments &a);
    QString deleteMessage(const Arguments &a);
    QString files(const Arguments &a);
    QString slow(const Arguments &a);
    QString lock(const Arguments &a);
    QString unlock(const Arguments &a);
    QString max(const Arguments &a);
    QString filter(const Arguments &a);
    QString help(const Arguments &a);

    Chat::ChatService *m_chat;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_buffer;
};

} // namespace ChatHost
