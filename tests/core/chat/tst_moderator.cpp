// The host's actions without sockets: each acts on a person by public user id, tells whom it
// concerns through the hooks, and leaves an audit entry; mutes end on a fake clock with one
// timer for the earliest end.
#include "chat/chatoptions.h"
#include "chat/historystore.h"
#include "chat/moderator.h"
#include "chat/storageproblems.h"
#include "fakemember.h"
#include "moderation/moderationstore.h"
#include "moderation/mutestore.h"

#include <QSignalSpy>
#include <QTest>

using namespace ChatHost;
using namespace ChatHost::Chat;
using namespace ChatHost::Chat::Testing;
using Json::JsonValue;
using namespace Qt::StringLiterals;

namespace {
struct Harness
{
    FakeClock clock;
    ChatOptions options;
    Roster roster{clock.clock()};
    HistoryStore history;
    Moderation::ModerationStore store;
    Moderation::MuteStore mutes;
    StorageProblems problems;
    QStringList told; // "socketId event"
    QStringList removed;
    QStringList broadcasts;
    QStringList notices;
    std::unique_ptr<Moderator> moderator;

    Harness()
    {
        Moderator::Hooks hooks;
        hooks.remove = [this](Member &m, const QString &) {
            removed.append(m.user.nickname);
            const Roster::MemberPtr gone = roster.remove(m.user.socketId);
            moderator->forget(*gone);
        };
        hooks.tell = [this](Member &m, const QString &event, JsonValue) {
            told.append(m.user.socketId + u' ' + event);
        };
        hooks.broadcast = [this](const QString &event, JsonValue) { broadcasts.append(event); };
        hooks.notice = [this](const QString &text) { notices.append(text); };
        moderator = std::make_unique<Moderator>(roster, options, &history, store, mutes, problems,
                                                std::move(hooks), clock.clock());
    }
    std::shared_ptr<Member> join(int i, const QString &address = u"192.0.2.1"_s)
    {
        auto m = makeMember(u"s%1"_s.arg(i), u"u%1"_s.arg(i), u"N%1"_s.arg(i), address);
        m->freshIdentity = true;
        roster.add(m);
        moderator->refreshMute(*m, true, true);
        return m;
    }
    QStringList auditActions() const
    {
        QStringList out;
        for (const Moderation::AuditEntry &e : moderator->auditTrail(100))
            out.append(e.action + u' ' + e.target);
        return out;
    }
};
} // namespace

class TestModerator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void kickByUserId();
    void muteAndUnmuteByUserId();
    void mutesEndOnOneTimer();
    void addressMuteHoldsNewcomers();
    void unmuteSomeoneGone();
    void banRemovesWhoMatches();
    void deleteMessage();
    void roomRules_data();
    void roomRules();
};

void TestModerator::kickByUserId()
{
    Harness h;
    h.join(1);
    auto bob = h.join(2);
    QSignalSpy actions(h.moderator.get(), &Moderator::actionTaken);
    QVERIFY(!h.moderator->kick(u"N2"_s)); // a nickname is not a user id
    QVERIFY(!h.moderator->kick(u"s2"_s)); // nor is a socket id
    QVERIFY(h.moderator->kick(u"u2"_s, u"too loud"_s));
    QCOMPARE(h.told, QStringList{u"s2 kicked"_s});
    QCOMPARE(h.removed, QStringList{u"N2"_s});
    QVERIFY(bob->replaced); // leaves without the usual notice
    QCOMPARE(h.notices, QStringList{u"N2 was removed by the host"_s});
    QCOMPARE(h.roster.count(), 1);
    QCOMPARE(actions.size(), 1);
    QCOMPARE(actions[0][0].toString(), u"kick"_s);
    QCOMPARE(actions[0][2].toString(), u"too loud"_s);
    QCOMPARE(h.auditActions(), QStringList{u"kick N2"_s});
    QVERIFY(!h.moderator->kick(u"u2"_s)); // gone
}

