// See consolecommands.h.
#include "appsupport/consolecommands.h"

#include "chat/chatservice.h"
#include "chat/historystore.h"
#include "chat/moderator.h"
#include "moderation/ban.h"
#include "rules/nickname.h"

#include <QCoreApplication>
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

QString ConsoleCommands::addressOf(const QString &nameOrAddress, bool normalized) const
{
    if (!QHostAddress(nameOrAddress).isNull())
        return nameOrAddress;
    const auto user = m_chat->userById(userIdOf(nameOrAddress));
    if (!user)
        return {};
    return normalized ? Moderation::normalizedAddress(user->address) : user->address.toString();
}

namespace {

QString noSuchPerson(const QString &name)
{
    return QCoreApplication::translate("ChatHost::ConsoleCommands",
                                       "Nobody called %1 is connected (see /who).")
            .arg(name);
}

QString notAnAddress(const QString &what)
{
    return QCoreApplication::translate("ChatHost::ConsoleCommands",
                                       "%1 is neither an address nor someone connected.")
            .arg(what);
}

// "[MINUTES] [reason]" after a name: minutes (0: until lifted) or -1 when negative.
struct Duration
{
    int minutes = 0;
    bool given = false;
    QString reason;
};

Duration durationOf(const QString &text)
{
    Duration d;
    d.minutes = text.section(u' ', 0, 0).toInt(&d.given);
    d.reason = d.given ? text.section(u' ', 1).trimmed() : text;
    if (!d.given)
        d.minutes = 0;
    return d;
}

} // namespace

const QList<ConsoleCommands::Command> &ConsoleCommands::commands()
{
    // clang-format off
    static const QList<Command> table = {
        {"/say", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "TEXT"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "an announcement to everyone"), &ConsoleCommands::say},
        {"/msg", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "NAME TEXT"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "a private message to one person"), &ConsoleCommands::msg},
        {"/who", "", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "who is connected"), &ConsoleCommands::who},
        {"/kick", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "NAME [reason]"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "remove someone"), &ConsoleCommands::kick},
        {"/mute", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "NAME [minutes, 0 = until /unmute] [reason]"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "stop someone writing"), &ConsoleCommands::mute},
        {"/unmute", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "NAME"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "let someone write again"), &ConsoleCommands::unmute},
        {"/muteip", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "NAME-OR-ADDRESS [minutes, 0 = until /unmuteip] [reason]"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "every connection from an address, now and while it lasts"), &ConsoleCommands::muteIp},
        {"/unmuteip", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "NAME-OR-ADDRESS"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "let an address write again"), &ConsoleCommands::unmuteIp},
        {"/ban", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "NAME [reason]"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "ban a nickname"), &ConsoleCommands::ban},
        {"/banip", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "NAME-OR-ADDRESS [reason]"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "ban an address"), &ConsoleCommands::banIp},
        {"/bans", "", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "the bans in force"), &ConsoleCommands::bans},
        {"/unban", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "BAN-NUMBER"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "lift a ban; see /bans"), &ConsoleCommands::unban},
        {"/delete", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "MESSAGE-ID"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "delete a message everywhere"), &ConsoleCommands::deleteMessage},
        {"/files", "", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "the files shared lately"), &ConsoleCommands::files},
        {"/slow", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "SECONDS"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "slow mode; 0 turns it off"), &ConsoleCommands::slow},
        {"/lock", "", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "only the host can write"), &ConsoleCommands::lock},
        {"/unlock", "", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "everyone can write again"), &ConsoleCommands::unlock},
        {"/private", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "on|off"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "whether people may send private messages"), &ConsoleCommands::privateMessages},
        {"/max", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "PEOPLE"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "most people at once; 0: no limit"), &ConsoleCommands::max},
        {"/filter", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "refuse|mask WORD, WORD, ...  or  /filter off"), QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "the word filter"), &ConsoleCommands::filter},
        {"/help", "", QT_TRANSLATE_NOOP("ChatHost::ConsoleCommands", "this list"), &ConsoleCommands::help},
        {"/?", "", nullptr, &ConsoleCommands::help}, // not listed: the same as /help
    };
    // clang-format on
    return table;
}

