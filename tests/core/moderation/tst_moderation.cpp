// Word filter (a table), ban matching, and the ban / audit store with persistence and expiry.
#include "moderation/ban.h"
#include "moderation/moderationstore.h"
#include "moderation/wordfilter.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ChatHost::Moderation;
using namespace Qt::StringLiterals;

class TestModeration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wordFilter_data();
    void wordFilter();
    void banMatches_data();
    void banMatches();
    void storePersistsBans();
    void expiredBansAreInactive();
    void auditTrail();
    void removeFailureFallsBackToMemory();
};

void TestModeration::wordFilter_data()
{
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");
    QTest::addColumn<QString>("masked");
    const QStringList darn{u"darn"_s};
    QTest::newRow("exact") << darn << u"darn"_s << true << u"****"_s;
    QTest::newRow("case") << darn << u"oh DaRn it"_s << true << u"oh **** it"_s;
    QTest::newRow("inside a word is fine") << darn << u"darning"_s << false << u"darning"_s;
    QTest::newRow("punctuation around") << darn << u"(darn!)"_s << true << u"(****!)"_s;
    QTest::newRow("twice") << darn << u"darn darn"_s << true << u"**** ****"_s;
    QTest::newRow("phrase") << QStringList{u"bad word"_s} << u"a bad word here"_s << true
                            << u"a *** **** here"_s;
    QTest::newRow("regex characters are literal")
            << QStringList{u"a.b"_s} << u"axb a.b"_s << true << u"axb ***"_s;
    QTest::newRow("non-latin") << QStringList{u"дурак"_s} << u"ты ДУРАК!"_s << true
                               << u"ты *****!"_s;
    QTest::newRow("emoji counts as one") << QStringList{u"x😀"_s} << u"x😀 y"_s << true << u"** y"_s;
    QTest::newRow("blank entries ignored")
            << QStringList{u" "_s, QString()} << u"anything"_s << false << u"anything"_s;
    QTest::newRow("no words") << QStringList() << u"darn"_s << false << u"darn"_s;
}

void TestModeration::wordFilter()
{
    QFETCH(QStringList, words);
    QFETCH(QString, text);
    QFETCH(bool, matches);
    QFETCH(QString, masked);
    WordFilter f;
    f.setWords(words);
    QCOMPARE(f.matches(text), matches);
    QCOMPARE(f.masked(text), masked);
}

void TestModeration::banMatches_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("nickname");
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("matches");
    const int nick = int(Ban::Kind::Nickname);
    const int addr = int(Ban::Kind::Address);
    QTest::newRow("nickname") << nick << u"Eve"_s << u"eve"_s << u"10.0.0.1"_s << true;
    QTest::newRow("nickname trimmed") << nick << u"Eve"_s << u" EVE "_s << u"10.0.0.1"_s << true;
    QTest::newRow("other nickname") << nick << u"Eve"_s << u"Eva"_s << u"10.0.0.1"_s << false;
    QTest::newRow("address") << addr << u"10.0.0.1"_s << u"x"_s << u"10.0.0.1"_s << true;
    QTest::newRow("v4-mapped v6") << addr << u"10.0.0.1"_s << u"x"_s << u"::ffff:10.0.0.1"_s
                                  << true;
    QTest::newRow("other address") << addr << u"10.0.0.1"_s << u"x"_s << u"10.0.0.2"_s << false;
    QTest::newRow("ipv6") << addr << u"fd00::2"_s << u"x"_s << u"fd00:0::2"_s << true;
}

void TestModeration::banMatches()
{
    QFETCH(int, kind);
    QFETCH(QString, value);
    QFETCH(QString, nickname);
    QFETCH(QString, address);
    QFETCH(bool, matches);
    Ban b;
    b.kind = Ban::Kind(kind);
    b.value = value;
    QCOMPARE(b.matches(nickname, QHostAddress(address)), matches);
}