void TestModerator::muteAndUnmuteByUserId()
{
    Harness h;
    auto ann = h.join(1);
    QSignalSpy changed(h.moderator.get(), &Moderator::userChanged);
    QVERIFY(!h.moderator->mute(u"nobody"_s, 60000));
    QVERIFY(h.moderator->mute(u"u1"_s, 120000, u"spam"_s));
    QCOMPARE(ann->user.mutedUntilMs, h.clock.now + 120000);
    QCOMPARE(ann->user.muteReason, u"spam"_s);
    QCOMPARE(h.told, QStringList{u"s1 muted"_s});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(h.moderator->auditTrail(1).constFirst().detail, u"for 2 minute(s): spam"_s);
    QVERIFY(h.moderator->unmute(u"u1"_s));
    QVERIFY(!ann->user.isMuted(h.clock.now));
    QCOMPARE(h.told.constLast(), u"s1 unmuted"_s);
    QVERIFY(!h.moderator->unmute(u"u1"_s)); // not muted
    QCOMPARE(h.auditActions(), (QStringList{u"mute N1"_s, u"unmute N1"_s}));
    QCOMPARE(h.moderator->nextMuteEndMs(), -1);
}

void TestModerator::mutesEndOnOneTimer()
{
    Harness h;
    auto a = h.join(1, u"192.0.2.1"_s);
    auto b = h.join(2, u"192.0.2.2"_s);
    auto c = h.join(3, u"192.0.2.3"_s);
    const qint64 start = h.clock.now;
    QVERIFY(h.moderator->mute(u"u2"_s, 300000));
    QVERIFY(h.moderator->mute(u"u1"_s, 60000));
    QVERIFY(h.moderator->mute(u"u3"_s, 0)); // until unmuted: never scheduled
    QCOMPARE(h.moderator->nextMuteEndMs(), start + 60000); // the earliest
    h.clock.now = start + 59999;
    h.moderator->expireMutes();
    QVERIFY(a->user.isMuted(h.clock.now));
    h.clock.now = start + 60000;
    h.moderator->expireMutes();
    QVERIFY(!a->user.isMuted(h.clock.now));
    QCOMPARE(h.told.constLast(), u"s1 unmuted"_s);
    QVERIFY(b->user.isMuted(h.clock.now));
    QCOMPARE(h.moderator->nextMuteEndMs(), start + 300000);
    // Someone who leaves is no longer watched.
    h.roster.remove(u"s2"_s);
    h.moderator->forget(*b);
    QCOMPARE(h.moderator->nextMuteEndMs(), -1);
    QVERIFY(c->user.isMuted(h.clock.now + 365LL * 24 * 3600 * 1000));
}

void TestModerator::addressMuteHoldsNewcomers()
{
    Harness h;
    h.join(1, u"192.0.2.50"_s);
    h.join(2, u"::ffff:192.0.2.50"_s);
    auto other = h.join(3, u"192.0.2.51"_s);
    QCOMPARE(h.moderator->muteAddress(u"not an address"_s, 0), -1);
    QCOMPARE(h.moderator->muteAddress(u"192.0.2.50"_s, 0, u"flood"_s), 2);
    QVERIFY(h.moderator->isAddressMuted(u"192.0.2.50"_s));
    QVERIFY(!other->user.isMuted(h.clock.now));
    auto late = h.join(4, u"192.0.2.50"_s);
    QVERIFY(late->user.isMuted(h.clock.now));
    QVERIFY(h.moderator->unmuteAddress(u"192.0.2.50"_s));
    QVERIFY(!late->user.isMuted(h.clock.now));
    QVERIFY(!h.moderator->unmuteAddress(u"192.0.2.50"_s));
    QVERIFY(h.auditActions().contains(u"mute-address 192.0.2.50"_s));
}

void TestModerator::unmuteSomeoneGone()
{
    Harness h;
    h.join(1);
    QVERIFY(h.moderator->mute(u"u1"_s, 0));
    h.roster.remove(u"s1"_s);
    QVERIFY(!h.moderator->unmute(u"u1"_s)); // not connected
    QVERIFY(h.moderator->unmuteNickname(u"n1"_s)); // found by the nickname they had
    QVERIFY(!h.moderator->unmuteNickname(u"n1"_s));
}

