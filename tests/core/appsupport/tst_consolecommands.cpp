// The headless console's command table (consolecommands.h): every command is found by name,
// /help lists them all, and unknown commands and bad usage get a clear answer. The commands run
// against a real chat service (its server is not started: nobody is connected).
#include "appsupport/consolecommands.h"
#include "chat/chatservice.h"
#include "chat/historystore.h"
#include "server/hostserver.h"

#include <QTest>

#include <memory>

using namespace ChatHost;
using namespace Qt::StringLiterals;

class TestConsoleCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void helpListsEveryCommand();
    void answers_data();
    void answers();

private:
    std::unique_ptr<Chat::HistoryStore> m_history;
    std::unique_ptr<HostServer> m_host;
    std::unique_ptr<Chat::ChatService> m_chat;
    std::unique_ptr<ConsoleCommands> m_commands;
};

void TestConsoleCommands::init()
{
    m_commands.reset();
    m_chat.reset();
    m_host.reset();
    m_history = std::make_unique<Chat::HistoryStore>(); // memory only
    HostOptions o;
    o.bindAddress = QHostAddress::LocalHost;
    o.port = 0;
    m_host = std::make_unique<HostServer>(o);
    m_chat = std::make_unique<Chat::ChatService>(m_host->io(), m_history.get(),
                                                 Chat::ChatOptions());
    m_commands = std::make_unique<ConsoleCommands>(m_chat.get());
}

void TestConsoleCommands::helpListsEveryCommand()
{
    const QString help = m_commands->execute(u"/help"_s);
    QVERIFY(help.startsWith(u"Commands:"_s));
    QVERIFY(ConsoleCommands::commands().size() >= 18);
    for (const ConsoleCommands::Command &c : ConsoleCommands::commands()) {
        QCOMPARE(ConsoleCommands::findCommand(QLatin1String(c.name)), &c);
        if (c.help) // listed, with its usage
            QVERIFY2(help.contains(u"  "_s + QLatin1String(c.name)), c.name);
    }
    QCOMPARE(m_commands->execute(u"/?"_s), help);
    QCOMPARE(m_commands->execute(u"/HELP"_s), help); // case does not matter
}

void TestConsoleCommands::answers_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("answer");
    QTest::newRow("unknown") << u"/bogus"_s
                             << u"Unknown command /bogus. Type /help for the commands."_s;
    QTest::newRow("no slash") << u"hello"_s
                              << u"Announcements start with /say, e.g. /say Hello everyone. "
                                 u"Type /help for the commands."_s;
    QTest::newRow("say without text")
            << u"/say"_s << u"Usage: /say TEXT (an announcement to everyone)"_s;
    QTest::newRow("kick without name")
            << u"/kick"_s << u"Usage: /kick NAME [reason] (remove someone)"_s;
    QTest::newRow("mute without name")
            << u"/mute"_s
            << u"Usage: /mute NAME [minutes, 0 = until /unmute] [reason] (stop someone writing)"_s;
    QTest::newRow("unmute without name")
            << u"/unmute"_s << u"Usage: /unmute NAME (let someone write again)"_s;
    QTest::newRow("slow negative")
            << u"/slow -3"_s << u"Usage: /slow SECONDS (slow mode; 0 turns it off)"_s;
    QTest::newRow("max not a number")
            << u"/max lots"_s << u"Usage: /max PEOPLE (most people at once; 0: no limit)"_s;
    QTest::newRow("unban not a number")
            << u"/unban x"_s << u"Usage: /unban BAN-NUMBER (lift a ban; see /bans)"_s;
    QTest::newRow("delete not a number")
            << u"/delete x"_s << u"Usage: /delete MESSAGE-ID (delete a message everywhere)"_s;
    QTest::newRow("filter bad mode")
            << u"/filter sometimes x"_s
            << u"Usage: /filter refuse|mask WORD, WORD, ...  or  /filter off (the word filter)"_s;
    QTest::newRow("kick nobody") << u"/kick nobody"_s
                                 << u"Nobody called nobody is connected (see /who)."_s;
    QTest::newRow("muteip nobody")
            << u"/muteip nobody"_s << u"nobody is neither an address nor someone connected."_s;
    QTest::newRow("msg without text")
            << u"/msg Ann"_s << u"Usage: /msg NAME TEXT (a private message to one person)"_s;
    QTest::newRow("msg nobody") << u"/msg nobody hi"_s
                                << u"Nobody called nobody is connected (see /who)."_s;
    QTest::newRow("private bad") << u"/private maybe"_s
                                 << u"Usage: /private on|off (whether people may send private "
                                    u"messages)"_s;
    QTest::newRow("private off") << u"/private off"_s
                                 << u"Private messages are off (you can still use /msg)."_s;
    QTest::newRow("private on") << u"/private on"_s << u"People may send private messages."_s;
    QTest::newRow("who") << u"/who"_s << u"0 person(s) connected"_s;
    QTest::newRow("slow") << u"/slow 5"_s << u"Slow mode: one message every 5 second(s)."_s;
    QTest::newRow("slow off") << u"/slow 0"_s << u"Slow mode is off."_s;
    QTest::newRow("lock") << u"/lock"_s << u"The room is locked."_s;
    QTest::newRow("unlock") << u"/unlock"_s << u"The room is unlocked."_s;
    QTest::newRow("max") << u"/max 3"_s << u"At most 3 person(s) at once."_s;
    QTest::newRow("filter") << u"/filter mask a, b"_s << u"Filtering 2 word(s)."_s;
    QTest::newRow("filter off") << u"/filter off"_s << u"The word filter is off."_s;
    QTest::newRow("ban") << u"/ban Troll"_s << u"Banned the nickname Troll (ban #1)."_s;
    QTest::newRow("no such ban") << u"/unban 99"_s << u"There is no ban #99."_s;
}

void TestConsoleCommands::answers()
{
    QFETCH(QString, line);
    QFETCH(QString, answer);
    QCOMPARE(m_commands->execute(line), answer);
}

QTEST_GUILESS_MAIN(TestConsoleCommands)
#include "tst_consolecommands.moc"