void TestModeration::storePersistsBans()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"db.sqlite"_s);
    qint64 id = 0;
    {
        ModerationStore store;
        QVERIFY(store.open(path));
        Ban b;
        b.kind = Ban::Kind::Address;
        b.value = u"192.0.2.7"_s;
        b.reason = u"flood"_s;
        b.createdMs = 1000;
        id = store.addBan(b).id;
        QVERIFY(id > 0);
        Ban n;
        n.value = u"Mallory"_s;
        n.createdMs = 1000;
        store.addBan(n);
    }
    ModerationStore again;
    QVERIFY(again.open(path));
    QCOMPARE(again.activeBans(2000).size(), 2);
    QCOMPARE(again.activeBans(2000).constFirst().reason, u"flood"_s);
    QVERIFY(again.removeBan(id));
    QVERIFY(!again.removeBan(id));
    ModerationStore third;
    QVERIFY(third.open(path));
    QCOMPARE(third.activeBans(2000).size(), 1);
    QCOMPARE(third.activeBans(2000).constFirst().value, u"Mallory"_s);
}

void TestModeration::expiredBansAreInactive()
{
    ModerationStore memory; // not opened: memory only
    Ban b;
    b.value = u"Temp"_s;
    b.createdMs = 1000;
    b.expiresMs = 5000;
    memory.addBan(b);
    QCOMPARE(memory.activeBans(4999).size(), 1);
    QCOMPARE(memory.activeBans(5000).size(), 0);
}

void TestModeration::auditTrail()
{
    QTemporaryDir dir;
    {
        ModerationStore store;
        QVERIFY(store.open(dir.filePath(u"db.sqlite"_s)));
        store.audit(u"kick"_s, u"Bob"_s, u"loud"_s);
        store.audit(u"lock"_s, QString(), QString());
    }
    ModerationStore again;
    QVERIFY(again.open(dir.filePath(u"db.sqlite"_s)));
    const auto trail = again.auditTrail(10);
    QCOMPARE(trail.size(), 2);
    QCOMPARE(trail[0].action, u"kick"_s);
    QCOMPARE(trail[0].target, u"Bob"_s);
    QCOMPARE(trail[1].action, u"lock"_s);
    QVERIFY(trail[1].timestamp >= trail[0].timestamp);
}

void TestModeration::removeFailureFallsBackToMemory()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"db.sqlite"_s);
    ModerationStore store;
    QVERIFY(store.open(path));
    Ban b;
    b.value = u"Mallory"_s;
    b.createdMs = 1000;
    const qint64 id = store.addBan(b).id;
    store.audit(u"ban"_s, u"Mallory"_s, QString());
    {
        // Another connection makes every removal fail, as adding does when the disk is full.
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"saboteur"_s);
        other.setDatabaseName(path);
        QVERIFY(other.open());
        QSqlQuery q(other);
        QVERIFY(q.exec(u"CREATE TRIGGER no_delete BEFORE DELETE ON bans"
                       " BEGIN SELECT RAISE(ABORT, 'the disk says no'); END"_s));
        q.finish();
        other.close();
    }
    QSqlDatabase::removeDatabase(u"saboteur"_s);
    QString error;
    QVERIFY(store.removeBan(id, &error)); // lifted, in memory
    QVERIFY2(!error.isEmpty(), "the host must be told");
    QVERIFY(!store.isPersistent());
    QVERIFY(store.activeBans(2000).isEmpty());
    // The store goes on in memory, and keeps the audit trail it had.
    error.clear();
    store.audit(u"unban"_s, u"Mallory"_s, QString(), &error);
    QVERIFY(error.isEmpty());
    const auto trail = store.auditTrail(10);
    QCOMPARE(trail.size(), 2);
    QCOMPARE(trail[0].action, u"ban"_s);
    QCOMPARE(trail[1].action, u"unban"_s);
    QVERIFY(trail[1].id > trail[0].id);
}

QTEST_GUILESS_MAIN(TestModeration)
#include "tst_moderation.moc"
