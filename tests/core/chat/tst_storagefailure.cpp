// Storage failures while the chat runs, with a real server on port 0 and real clients: a
// database whose writes fail (another connection installs triggers that refuse them, so reads
// still work) makes the stores go on in memory, the host is told once per store, and the
// action's result and what pages are told say what really happened (docs/reliability.md).
#include "chat/chatservice.h"
#include "chat/historystore.h"
#include "chat/moderator.h"
#include "moderation/moderationstore.h"
#include "rawclient.h"
#include "server/hostserver.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ChatHost;
using namespace Qt::StringLiterals;
using Testing::RawClient;

class TestStorageFailure : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void deleteWhoseWriteFailed();
    void banWhoseWritesFail();
    void liftBanWhoseWriteFails();

private:
    // Runs statements on another connection to the same file.
    bool sabotage(const QStringList &statements);
    // Every write to table of the given kind (INSERT, UPDATE, DELETE) fails from now on.
    static QString refuse(const QString &what, const QString &table)
    {
        return u"CREATE TRIGGER refuse_%1_%2 BEFORE %1 ON %2 BEGIN SELECT RAISE(ABORT, 'the disk says no'); END"_s
                .arg(what, table);
    }
    quint16 port() const { return m_host->port(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<Chat::HistoryStore> m_history;
    std::unique_ptr<Moderation::ModerationStore> m_moderation;
    std::unique_ptr<HostServer> m_host;
    std::unique_ptr<Chat::ChatService> m_chat;
};

void TestStorageFailure::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(u"history.sqlite"_s);
    m_history = std::make_unique<Chat::HistoryStore>();
    QVERIFY(m_history->open(m_path));
    m_moderation = std::make_unique<Moderation::ModerationStore>();
    QVERIFY(m_moderation->open(m_path));
    HostOptions o;
    o.bindAddress = QHostAddress::LocalHost;
    o.port = 0;
    m_host = std::make_unique<HostServer>(o);
    Chat::ChatOptions chatOptions;
    chatOptions.rateCount = 0;
    m_chat = std::make_unique<Chat::ChatService>(m_host->io(), m_history.get(), chatOptions,
                                                 m_moderation.get());
    QVERIFY(m_host->start());
}

void TestStorageFailure::cleanup()
{
    m_chat.reset();
    m_host.reset();
    m_moderation.reset();
    m_history.reset();
    m_dir.reset();
}

bool TestStorageFailure::sabotage(const QStringList &statements)
{
    bool ok = true;
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"saboteur"_s);
        other.setDatabaseName(m_path);
        ok = other.open();
        QSqlQuery q(other);
        for (const QString &s : statements) {
            if (ok && !q.exec(s)) {
                qWarning("%s: %s", qPrintable(s), qPrintable(q.lastError().text()));
                ok = false;
            }
        }
        q.finish();
        other.close();
    }
    QSqlDatabase::removeDatabase(u"saboteur"_s);
    return ok;
}

void TestStorageFailure::deleteWhoseWriteFailed()
{
    RawClient ann(port(), uR"({"nickname":"Ann"})"_s);
    QVERIFY(ann.waitConnected());
    QVERIFY(ann.waitFor(u"presence"_s)); // the "Ann joined" notice is stored by now
    const auto ack = ann.call(u"chat message"_s, uR"("oops")"_s);
    QVERIFY(ack && (*ack)[u"ok"].toBool());
    const qint64 id = (*ack)[u"id"].toInteger();
    QVERIFY(sabotage({refuse(u"UPDATE"_s, u"messages"_s), refuse(u"INSERT"_s, u"messages"_s)}));

    QSignalSpy problems(m_chat.get(), &Chat::ChatService::storageProblem);
    QSignalSpy deleted(m_chat.get(), &Chat::ChatService::messageDeleted);
    // The write fails; the deletion is applied in memory, so it is true and pages are told.
    QVERIFY(m_chat->moderator()->deleteMessage(id));
    QCOMPARE(problems.size(), 1);
    QVERIFY(!m_history->isPersistent());
    QCOMPARE(deleted.size(), 1);
    QVERIFY(ann.waitFor(u"message deleted"_s,
                        [id](const Json::JsonValue &v) { return v[u"id"].toInteger() == id; }));
    QVERIFY(m_history->find(id).has_value());
    QVERIFY(m_history->find(id)->deleted);
    // A newcomer's history agrees with what the pages were told.
    RawClient bob(port(), uR"({"nickname":"Bob"})"_s);
    QVERIFY(bob.waitConnected());
    const auto history = bob.waitFor(u"history"_s);
    QVERIFY(history);
    bool seen = false;
    for (const Json::JsonValue &m : history->args.front()[u"messages"].toArray()) {
        if (m[u"id"].toInteger() == id) {
            seen = true;
            QVERIFY(m[u"deleted"].toBool());
            QVERIFY(m[u"text"].isNull());
        }
    }
    QVERIFY(seen);
    // The chat goes on in memory, and the host is not told again.
    const auto more = ann.call(u"chat message"_s, uR"("still here")"_s);
    QVERIFY(more && (*more)[u"ok"].toBool());
    QVERIFY((*more)[u"id"].toInteger() > id);
    QVERIFY(m_chat->moderator()->deleteMessage((*more)[u"id"].toInteger()));
    QCOMPARE(problems.size(), 1);
    // Deleting what is already deleted, or never was, is still false.
    QVERIFY(!m_chat->moderator()->deleteMessage(id));
    QVERIFY(!m_chat->moderator()->deleteMessage(id + 1000));
}

