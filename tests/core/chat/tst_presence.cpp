// Presence without sockets: joins and leaves go out in one batch, a quick join-and-leave is never
// told, big rooms name only a few, and typing is throttled (fake clock).
#include "chat/chatoptions.h"
#include "chat/presence.h"
#include "fakemember.h"

#include <QTest>

using namespace ChatHost::Chat;
using namespace ChatHost::Chat::Testing;
using ChatHost::Json::JsonValue;
using namespace Qt::StringLiterals;

namespace {
struct Sent
{
    QString from; // socket id, empty: to everyone
    QString event;
    JsonValue payload;
};

struct Harness
{
    FakeClock clock;
    ChatOptions options;
    Roster roster;
    QList<Sent> sent;
    QStringList notices;
    qsizetype lastBatch = 0;
    std::unique_ptr<Presence> presence;

    Harness()
    {
        Presence::Outlet outlet;
        outlet.send = [this](const Member *from, const QString &event, JsonValue payload) {
            sent.append({from ? from->user.socketId : QString(), event, std::move(payload)});
        };
        outlet.notice = [this](const QString &text, bool) { notices.append(text); };
        outlet.batchSent = [this](qsizetype n) { lastBatch = n; };
        presence = std::make_unique<Presence>(roster, options, std::move(outlet), clock.clock());
    }
    std::shared_ptr<Member> join(int i, bool announce = true)
    {
        auto m = makeMember(u"s%1"_s.arg(i), u"u%1"_s.arg(i), u"N%1"_s.arg(i));
        roster.add(m);
        presence->joined(m->user, announce);
        return m;
    }
    void leave(const std::shared_ptr<Member> &m, bool announce = true)
    {
        roster.remove(m->user.socketId);
        presence->left(*m, announce);
    }
};
} // namespace

class TestPresence : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneBatchForManyArrivals();
    void joinAndLeaveInOneBatchIsNotTold();
    void quietArrivalsAreListedNotAnnounced();
    void bigRoomNamesAFew();
    void renameFlushesTheBatchFirst();
    void namesAreDescribed_data();
    void namesAreDescribed();
    void typingIsThrottled();
    void sendingAMessageStopsTyping();
};

void TestPresence::oneBatchForManyArrivals()
{
    Harness h;
    for (int i = 0; i < 3; ++i)
        h.join(i);
    QVERIFY(h.sent.isEmpty()); // waits for the batch
    h.presence->flush();
    QCOMPARE(h.sent.size(), 1);
    QCOMPARE(h.sent[0].event, u"presence"_s);
    QCOMPARE(h.sent[0].payload[u"joined"].toArray().size(), size_t(3));
    QCOMPARE(h.sent[0].payload[u"joined"].toArray()[2][u"userId"].toString(), u"u2"_s);
    QCOMPARE(h.sent[0].payload[u"count"].toInteger(), 3);
    QCOMPARE(h.notices, QStringList{u"N0, N1 and N2 joined"_s});
    QCOMPARE(h.lastBatch, 3);
    h.presence->flush(); // nothing waiting: nothing sent
    QCOMPARE(h.sent.size(), 1);
}

void TestPresence::joinAndLeaveInOneBatchIsNotTold()
{
    Harness h;
    auto a = h.join(1);
    h.leave(a);
    h.presence->flush();
    QVERIFY(h.sent.isEmpty());
    QVERIFY(h.notices.isEmpty());
}

void TestPresence::quietArrivalsAreListedNotAnnounced()
{
    Harness h;
    auto a = h.join(1, false); // a reconnect
    h.presence->flush();
    QCOMPARE(h.sent.size(), 1);
    QVERIFY(h.notices.isEmpty());
    h.leave(a, false); // removed by the host: their own notice says why
    h.presence->flush();
    QCOMPARE(h.sent.size(), 2);
    QCOMPARE(h.sent[1].payload[u"left"].toArray()[0].toString(), u"N1"_s);
    QCOMPARE(h.sent[1].payload[u"leftIds"].toArray()[0].toString(), u"u1"_s);
    QVERIFY(h.notices.isEmpty());
}