const ConsoleCommands::Command *ConsoleCommands::findCommand(const QString &name)
{
    for (const Command &c : commands()) {
        if (name == QLatin1String(c.name))
            return &c;
    }
    return nullptr;
}

QString ConsoleCommands::usage(const QString &name) const
{
    const Command *c = findCommand(name);
    Q_ASSERT(c && c->help);
    //: %1 a command, %2 what it takes, %3 what it does
    return tr("Usage: %1 %2 (%3)").arg(name, tr(c->usage), tr(c->help));
}

QString ConsoleCommands::execute(const QString &line)
{
    const QString name = line.section(u' ', 0, 0).toLower();
    const Command *command = findCommand(name);
    if (!command) {
        if (!name.startsWith(u'/'))
            return tr("Announcements start with /say, e.g. /say Hello everyone. Type /help for "
                      "the commands.");
        return tr("Unknown command %1. Type /help for the commands.").arg(name);
    }
    Arguments a;
    a.rest = line.section(u' ', 1).trimmed();
    a.first = a.rest.section(u' ', 0, 0);
    a.afterFirst = a.rest.section(u' ', 1).trimmed();
    return (this->*command->handler)(a);
}

QString ConsoleCommands::say(const Arguments &a)
{
    if (a.rest.isEmpty())
        return usage(QStringLiteral("/say"));
    const Chat::ChatMessage m = m_chat->broadcastAsHost(a.rest);
    return tr("Sent announcement #%1.").arg(m.id);
}

QString ConsoleCommands::msg(const Arguments &a)
{
    if (a.first.isEmpty() || a.afterFirst.isEmpty())
        return usage(QStringLiteral("/msg"));
    const QString id = userIdOf(a.first);
    if (id.isEmpty())
        return noSuchPerson(a.first);
    QString why;
    const std::optional<Chat::ChatMessage> m = m_chat->sendPrivateAsHost(id, a.afterFirst, &why);
    if (!m)
        return why;
    //: %1 a message number, %2 a nickname
    return tr("Sent private message #%1 to %2.").arg(m->id).arg(m->recipientName);
}

QString ConsoleCommands::privateMessages(const Arguments &a)
{
    const QString v = a.first.toLower();
    if (v != u"on" && v != u"off")
        return usage(QStringLiteral("/private"));
    m_chat->moderator()->setPrivateMessages(v == u"on");
    return v == u"on" ? tr("People may send private messages.")
                      : tr("Private messages are off (you can still use /msg).");
}

