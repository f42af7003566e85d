// See consolecommands.h.
#include "hosting/consolecommands.h"

#include "chat/chatservice.h"
#include "chat/moderator.h"
#include "chat/nickname.h"
#include "moderation/ban.h"

#include <QMap>
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

QString ConsoleCommands::userIdOf(const QString &nickname) const
{
    const QList<Chat::ChatUser> users = m_chat->users();
    for (const Chat::ChatUser &u : users) {
        if (Chat::nicknameKey(u.nickname) == Chat::nicknameKey(nickname))
            return u.userId;
    }
    return {};
}

QString ConsoleCommands::execute(const QString &line)
{
    const QString command = line.section(u' ', 0, 0).toLower();
    const QString rest = line.section(u' ', 1).trimmed();
    const QString first = rest.section(u' ', 0, 0);
    const QString afterFirst = rest.section(u' ', 1).trimmed();
    const auto noSuchPerson
            = [&first] { return tr("Nobody called %1 is connected (see /who).").arg(first); };
    if (command == u"/kick") {
        if (first.isEmpty())
            return tr("Usage: /kick NAME [reason]");
        const QString id = userIdOf(first);
        if (id.isEmpty())
            return noSuchPerson();
        m_chat->moderator()->kick(id, afterFirst);
        return tr("Removed %1.").arg(first);
    }
    if (command == u"/mute") {
        // /mute NAME [MINUTES] [reason]
        if (first.isEmpty())
            return tr("Usage: /mute NAME [minutes, 0 = until /unmute] [reason]");
        const QString id = userIdOf(first);
        if (id.isEmpty())
            return noSuchPerson();
        bool isNumber = false;
        const int minutes = afterFirst.section(u' ', 0, 0).toInt(&isNumber);
        const QString reason = isNumber ? afterFirst.section(u' ', 1).trimmed() : afterFirst;
        if (isNumber && minutes < 0)
            return tr("Minutes cannot be negative.");
        m_chat->moderator()->mute(id, isNumber ? qint64(minutes) * 60000 : 0, reason);
        return isNumber && minutes > 0
                ? tr("Muted %1 for %n minute(s).", nullptr, minutes).arg(first)
                : tr("Muted %1 until /unmute.").arg(first);
    }
    if (command == u"/unmute") {
        const QString id = userIdOf(first);
        if (id.isEmpty()) // gone, but their mute waits for them
            return m_chat->moderator()->unmuteNickname(first) ? tr("%1 can write again.").arg(first)
                                                              : noSuchPerson();
        return m_chat->moderator()->unmute(id) ? tr("%1 can write again.").arg(first)
                                               : tr("%1 was not muted.").arg(first);
    }
    if (command == u"/muteip" || command == u"/unmuteip") {
        // /muteip NAME-OR-ADDRESS [MINUTES] [reason]: everyone from that address, and whoever
        // connects from it while it lasts.
        if (first.isEmpty())
            return command == u"/muteip"
                    ? tr("Usage: /muteip NAME-OR-ADDRESS [minutes, 0 = until /unmuteip] [reason]")
                    : tr("Usage: /unmuteip NAME-OR-ADDRESS");
        QString address = first;
        if (QHostAddress(first).isNull()) {
            const auto user = m_chat->userById(userIdOf(first));
            if (!user)
                return tr("%1 is neither an address nor someone connected.").arg(first);
            address = Moderation::normalizedAddress(user->address);
        }
        if (command == u"/unmuteip")
            return m_chat->moderator()->unmuteAddress(address)
                    ? tr("%1 can write again.").arg(address)
                    : tr("%1 was not muted.").arg(address);
        bool isNumber = false;
        const int minutes = afterFirst.section(u' ', 0, 0).toInt(&isNumber);
        const QString reason = isNumber ? afterFirst.section(u' ', 1).trimmed() : afterFirst;
        if (isNumber && minutes < 0)
            return tr("Minutes cannot be negative.");
        const int muted = m_chat->moderator()->muteAddress(
                address, isNumber ? qint64(minutes) * 60000 : 0, reason);
        if (muted < 0)
            return tr("%1 is neither an address nor someone connected.").arg(address);
        //: %1 is a network address
        const QString what = isNumber && minutes > 0
                ? tr("Muted the address %1 for %n minute(s).", nullptr, minutes).arg(address)
                : tr("Muted the address %1 until /unmuteip.").arg(address);
        //: how many people connected from the address were muted by /muteip
        return what + u' ' + tr("%n connection(s) muted now.", nullptr, muted);
    }
    if (command == u"/ban" || command == u"/banip") {
        if (first.isEmpty())
            return command == u"/ban" ? tr("Usage: /ban NAME [reason]")
                                      : tr("Usage: /banip NAME-OR-ADDRESS [reason]");
        if (command == u"/ban") {
            const auto b = m_chat->moderator()->ban(Moderation::Ban::Kind::Nickname, first, 0,
                                                    afterFirst);
            return tr("Banned the nickname %1 (ban #%2).").arg(b.value).arg(b.id);
        }
        QString address = first;
        if (QHostAddress(first).isNull()) {
            const auto user = m_chat->userById(userIdOf(first));
            if (!user)
                return tr("%1 is neither an address nor someone connected.").arg(first);
            address = user->address.toString();
        }
        const auto b
                = m_chat->moderator()->ban(Moderation::Ban::Kind::Address, address, 0, afterFirst);
        return tr("Banned the address %1 (ban #%2).").arg(b.value).arg(b.id);
    }
    if (command == u"/unban") {
        bool ok = false;
        const qint64 id = first.toLongLong(&ok);
        if (!ok)
            return tr("Usage: /unban BAN-NUMBER (see /bans)");
        return m_chat->moderator()->liftBan(id) ? tr("Lifted ban #%1.").arg(id)
                                                : tr("There is no ban #%1.").arg(id);
    }
    if (command == u"/bans") {
        const QList<Moderation::Ban> bans = m_chat->moderator()->activeBans();
        QStringList lines{tr("%n ban(s)", nullptr, int(bans.size()))};
        for (const Moderation::Ban &b : bans)
            lines.append(QStringLiteral("  #%1 %2 %3 %4")
                                 .arg(b.id)
                                 .arg(Moderation::Ban::kindName(b.kind), b.value, b.reason));
        return lines.join(u'\n');
    }
    if (command == u"/delete") {
        bool ok = false;
        const qint64 id = first.toLongLong(&ok);
        if (!ok)
            return tr("Usage: /delete MESSAGE-ID");
        return m_chat->moderator()->deleteMessage(id)
                ? tr("Deleted message #%1.").arg(id)
                : tr("There is no message #%1 to delete.").arg(id);
    }
    if (command == u"/slow") {
        bool ok = false;
        const int seconds = first.toInt(&ok);
        if (!ok || seconds < 0)
            return tr("Usage: /slow SECONDS (0 turns slow mode off)");
        m_chat->moderator()->setSlowMode(seconds);
        return seconds > 0 ? tr("Slow mode: one message every %n second(s).", nullptr, seconds)
                           : tr("Slow mode is off.");
    }
    if (command == u"/lock" || command == u"/unlock") {
        m_chat->moderator()->setLocked(command == u"/lock");
        return command == u"/lock" ? tr("The room is locked.") : tr("The room is unlocked.");
    }
    if (command == u"/max") {
        bool ok = false;
        const int max = first.toInt(&ok);
        if (!ok || max < 0)
            return tr("Usage: /max PEOPLE (0: no limit)");
        m_chat->moderator()->setMaxPeople(max);
        return max > 0 ? tr("At most %n person(s) at once.", nullptr, max)
                       : tr("No limit on people.");
    }
    if (command == u"/filter") {
        // /filter refuse|mask word, word ...   or   /filter off
        if (first == u"off") {
            m_chat->moderator()->setWordFilter({}, Moderation::WordFilter::Mode::Refuse);
            return tr("The word filter is off.");
        }
        if (first != u"refuse" && first != u"mask")
            return tr("Usage: /filter refuse|mask WORD, WORD, ...  or  /filter off");
        QStringList words;
        const QStringList parts = afterFirst.split(u',');
        for (const QString &w : parts) {
            if (!w.trimmed().isEmpty())
                words.append(w.trimmed());
        }
        m_chat->moderator()->setWordFilter(words,
                                           first == u"mask" ? Moderation::WordFilter::Mode::Mask
                                                            : Moderation::WordFilter::Mode::Refuse);
        return tr("Filtering %n word(s).", nullptr, int(words.size()));
    }
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
        // Several people from one address (tabs, a router, or one machine flooding) together.
        QMap<QString, int> perAddress;
        for (const Chat::ChatUser &u : users)
            ++perAddress[Moderation::normalizedAddress(u.address)];
        for (auto it = perAddress.cbegin(); it != perAddress.cend(); ++it) {
            if (it.value() > 1)
                //: %1 is a network address
                lines.append(tr("%n connection(s) from %1", nullptr, it.value()).arg(it.key()));
        }
        return lines.join(u'\n');
    }
    if (command == u"/help" || command == u"/?") {
        return tr(
                "Commands:\n"
                "  /say TEXT                      an announcement to everyone\n"
                "  /who                           who is connected\n"
                "  /kick NAME [reason]            remove someone\n"
                "  /mute NAME [minutes] [reason]  stop someone writing (0 or none: until /unmute)\n"
                "  /unmute NAME\n"
                "  /muteip NAME-OR-ADDRESS [minutes] every connection from an address\n"
                "  /unmuteip NAME-OR-ADDRESS\n"
                "  /ban NAME [reason]             ban a nickname\n"
                "  /banip NAME-OR-ADDRESS [reason] ban an address\n"
                "  /bans, /unban NUMBER           review and lift bans\n"
                "  /delete MESSAGE-ID             delete a message everywhere\n"
                "  /slow SECONDS                  slow mode (0: off)\n"
                "  /lock, /unlock                 only the host can write while locked\n"
                "  /max PEOPLE                    most people at once (0: no limit)\n"
                "  /filter refuse|mask W1, W2     word filter; /filter off\n"
                "  /help                          this list");
    }
    if (!command.startsWith(u'/'))
        return tr("Announcements start with /say, e.g. /say Hello everyone. Type /help for the "
                  "commands.");
    return tr("Unknown command %1. Type /help for the commands.").arg(command);
}

} // namespace ChatHost