void TestPresence::bigRoomNamesAFew()
{
    Harness h;
    for (int i = 0; i < Presence::kListedPeople + 50; ++i)
        h.join(i);
    h.presence->flush();
    const JsonValue &p = h.sent.constLast().payload;
    QCOMPARE(qsizetype(p[u"joined"].toArray().size()), Presence::kNamedPerBatch);
    QCOMPARE(p[u"joinedMore"].toInteger(), Presence::kListedPeople + 50 - Presence::kNamedPerBatch);
}

void TestPresence::renameFlushesTheBatchFirst()
{
    Harness h;
    auto a = h.join(1);
    h.roster.rename(*a, u"Anna"_s);
    h.presence->renamed(a->user, u"N1"_s);
    QCOMPARE(h.sent.size(), 2);
    QVERIFY(h.sent[0].payload.contains(u"joined"));
    QCOMPARE(h.sent[1].payload[u"renamed"].toArray()[0][u"to"].toString(), u"Anna"_s);
    QCOMPARE(h.notices.constLast(), u"N1 is now known as Anna"_s);
}

void TestPresence::namesAreDescribed_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("text");
    QTest::newRow("one") << QStringList{u"Ann"_s} << u"Ann"_s;
    QTest::newRow("two") << QStringList{u"Ann"_s, u"Bob"_s} << u"Ann and Bob"_s;
    QTest::newRow("three") << QStringList{u"A"_s, u"B"_s, u"C"_s} << u"A, B and C"_s;
    QTest::newRow("five") << QStringList{u"A"_s, u"B"_s, u"C"_s, u"D"_s, u"E"_s}
                          << u"A, B and 3 other(s)"_s; // no translator loaded: the source text
}

void TestPresence::namesAreDescribed()
{
    QFETCH(QStringList, names);
    QFETCH(QString, text);
    QCOMPARE(Presence::describeNames(names), text);
}

void TestPresence::typingIsThrottled()
{
    Harness h;
    h.options.typingChangeGapMs = 1000;
    h.options.typingThrottleMs = 2000;
    auto a = h.join(1);
    h.presence->flush();
    h.sent.clear();
    h.presence->typing(*a, true);
    QCOMPARE(h.sent.size(), 1);
    QCOMPARE(h.sent[0].from, u"s1"_s); // to the others
    QVERIFY(h.sent[0].payload[u"typing"].toBool());
    // A flood of changes within the gap: nothing now, the latest wish when the gap is over.
    for (int i = 0; i < 20; ++i) {
        h.clock.now += 10;
        h.presence->typing(*a, i % 2 == 0);
    }
    QCOMPARE(h.sent.size(), 1);
    QVERIFY(h.presence->typingPending());
    h.presence->flushTyping(); // gap not over yet
    QCOMPARE(h.sent.size(), 1);
    h.clock.now += 1000;
    h.presence->flushTyping();
    QCOMPARE(h.sent.size(), 2);
    QVERIFY(!h.sent[1].payload[u"typing"].toBool()); // the last of the flood was "false"
    QVERIFY(!h.presence->typingPending());
    // A repeated "true" goes out again only after the throttle.
    h.clock.now += 1000;
    h.presence->typing(*a, true);
    QCOMPARE(h.sent.size(), 3);
    h.clock.now += 1500;
    h.presence->typing(*a, true);
    QCOMPARE(h.sent.size(), 3);
    h.clock.now += 600;
    h.presence->typing(*a, true);
    QCOMPARE(h.sent.size(), 4);
}

void TestPresence::sendingAMessageStopsTyping()
{
    Harness h;
    auto a = h.join(1);
    h.presence->typing(*a, true);
    h.presence->stopTyping(*a);
    QCOMPARE(h.sent.constLast().event, u"typing"_s);
    QVERIFY(!h.sent.constLast().payload[u"typing"].toBool());
    // Leaving while typing tells everyone they stopped.
    h.presence->typing(*a, true);
    h.clock.now += 5000;
    h.presence->typing(*a, true);
    const qsizetype before = h.sent.size();
    h.leave(a);
    QCOMPARE(h.sent.size(), before + 1);
    QVERIFY(h.sent.constLast().from.isEmpty());
    QVERIFY(!h.sent.constLast().payload[u"typing"].toBool());
}

QTEST_GUILESS_MAIN(TestPresence)
#include "tst_presence.moc"