void TestModerator::banRemovesWhoMatches()
{
    Harness h;
    h.join(1, u"192.0.2.7"_s);
    h.join(2, u"192.0.2.7"_s);
    h.join(3, u"192.0.2.8"_s);
    const Moderation::Ban b
            = h.moderator->ban(Moderation::Ban::Kind::Address, u"::ffff:192.0.2.7"_s, 0, u"x"_s);
    QCOMPARE(b.value, u"192.0.2.7"_s);
    QCOMPARE(h.removed.size(), 2);
    QCOMPARE(h.roster.count(), 1);
    QCOMPARE(h.moderator->activeBans().size(), 1);
    QVERIFY(h.moderator->liftBan(b.id));
    QVERIFY(!h.moderator->liftBan(b.id));
    QVERIFY(h.moderator->activeBans().isEmpty());
    QStringList audit = h.auditActions();
    std::sort(audit.begin() + 1, audit.begin() + 3); // the kicks in any order
    QCOMPARE(audit,
             (QStringList{u"ban address 192.0.2.7"_s, u"kick N1"_s, u"kick N2"_s,
                          u"unban address 192.0.2.7"_s}));
}

void TestModerator::deleteMessage()
{
    Harness h;
    ChatMessage m;
    m.author = u"N1"_s;
    m.text = u"oops"_s;
    h.history.append(m);
    QSignalSpy deleted(h.moderator.get(), &Moderator::messageDeleted);
    QVERIFY(h.moderator->deleteMessage(m.id));
    QCOMPARE(h.broadcasts, QStringList{u"message deleted"_s});
    QCOMPARE(deleted.size(), 1);
    QVERIFY(!h.moderator->deleteMessage(m.id)); // already
    QVERIFY(!h.moderator->deleteMessage(m.id + 100)); // unknown
    QCOMPARE(h.auditActions(), QStringList{u"delete N1"_s});
}

void TestModerator::roomRules_data()
{
    QTest::addColumn<int>("rule"); // 0 slow, 1 lock, 2 max people, 3 filter
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("tellsPages");
    QTest::addColumn<bool>("notice");
    QTest::newRow("slow mode") << 0 << 30 << u"slow-mode"_s << true << true;
    QTest::newRow("lock") << 1 << 1 << u"lock"_s << true << true;
    QTest::newRow("max people") << 2 << 10 << u"max-people"_s << false << false;
    QTest::newRow("filter") << 3 << 2 << u"filter"_s << false << false;
}

void TestModerator::roomRules()
{
    QFETCH(int, rule);
    QFETCH(int, value);
    QFETCH(QString, action);
    QFETCH(bool, tellsPages);
    QFETCH(bool, notice);
    Harness h;
    QSignalSpy room(h.moderator.get(), &Moderator::roomChanged);
    const auto apply = [&] {
        switch (rule) {
        case 0: h.moderator->setSlowMode(value); break;
        case 1: h.moderator->setLocked(value != 0); break;
        case 2: h.moderator->setMaxPeople(value); break;
        case 3:
            h.moderator->setWordFilter({u"a"_s, u" b "_s, u"A"_s},
                                       Moderation::WordFilter::Mode::Mask);
            break;
        }
    };
    apply();
    QCOMPARE(room.size(), 1);
    QCOMPARE(room[0][0].toBool(), tellsPages);
    QCOMPARE(h.notices.size(), notice ? 1 : 0);
    QCOMPARE(h.moderator->auditTrail(1).constFirst().action, action);
    switch (rule) {
    case 0: QCOMPARE(h.options.slowModeSeconds, value); break;
    case 1: QVERIFY(h.options.locked); break;
    case 2: QCOMPARE(h.options.maxPeople, value); break;
    case 3: QCOMPARE(h.options.filterWords, (QStringList{u"a"_s, u"b"_s})); break;
    }
    if (rule != 3) { // the same again changes nothing and is not audited
        apply();
        QCOMPARE(room.size(), 1);
    }
}

QTEST_GUILESS_MAIN(TestModerator)
#include "tst_moderator.moc"