void TestStorageFailure::banWhoseWritesFail()
{
    QVERIFY(sabotage({refuse(u"INSERT"_s, u"bans"_s), refuse(u"DELETE"_s, u"bans"_s),
                      refuse(u"INSERT"_s, u"audit"_s)}));
    QSignalSpy problems(m_chat.get(), &Chat::ChatService::storageProblem);
    const Moderation::Ban first
            = m_chat->moderator()->ban(Moderation::Ban::Kind::Nickname, u"Mallory"_s, 0, u"spam"_s);
    const Moderation::Ban second
            = m_chat->moderator()->ban(Moderation::Ban::Kind::Nickname, u"Trudy"_s, 0, u"spam"_s);
    QVERIFY(first.id > 0);
    QVERIFY(second.id > first.id);
    QCOMPARE(problems.size(), 1); // told once, not once per ban
    QVERIFY(!m_moderation->isPersistent());
    QCOMPARE(m_chat->moderator()->activeBans().size(), 2);
    RawClient mallory(port(), uR"({"nickname":"Mallory"})"_s);
    QVERIFY(!mallory.waitConnected());
    QVERIFY(!mallory.connectError().isEmpty());
    // The audit trail goes on in memory too.
    const auto trail = m_chat->moderator()->auditTrail(10);
    QCOMPARE(trail.size(), 2);
    QCOMPARE(trail.constLast().action, u"ban"_s);

    QVERIFY(m_chat->moderator()->liftBan(first.id));
    QCOMPARE(problems.size(), 1);
    QCOMPARE(m_chat->moderator()->activeBans().size(), 1);
    RawClient again(port(), uR"({"nickname":"Mallory"})"_s);
    QVERIFY(again.waitConnected());
}

void TestStorageFailure::liftBanWhoseWriteFails()
{
    const Moderation::Ban ban
            = m_chat->moderator()->ban(Moderation::Ban::Kind::Nickname, u"Mallory"_s, 0, u"spam"_s);
    QVERIFY(m_moderation->isPersistent());
    QVERIFY(sabotage({refuse(u"DELETE"_s, u"bans"_s)}));
    QSignalSpy problems(m_chat.get(), &Chat::ChatService::storageProblem);
    QVERIFY(m_chat->moderator()->liftBan(ban.id));
    QCOMPARE(problems.size(), 1); // the failed write is reported...
    QVERIFY(!m_moderation->isPersistent()); // ...and the store goes on in memory
    QVERIFY(m_chat->moderator()->activeBans().isEmpty());
    RawClient mallory(port(), uR"({"nickname":"Mallory"})"_s);
    QVERIFY(mallory.waitConnected());
    // A later ban is kept in memory without another report, and the audit trail is readable.
    m_chat->moderator()->ban(Moderation::Ban::Kind::Nickname, u"Trudy"_s, 0, QString());
    QCOMPARE(problems.size(), 1);
    QCOMPARE(m_chat->moderator()->activeBans().size(), 1);
    QStringList actions;
    for (const auto &e : m_chat->moderator()->auditTrail(10))
        actions.append(e.action);
    QCOMPARE(actions, (QStringList{u"ban"_s, u"unban"_s, u"ban"_s}));
}

QTEST_MAIN(TestStorageFailure)
#include "tst_storagefailure.moc"
