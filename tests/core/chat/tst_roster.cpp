// Who is here: join order, the nickname, user id, token and address indexes, and identities
// remembered for a page that comes back.
#include "chat/roster.h"
#include "fakemember.h"
#include "rules/nickname.h"

#include <QTest>

using namespace ChatHost::Chat;
using namespace ChatHost::Chat::Testing;
using namespace Qt::StringLiterals;

class TestRoster : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void joinOrderAndNewest();
    void renameMovesTheNicknameIndex();
    void leaveClearsEveryIndex();
    void resumeByTokenAndNickname();
    void leftIdentityIsCarriedOnce();
    void peoplePerAddress_data();
    void peoplePerAddress();
    void guestNamesAreFree();
};

void TestRoster::joinOrderAndNewest()
{
    Roster r;
    for (int i = 0; i < 5; ++i)
        r.add(makeMember(u"s%1"_s.arg(i), u"u%1"_s.arg(i), u"Name%1"_s.arg(i)));
    QCOMPARE(r.count(), 5);
    const QList<ChatUser> users = r.users();
    QCOMPARE(users.size(), 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(users[i].nickname, u"Name%1"_s.arg(i));
    const QList<Member *> newest = r.newest(2);
    QCOMPARE(newest.size(), 2);
    QCOMPARE(newest[0]->user.nickname, u"Name3"_s); // oldest of the newest first
    QCOMPARE(newest[1]->user.nickname, u"Name4"_s);
    QCOMPARE(r.newest(100).size(), 5);
    QCOMPARE(r.byUserId(u"u2"_s)->user.socketId, u"s2"_s);
    QCOMPARE(r.find(u"s4"_s)->user.userId, u"u4"_s);
}

void TestRoster::renameMovesTheNicknameIndex()
{
    Roster r;
    auto ann = makeMember(u"s1"_s, u"u1"_s, u"Ann"_s);
    r.add(ann);
    r.add(makeMember(u"s2"_s, u"u2"_s, u"Bob"_s));
    QVERIFY(r.takenBy()(nicknameKey(u"ANN"_s)));
    QVERIFY(!r.takenBy(u"s1"_s)(nicknameKey(u"ann"_s))); // one's own name is not taken
    QCOMPARE(checkNickname(u"bob"_s, u"Host"_s, r.takenBy(u"s1"_s)).error, NicknameError::Taken);
    r.rename(*ann, u"Anna"_s);
    QCOMPARE(ann->user.nickname, u"Anna"_s);
    QVERIFY(!r.takenBy()(nicknameKey(u"Ann"_s)));
    QVERIFY(r.takenBy()(nicknameKey(u"anna"_s)));
    // The user id is the key, not the nickname: it stays.
    QCOMPARE(r.byUserId(u"u1"_s)->user.nickname, u"Anna"_s);
}

void TestRoster::leaveClearsEveryIndex()
{
    Roster r;
    r.add(makeMember(u"s1"_s, u"u1"_s, u"Ann"_s, u"192.0.2.7"_s, u"tok"_s));
    const Roster::MemberPtr gone = r.remove(u"s1"_s);
    QVERIFY(gone);
    QVERIFY(!r.remove(u"s1"_s)); // twice is harmless
    QCOMPARE(r.count(), 0);
    QVERIFY(!r.find(u"s1"_s));
    QVERIFY(!r.byUserId(u"u1"_s));
    QVERIFY(!r.hasUserId(u"u1"_s));
    QVERIFY(!r.byResumeToken(u"tok"_s, u"Ann"_s));
    QVERIFY(!r.takenBy()(nicknameKey(u"Ann"_s)));
    QCOMPARE(r.peopleAt(u"192.0.2.7"_s), 0);
    QVERIFY(r.users().isEmpty());
}

void TestRoster::resumeByTokenAndNickname()
{
    Roster r;
    r.add(makeMember(u"s1"_s, u"u1"_s, u"Ann"_s, u"192.0.2.1"_s, u"tok"_s));
    QCOMPARE(r.byResumeToken(u"tok"_s, u" ann "_s)->user.socketId, u"s1"_s);
    QVERIFY(!r.byResumeToken(u"tok"_s, u"Bob"_s)); // the token alone is not enough
    QVERIFY(!r.byResumeToken(u"other"_s, u"Ann"_s));
}

void TestRoster::leftIdentityIsCarriedOnce()
{
    FakeClock clock;
    Roster r(clock.clock());
    auto ann = makeMember(u"s1"_s, u"u1"_s, u"Ann"_s, u"192.0.2.1"_s, u"tok"_s);
    ann->historyRequests = RateLimiter(3, 60000);
    QVERIFY(ann->historyRequests.tryAcquire(clock.now));
    r.add(ann);
    r.remove(u"s1"_s);
    clock.now += 1000;
    auto carried = r.takeLeft(u"tok"_s);
    QVERIFY(carried);
    QCOMPARE(carried->userId, u"u1"_s);
    QCOMPARE(carried->nickname, u"Ann"_s);
    QVERIFY(!carried->historyRequests.isFull(clock.now)); // the spent request stays spent
    QVERIFY(!r.takeLeft(u"tok"_s));
}

void TestRoster::peoplePerAddress_data()
{
    QTest::addColumn<QStringList>("addresses");
    QTest::addColumn<QString>("asked");
    QTest::addColumn<int>("count");
    QTest::newRow("none") << QStringList() << u"192.0.2.1"_s << 0;
    QTest::newRow("three of four")
            << QStringList{u"192.0.2.1"_s, u"192.0.2.1"_s, u"192.0.2.2"_s, u"192.0.2.1"_s}
            << u"192.0.2.1"_s << 3;
    QTest::newRow("mapped IPv6 folds")
            << QStringList{u"::ffff:192.0.2.9"_s, u"192.0.2.9"_s} << u"192.0.2.9"_s << 2;
}

void TestRoster::peoplePerAddress()
{
    QFETCH(QStringList, addresses);
    QFETCH(QString, asked);
    QFETCH(int, count);
    Roster r;
    for (int i = 0; i < addresses.size(); ++i)
        r.add(makeMember(u"s%1"_s.arg(i), u"u%1"_s.arg(i), u"N%1"_s.arg(i), addresses[i]));
    QCOMPARE(r.peopleAt(asked), count);
    QCOMPARE(r.membersAt(asked).size(), count);
    for (int i = 0; i < addresses.size(); ++i)
        r.remove(u"s%1"_s.arg(i));
    QCOMPARE(r.peopleAt(asked), 0);
}

void TestRoster::guestNamesAreFree()
{
    Roster r;
    for (int i = 0; i < 50; ++i) {
        const QString name = r.guestName(u"Host"_s);
        QVERIFY(name.startsWith(u"Guest-"_s));
        QVERIFY(!r.takenBy()(nicknameKey(name)));
        r.add(makeMember(u"s%1"_s.arg(i), u"u%1"_s.arg(i), name));
    }
}

QTEST_GUILESS_MAIN(TestRoster)
#include "tst_roster.moc"
