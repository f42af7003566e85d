// See consolecommands.h.
#include "hosting/consolecommands.h"

#include "chat/chatservice.h"

#include <QSocketNotifier>

#include <unistd.h>

namespace ChatHost {

ConsoleCommands::ConsoleCommands(Chat::ChatService *chat, QObject *parent)
    : QObject(parent)
    , m_chat(chat)
{ }

void ConsoleCommands::listenOnStdin()
{
    if (m_notifier)
        return;
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &ConsoleCommands::readStdin);
}

void ConsoleCommands::readStdin()
{
    char chunk[4096];
    const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (n <= 0) {
        m_notifier->setEnabled(false); // end of input (e.g. /dev/null): nothing more to read
        return;
    }
    m_buffer.append(chunk, qsizetype(n));
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_buffer.left(newline)).trimmed();
        m_buffer.remove(0, newline + 1);
        if (!line.isEmpty())
            Q_EMIT output(execute(line));
    }
    if (m_buffer.size() > 1 << 20)
        m_buffer.clear(); // a line without end: drop it
}

QString ConsoleCommands::execute(const QString &line)
{
    const QString command = line.section(u' ', 0, 0).toLower();
    const QString rest = line.section(u' ', 1).trimmed();
    if (command == u"/say") {
        if (rest.isEmpty())
            return tr("Usage: /say TEXT");
        const Chat::ChatMessage m = m_chat->broadcastAsHost(rest);
        return tr("Sent announcement #%1.").arg(m.id);
    }
    if (command == u"/who") {
        const QList<Chat::ChatUser> users = m_chat->users();
        QStringList lines;
        lines.append(tr("%n person(s) connected", nullptr, int(users.size())));
        for (const Chat::ChatUser &u : users)
            lines.append(QStringLiteral("  %1  %2  %3")
                                 .arg(u.nickname, u.address.toString(),
                                      u.webSocket ? QStringLiteral("websocket")
                                                  : QStringLiteral("polling")));
        return lines.join(u'\n');
    }
    if (command == u"/help" || command == u"/?") {
        return tr("Commands:\n"
                  "  /say TEXT   send an announcement to everyone\n"
                  "  /who        list the people connected\n"
                  "  /help       this list");
    }
    if (!command.startsWith(u'/'))
        return tr("Announcements start with /say, e.g. /say Hello everyone. Type /help for the "
                  "commands.");
    return tr("Unknown command %1. Type /help for the commands.").arg(command);
}

} // namespace ChatHost