QString ConsoleCommands::who(const Arguments &)
{
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

QString ConsoleCommands::kick(const Arguments &a)
{
    if (a.first.isEmpty())
        return usage(QStringLiteral("/kick"));
    const QString id = userIdOf(a.first);
    if (id.isEmpty())
        return noSuchPerson(a.first);
    m_chat->moderator()->kick(id, a.afterFirst);
    return tr("Removed %1.").arg(a.first);
}

QString ConsoleCommands::mute(const Arguments &a)
{
    if (a.first.isEmpty())
        return usage(QStringLiteral("/mute"));
    const QString id = userIdOf(a.first);
    if (id.isEmpty())
        return noSuchPerson(a.first);
    const Duration d = durationOf(a.afterFirst);
    if (d.minutes < 0)
        return tr("Minutes cannot be negative.");
    m_chat->moderator()->mute(id, qint64(d.minutes) * 60000, d.reason);
    return d.minutes > 0 ? tr("Muted %1 for %n minute(s).", nullptr, d.minutes).arg(a.first)
                         : tr("Muted %1 until /unmute.").arg(a.first);
}

QString ConsoleCommands::unmute(const Arguments &a)
{
    if (a.first.isEmpty())
        return usage(QStringLiteral("/unmute"));
    const QString id = userIdOf(a.first);
    if (id.isEmpty()) // gone, but their mute waits for them
        return m_chat->moderator()->unmuteNickname(a.first) ? tr("%1 can write again.").arg(a.first)
                                                            : noSuchPerson(a.first);
    return m_chat->moderator()->unmute(id) ? tr("%1 can write again.").arg(a.first)
                                           : tr("%1 was not muted.").arg(a.first);
}

QString ConsoleCommands::muteIp(const Arguments &a)
{
    // Everyone from that address, and whoever connects from it while it lasts.
    if (a.first.isEmpty())
        return usage(QStringLiteral("/muteip"));
    const QString address = addressOf(a.first, true);
    if (address.isEmpty())
        return notAnAddress(a.first);
    const Duration d = durationOf(a.afterFirst);
    if (d.minutes < 0)
        return tr("Minutes cannot be negative.");
    const int muted
            = m_chat->moderator()->muteAddress(address, qint64(d.minutes) * 60000, d.reason);
    if (muted < 0)
        return notAnAddress(address);
    //: %1 is a network address
    const QString what = d.minutes > 0
            ? tr("Muted the address %1 for %n minute(s).", nullptr, d.minutes).arg(address)
            : tr("Muted the address %1 until /unmuteip.").arg(address);
    //: how many people connected from the address were muted by /muteip
    return what + u' ' + tr("%n connection(s) muted now.", nullptr, muted);
}

QString ConsoleCommands::unmuteIp(const Arguments &a)
{
    if (a.first.isEmpty())
        return usage(QStringLiteral("/unmuteip"));
    const QString address = addressOf(a.first, true);
    if (address.isEmpty())
        return notAnAddress(a.first);
    return m_chat->moderator()->unmuteAddress(address) ? tr("%1 can write again.").arg(address)
                                                       : tr("%1 was not muted.").arg(address);
}

QString ConsoleCommands::ban(const Arguments &a)
{
    if (a.first.isEmpty())
        return usage(QStringLiteral("/ban"));
    const auto b
            = m_chat->moderator()->ban(Moderation::Ban::Kind::Nickname, a.first, 0, a.afterFirst);
    return tr("Banned the nickname %1 (ban #%2).").arg(b.value).arg(b.id);
}

QString ConsoleCommands::banIp(const Arguments &a)
{
    if (a.first.isEmpty())
        return usage(QStringLiteral("/banip"));
    const QString address = addressOf(a.first, false);
    if (address.isEmpty())
        return notAnAddress(a.first);
    const auto b
            = m_chat->moderator()->ban(Moderation::Ban::Kind::Address, address, 0, a.afterFirst);
    return tr("Banned the address %1 (ban #%2).").arg(b.value).arg(b.id);
}

QString ConsoleCommands::bans(const Arguments &)
{
    const QList<Moderation::Ban> bans = m_chat->moderator()->activeBans();
    QStringList lines{tr("%n ban(s)", nullptr, int(bans.size()))};
    for (const Moderation::Ban &b : bans)
        lines.append(QStringLiteral("  #%1 %2 %3 %4")
                             .arg(b.id)
                             .arg(Moderation::Ban::kindName(b.kind), b.value, b.reason));
    return lines.join(u'\n');
}

QString ConsoleCommands::files(const Arguments &)
{
    const QList<Chat::ChatMessage> files
            = m_chat->history() ? m_chat->history()->recentFiles(20) : QList<Chat::ChatMessage>();
    QStringList lines{tr("%n file(s) shared lately", nullptr, int(files.size()))};
    for (const Chat::ChatMessage &m : files) {
        //: %1 message id, %2 file name, %3 size in bytes, %4 type, %5 who shared it
        lines.append(tr("  #%1 %2 (%3 bytes, %4) from %5%6")
                             .arg(m.id)
                             .arg(m.file[u"name"].toString())
                             .arg(m.file[u"size"].toInteger())
                             .arg(m.file[u"type"].toString(), m.author,
                                  m.isPrivate() ? tr(" to %1").arg(m.recipientName) : QString()));
    }
    return lines.join(u'\n');
}

QString ConsoleCommands::unban(const Arguments &a)
{
    bool ok = false;
    const qint64 id = a.first.toLongLong(&ok);
    if (!ok)
        return usage(QStringLiteral("/unban"));
    return m_chat->moderator()->liftBan(id) ? tr("Lifted ban #%1.").arg(id)
                                            : tr("There is no ban #%1.").arg(id);
}

QString ConsoleCommands::deleteMessage(const Arguments &a)
{
    bool ok = false;
    const qint64 id = a.first.toLongLong(&ok);
    if (!ok)
        return usage(QStringLiteral("/delete"));
    return m_chat->moderator()->deleteMessage(id)
            ? tr("Deleted message #%1.").arg(id)
            : tr("There is no message #%1 to delete.").arg(id);
}

QString ConsoleCommands::slow(const Arguments &a)
{
    bool ok = false;
    const int seconds = a.first.toInt(&ok);
    if (!ok || seconds < 0)
        return usage(QStringLiteral("/slow"));
    m_chat->moderator()->setSlowMode(seconds);
    return seconds > 0 ? tr("Slow mode: one message every %n second(s).", nullptr, seconds)
                       : tr("Slow mode is off.");
}

QString ConsoleCommands::lock(const Arguments &)
{
    m_chat->moderator()->setLocked(true);
    return tr("The room is locked.");
}

QString ConsoleCommands::unlock(const Arguments &)
{
    m_chat->moderator()->setLocked(false);
    return tr("The room is unlocked.");
}

QString ConsoleCommands::max(const Arguments &a)
{
    bool ok = false;
    const int max = a.first.toInt(&ok);
    if (!ok || max < 0)
        return usage(QStringLiteral("/max"));
    m_chat->moderator()->setMaxPeople(max);
    return max > 0 ? tr("At most %n person(s) at once.", nullptr, max) : tr("No limit on people.");
}

QString ConsoleCommands::filter(const Arguments &a)
{
    // /filter refuse|mask word, word ...   or   /filter off
    if (a.first == u"off") {
        m_chat->moderator()->setWordFilter({}, Moderation::WordFilter::Mode::Refuse);
        return tr("The word filter is off.");
    }
    if (a.first != u"refuse" && a.first != u"mask")
        return usage(QStringLiteral("/filter"));
    QStringList words;
    const QStringList parts = a.afterFirst.split(u',');
    for (const QString &w : parts) {
        if (!w.trimmed().isEmpty())
            words.append(w.trimmed());
    }
    m_chat->moderator()->setWordFilter(words,
                                       a.first == u"mask" ? Moderation::WordFilter::Mode::Mask
                                                          : Moderation::WordFilter::Mode::Refuse);
    return tr("Filtering %n word(s).", nullptr, int(words.size()));
}

QString ConsoleCommands::help(const Arguments &)
{
    QStringList lines{tr("Commands:")};
    for (const Command &c : commands()) {
        if (!c.help)
            continue;
        const QString call = QLatin1String(c.name)
                + (*c.usage ? QStringLiteral(" ") + tr(c.usage) : QString());
        // The help beside the call, or below it when the call is long.
        constexpr int kColumn = 30;
        const QString gap = call.size() < kColumn
                ? QString(kColumn - call.size() + 1, u' ')
                : QStringLiteral("\n") + QString(kColumn + 3, u' ');
        lines.append(QStringLiteral("  ") + call + gap + tr(c.help));
    }
    return lines.join(u'\n');
}

} // namespace ChatHost
