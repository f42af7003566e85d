// What outlasts a connection: the resume-token registry (bounded in count and age, one use per
// token), the slow-mode clock by user id and address, the persisted mutes (found by user id,
// token digest or address, surviving a reopen), and the history's byte budget, in memory and
// in SQLite.
#include "chat/historystore.h"
#include "chat/identityregistry.h"
#include "moderation/mutestore.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace ChatHost;
using namespace ChatHost::Chat;
using namespace Qt::StringLiterals;

class TestIdentityRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokensComeBackOnce();
    void boundedInCountAndAge();
    void slowModeClockByPersonAndAddress();
    void mutesPersistAndMatch();
    void historyByteBudget_data();
    void historyByteBudget();
};

void TestIdentityRegistry::tokensComeBackOnce()
{
    IdentityRegistry r;
    RateLimiter requests(3, 60000);
    QVERIFY(requests.tryAcquire(0));
    r.remember(u"tok"_s, {u"user1"_s, u"Ann"_s, requests}, 1000);
    QVERIFY(!r.take(u"other"_s, 2000));
    auto back = r.take(u"tok"_s, 2000);
    QVERIFY(back);
    QCOMPARE(back->userId, u"user1"_s);
    QCOMPARE(back->nickname, u"Ann"_s);
    QVERIFY(back->historyRequests.tryAcquire(2000));
    QVERIFY(back->historyRequests.tryAcquire(2000));
    QVERIFY(!back->historyRequests.tryAcquire(2000)); // the spent one stays spent
    QVERIFY(!r.take(u"tok"_s, 2000));
    QCOMPARE(r.size(), 0);
}

void TestIdentityRegistry::boundedInCountAndAge()
{
    IdentityRegistry r(100, 60000);
    for (int i = 0; i < 10000; ++i)
        r.remember(u"t%1"_s.arg(i), {u"u%1"_s.arg(i), {}, {}}, 1000);
    QCOMPARE(r.size(), 100);
    QVERIFY(!r.take(u"t0"_s, 1000));
    QVERIFY(r.take(u"t9999"_s, 1000));
    // The same token remembered again and again takes one place.
    for (int i = 0; i < 1000; ++i)
        r.remember(u"again"_s, {u"x"_s, {}, {}}, 2000);
    QVERIFY(r.size() <= 100);
    QVERIFY(r.take(u"again"_s, 2000));
    // Too old: forgotten.
    QVERIFY(!r.take(u"t9998"_s, 1000 + 60000));
    QCOMPARE(r.size(), 0);
}

void TestIdentityRegistry::slowModeClockByPersonAndAddress()
{
    SlowModeClock c;
    c.record(u"u1"_s, u"10.0.0.1"_s, 1000, 60000);
    QCOMPARE(c.lastMessageMs(u"u1"_s, u"10.0.0.9"_s, 2000, 60000), 1000);
    QCOMPARE(c.lastMessageMs(u"u2"_s, u"10.0.0.1"_s, 2000, 60000), 1000);
    QCOMPARE(c.lastMessageMs(u"u2"_s, u"10.0.0.2"_s, 2000, 60000), 0);
    QCOMPARE(c.lastMessageMs(u"u1"_s, u"10.0.0.1"_s, 61000, 60000), 0); // period over
    for (int i = 0; i < 5000; ++i)
        c.record(u"p%1"_s.arg(i), u"a%1"_s.arg(i), 100000 + i, 10);
    QVERIFY(c.size() < 3000); // old entries are swept
}

void TestIdentityRegistry::mutesPersistAndMatch()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"history.sqlite"_s);
    const QString digest = Moderation::MuteStore::tokenDigest(u"secret-token"_s);
    QVERIFY(!digest.contains(u"secret"_s));
    // Times around now: opening the store forgets mutes that are over.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 id = 0;
    {
        Moderation::MuteStore store;
        QVERIFY(store.open(path));
        Moderation::Mute m;
        m.userId = u"user1"_s;
        m.tokenDigest = digest;
        m.address = u"10.0.0.1"_s;
        m.nickname = u"Ann"_s;
        m.createdMs = now - 1000;
        m.reason = u"spam"_s;
        id = store.add(m).id;
        Moderation::Mute timed = m;
        timed.userId = u"user2"_s;
        timed.tokenDigest.clear();
        timed.address = u"10.0.0.2"_s;
        timed.untilMs = now + 3000;
        store.add(timed);
    }
    Moderation::MuteStore reopened;
    QVERIFY(reopened.open(path));
    QCOMPARE(reopened.find(u"user1"_s, {}, {}, now)->id, id);
    QCOMPARE(reopened.find({}, digest, {}, now)->id, id);
    // A person's mute holds a newcomer from their address only when asked (a fresh identity).
    QVERIFY(!reopened.find(u"new"_s, {}, u"10.0.0.1"_s, now));
    QCOMPARE(reopened.find(u"new"_s, {}, u"10.0.0.1"_s, now, true)->reason, u"spam"_s);
    QVERIFY(!reopened.find(u"new"_s, {}, u"10.0.0.3"_s, now, true));
    QVERIFY(reopened.find({}, {}, u"10.0.0.2"_s, now, true));
    QVERIFY(!reopened.find({}, {}, u"10.0.0.2"_s, now + 4000, true)); // the timed one is over
    QCOMPARE(reopened.byNicknameKey(u"ann"_s, now).size(), 2);
    QCOMPARE(reopened.remove({id}).size(), 1);
    Moderation::MuteStore third;
    QVERIFY(third.open(path));
    QVERIFY(!third.find(u"user1"_s, digest, u"10.0.0.1"_s, now));
}

void TestIdentityRegistry::historyByteBudget_data()
{
    QTest::addColumn<bool>("persistent");
    QTest::newRow("sqlite") << true;
    QTest::newRow("memory") << false;
}

void TestIdentityRegistry::historyByteBudget()
{
    QFETCH(bool, persistent);
    QTemporaryDir dir;
    HistoryStore h;
    QVERIFY(h.open(persistent ? dir.filePath(u"h.sqlite"_s) : dir.filePath(u"no/such/dir/h"_s))
            == persistent);
    for (int i = 0; i < 100; ++i) {
        ChatMessage m;
        m.author = u"a"_s;
        m.text = QString::number(i) + u' ' + QString(2000, u'\u00e9'); // 2 bytes each in UTF-8
        h.append(m);
    }
    const qsizetype budget = 50 * 1024;
    const QList<ChatMessage> recent = h.recent(1000, budget);
    QVERIFY(recent.size() >= 10 && recent.size() <= 13);
    QVERIFY(recent.constLast().text.startsWith(u"99 "_s)); // the newest are kept
    const QList<ChatMessage> after = h.after(0, 1000, budget);
    QCOMPARE(after.size(), recent.size());
    QVERIFY(after.constFirst().text.startsWith(u"0 "_s)); // the oldest after the id
    qsizetype total = 0;
    for (const ChatMessage &m : after)
        total += HistoryStore::approxJsonBytes(m);
    QVERIFY(total <= budget);
    QCOMPARE(h.recent(1000, 10).size(), 1); // always at least one
    QCOMPARE(h.recent(1000).size(), 100); // no budget: as before
}

QTEST_GUILESS_MAIN(TestIdentityRegistry)
#include "tst_identityregistry.moc"
