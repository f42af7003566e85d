// Private messages and blocks without sockets, on a fake clock: the refusals in the order a
// request meets them (the room's switch, oneself, an absent person, a block, then every rule of a
// chat message with its budgets), the block list's bounds, and the history that shows a private
// message only to its two people (memory and SQLite, join, catch-up and requests).
#include "chat/blocklist.h"
#include "chat/catchup.h"
#include "chat/chatoptions.h"
#include "chat/historystore.h"
#include "chat/messagepolicy.h"
#include "chat/privatemessages.h"
#include "chat/roster.h"
#include "fakemember.h"
#include "moderation/mutestore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ChatHost::Chat;
using namespace ChatHost::Chat::Testing;
using ChatHost::Json::JsonValue;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ChatHost::Json::JsonValue)

namespace {

JsonValue object(std::initializer_list<std::pair<QString, JsonValue>> fields)
{
    JsonValue::Object o;
    for (const auto &f : fields)
        o.emplace_back(f.first, f.second);
    return JsonValue(std::move(o));
}

JsonValue pm(const QString &to, const JsonValue &text)
{
    return object({{u"to"_s, JsonValue(to)}, {u"text"_s, text}});
}

constexpr int kAccepted = -1;

// Ann (a1) and Bob (b1) are here; Cy (c1) is here and blocks Ann.
struct Room
{
    FakeClock clock;
    ChatOptions options;
    Roster roster{clock.clock()};
    MessagePolicy policy{options, clock.clock()};
    PrivateMessages pms{roster, options, policy, clock.clock()};
    std::shared_ptr<Member> ann = makeMember(u"s-ann"_s, u"a1"_s, u"Ann"_s);
    std::shared_ptr<Member> bob = makeMember(u"s-bob"_s, u"b1"_s, u"Bob"_s, u"192.0.2.2"_s);
    std::shared_ptr<Member> cy = makeMember(u"s-cy"_s, u"c1"_s, u"Cy"_s, u"192.0.2.3"_s);

    Room()
    {
        options.rateCount = 3;
        options.ratePeriodMs = 9000;
        for (const auto &m : {ann, bob, cy}) {
            m->limiter = RateLimiter(options.rateCount, options.ratePeriodMs);
            roster.add(m);
        }
        policy.configure();
        pms.block(*cy, object({{u"userId"_s, JsonValue(u"a1"_s)}, {u"blocked"_s, true}}));
    }
};

ChatMessage message(const QString &authorId, const QString &text, const QString &to = {})
{
    ChatMessage m;
    m.author = authorId.toUpper();
    m.authorId = authorId;
    m.text = text;
    m.recipientId = to;
    m.recipientName = to.toUpper();
    m.timestamp = 1;
    return m;
}

QStringList texts(const QList<ChatMessage> &list)
{
    QStringList out;
    for (const ChatMessage &m : list)
        out.append(m.text);
    return out;
}

QStringList texts(const JsonValue &array)
{
    QStringList out;
    for (const JsonValue &m : array.toArray())
        out.append(m[u"text"].toString());
    return out;
}

} // namespace

class TestPrivateMessages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refusals_data();
    void refusals();
    void sharesTheBudgetsOfChatMessages();
    void blocks();
    void blockListIsBounded();
    void blockListsOutliveARestart();
    void blockBudget();
    void hostMessages();
    void historyShowsPrivateMessagesToTheirTwoPeople_data();
    void historyShowsPrivateMessagesToTheirTwoPeople();
    void catchUpKeepsToTheReader();
};

void TestPrivateMessages::refusals_data()
{
    QTest::addColumn<QString>("from"); // ann, bob or cy
    QTest::addColumn<JsonValue>("request");
    QTest::addColumn<bool>("privateOff");
    QTest::addColumn<bool>("muted");
    QTest::addColumn<bool>("locked");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text"); // what would be delivered

    const JsonValue hi(u"hi"_s);
    const int bad = int(ErrorCode::BadRequest);
    QTest::newRow("accepted") << u"ann"_s << pm(u"b1"_s, hi) << false << false << false << kAccepted
                              << u"hi"_s;
    QTest::newRow("with replyTo") << u"ann"_s
                                  << object({{u"to"_s, JsonValue(u"b1"_s)},
                                             {u"text"_s, hi},
                                             {u"replyTo"_s, JsonValue(7)}})
                                  << false << false << false << kAccepted << u"hi"_s;
    QTest::newRow("not an object") << u"ann"_s << hi << false << false << false << bad << QString();
    QTest::newRow("no recipient") << u"ann"_s << object({{u"text"_s, hi}}) << false << false
                                  << false << bad << QString();
    QTest::newRow("recipient not text")
            << u"ann"_s << object({{u"to"_s, JsonValue(5)}, {u"text"_s, hi}}) << false << false
            << false << bad << QString();
    QTest::newRow("empty recipient") << u"ann"_s << pm(QString(), hi) << false << false << false
                                     << int(ErrorCode::NoSuchPerson) << QString();
    QTest::newRow("no text") << u"ann"_s << object({{u"to"_s, JsonValue(u"b1"_s)}}) << false
                             << false << false << bad << QString();
    QTest::newRow("replyTo not a number")
            << u"ann"_s
            << object({{u"to"_s, JsonValue(u"b1"_s)}, {u"text"_s, hi}, {u"replyTo"_s, hi}}) << false
            << false << false << bad << QString();
    QTest::newRow("recipient id too long")
            << u"ann"_s << pm(QString(65, u'x'), hi) << false << false << false << bad << QString();
    QTest::newRow("off") << u"ann"_s << pm(u"b1"_s, hi) << true << false << false
                         << int(ErrorCode::PrivateOff) << QString();
    QTest::newRow("self") << u"ann"_s << pm(u"a1"_s, hi) << false << false << false
                          << int(ErrorCode::Self) << QString();
    QTest::newRow("nobody") << u"ann"_s << pm(u"zz"_s, hi) << false << false << false
                            << int(ErrorCode::NoSuchPerson) << QString();
    QTest::newRow("blocked") << u"ann"_s << pm(u"c1"_s, hi) << false << false << false
                             << int(ErrorCode::Blocked) << QString();
    QTest::newRow("the blocker may still write")
            << u"cy"_s << pm(u"a1"_s, hi) << false << false << false << kAccepted << u"hi"_s;
    QTest::newRow("muted") << u"ann"_s << pm(u"b1"_s, hi) << false << true << false
                           << int(ErrorCode::Muted) << QString();
    QTest::newRow("locked") << u"ann"_s << pm(u"b1"_s, hi) << false << false << true
                            << int(ErrorCode::Locked) << QString();
    QTest::newRow("empty") << u"ann"_s << pm(u"b1"_s, JsonValue(u"  "_s)) << false << false << false
                           << int(ErrorCode::Empty) << QString();
    QTest::newRow("not text") << u"ann"_s << pm(u"b1"_s, JsonValue(5)) << false << false << false
                              << int(ErrorCode::NotText) << QString();
    QTest::newRow("too long") << u"ann"_s << pm(u"b1"_s, JsonValue(QString(2001, u'a'))) << false
                              << false << false << int(ErrorCode::TooLong) << QString();
    QTest::newRow("filtered") << u"ann"_s << pm(u"b1"_s, JsonValue(u"a darn thing"_s)) << false
                              << false << false << int(ErrorCode::Filtered) << QString();
}

void TestPrivateMessages::refusals()
{
    QFETCH(QString, from);
    QFETCH(JsonValue, request);
    QFETCH(bool, privateOff);
    QFETCH(bool, muted);
    QFETCH(bool, locked);
    QFETCH(int, code);
    QFETCH(QString, text);
    Room room;
    room.options.privateMessages = !privateOff;
    room.options.locked = locked;
    room.options.filterWords = {u"darn"_s};
    room.policy.configure();
    Member &sender = from == u"ann" ? *room.ann : from == u"bob" ? *room.bob : *room.cy;
    if (muted)
        sender.user.mutedUntilMs = ChatUser::kForever;
    const PrivateMessages::Verdict v = room.pms.check(sender, request);
    if (code == kAccepted) {
        QVERIFY2(!v.refusal, qPrintable(v.refusal ? v.refusal->code : QString()));
        QVERIFY(v.recipient);
        QCOMPARE(v.text, text);
        return;
    }
    QVERIFY(v.refusal);
    QCOMPARE(v.refusal->code, errorCodeName(ErrorCode(code)));
    QVERIFY(!v.refusal->text.isEmpty());
    QVERIFY(!v.recipient);
}

void TestPrivateMessages::sharesTheBudgetsOfChatMessages()
{
    Room room;
    // Three per nine seconds, counted together with chat messages.
    for (int i = 0; i < 2; ++i) {
        const auto v = room.pms.check(*room.ann, pm(u"b1"_s, JsonValue(u"hi"_s)));
        QVERIFY(!v.refusal);
        room.policy.accept(*room.ann, v.nowMs);
    }
    const auto chat = room.policy.check(*room.ann, JsonValue(u"to the room"_s));
    QVERIFY(!chat.refusal);
    room.policy.accept(*room.ann, chat.nowMs);
    auto v = room.pms.check(*room.ann, pm(u"b1"_s, JsonValue(u"hi"_s)));
    QVERIFY(v.refusal);
    QCOMPARE(v.refusal->code, errorCodeName(ErrorCode::RateLimited));
    QCOMPARE(v.refusal->retryAfterMs, 3000);
    room.clock.now += 3000;
    QVERIFY(!room.pms.check(*room.ann, pm(u"b1"_s, JsonValue(u"hi"_s))).refusal);
    // Slow mode too.
    room.options.slowModeSeconds = 10;
    room.policy.accept(*room.ann, room.clock.now);
    room.clock.now += 4000;
    v = room.pms.check(*room.ann, pm(u"b1"_s, JsonValue(u"hi"_s)));
    QVERIFY(v.refusal);
    QCOMPARE(v.refusal->code, errorCodeName(ErrorCode::SlowMode));
    QCOMPARE(v.refusal->retryAfterMs, 6000);
}

void TestPrivateMessages::blocks()
{
    Room room;
    const auto block = [&room](Member &who, const JsonValue &request) {
        return room.pms.block(who, request);
    };
    const auto req = [](const QString &id, bool blocked) {
        return object({{u"userId"_s, JsonValue(id)}, {u"blocked"_s, blocked}});
    };
    QCOMPARE(room.pms.blockedBy(u"c1"_s), QStringList{u"a1"_s});
    QVERIFY(!block(*room.bob, req(u"a1"_s, true)));
    QVERIFY(!block(*room.bob, req(u"c1"_s, true)));
    // Only people who are here go on a list: made-up ids would only fill memory.
    std::optional<Refusal> absent = block(*room.bob, req(u"gone"_s, true));
    QVERIFY(absent);
    QCOMPARE(absent->code, errorCodeName(ErrorCode::NoSuchPerson));
    QVERIFY(!block(*room.bob, req(u"gone"_s, false))); // unblocking anyone is harmless
    QCOMPARE(room.pms.blockedBy(u"b1"_s), (QStringList{u"a1"_s, u"c1"_s}));
    QVERIFY(room.pms.check(*room.ann, pm(u"b1"_s, JsonValue(u"hi"_s))).refusal);
    QVERIFY(!block(*room.bob, req(u"a1"_s, false)));
    QVERIFY(!block(*room.bob, req(u"a1"_s, false))); // twice: nothing to undo
    QCOMPARE(room.pms.blockedBy(u"b1"_s), QStringList{u"c1"_s});
    QVERIFY(!room.pms.check(*room.ann, pm(u"b1"_s, JsonValue(u"hi"_s))).refusal);
    // Refusals.
    std::optional<Refusal> r = block(*room.bob, req(u"b1"_s, true));
    QVERIFY(r);
    QCOMPARE(r->code, errorCodeName(ErrorCode::Self));
    for (const JsonValue &bad :
         {JsonValue(u"a1"_s), object({{u"userId"_s, JsonValue(u"a1"_s)}}),
          object({{u"userId"_s, JsonValue(1)}, {u"blocked"_s, true}}),
          object({{u"userId"_s, JsonValue(u"a1"_s)}, {u"blocked"_s, JsonValue(u"yes"_s)}}),
          req(QString(), true), req(QString(65, u'x'), true)}) {
        r = block(*room.bob, bad);
        QVERIFY(r);
        QCOMPARE(r->code, errorCodeName(ErrorCode::BadRequest));
        QVERIFY(!r->tellHost);
    }
    QCOMPARE(room.pms.blockedBy(u"b1"_s), QStringList{u"c1"_s});
}

// Every answer to `block` carries the whole list, so changes are budgeted per person.
void TestPrivateMessages::blockBudget()
{
    Room room;
    const auto toggle = [&room](bool on) {
        return room.pms.block(*room.bob,
                              object({{u"userId"_s, JsonValue(u"a1"_s)}, {u"blocked"_s, on}}));
    };
    for (int i = 0; i < PrivateMessages::kBlockChanges; ++i)
        QVERIFY(!toggle(i % 2 == 0));
    std::optional<Refusal> r = toggle(true);
    QVERIFY(r);
    QCOMPARE(r->code, errorCodeName(ErrorCode::RateLimited));
    QVERIFY(r->retryAfterMs > 0 && r->retryAfterMs <= PrivateMessages::kBlockPeriodMs);
    QVERIFY(!r->tellHost);
    QCOMPARE(room.pms.blockedBy(u"b1"_s), QStringList()); // the refused change did nothing
    // Another person's budget is their own; time refills Bob's.
    QVERIFY(!room.pms.block(*room.ann,
                            object({{u"userId"_s, JsonValue(u"b1"_s)}, {u"blocked"_s, true}})));
    room.clock.now += PrivateMessages::kBlockPeriodMs;
    QVERIFY(!toggle(true));
}

void TestPrivateMessages::blockListIsBounded()
{
    BlockList list;
    for (qsizetype i = 0; i < BlockList::kMaxPerPerson; ++i)
        QVERIFY(list.set(u"a"_s, u"x%1"_s.arg(i), true));
    QVERIFY(!list.set(u"a"_s, u"one more"_s, true));
    QVERIFY(list.set(u"a"_s, u"x0"_s, true)); // already there
    QVERIFY(list.set(u"a"_s, u"x0"_s, false));
    QVERIFY(list.set(u"a"_s, u"one more"_s, true));
    QCOMPARE(list.list(u"a"_s).size(), BlockList::kMaxPerPerson);
    // Lists: when full, a new one is refused; nobody's list is dropped to make room.
    for (qsizetype i = 0; i + 1 < BlockList::kMaxPeople; ++i)
        QVERIFY(list.set(u"p%1"_s.arg(i), u"x"_s, true));
    QCOMPARE(list.people(), BlockList::kMaxPeople);
    QVERIFY(list.full(u"newcomer"_s));
    QVERIFY(!list.full(u"a"_s));
    QVERIFY(!list.set(u"newcomer"_s, u"x"_s, true));
    QCOMPARE(list.people(), BlockList::kMaxPeople);
    QVERIFY(list.blocks(u"a"_s, u"one more"_s)); // the oldest list stays
    QVERIFY(list.set(u"a"_s, u"x0"_s, false)); // its owner can still change it
    QVERIFY(list.blocks(u"p1"_s, u"x"_s));
    QVERIFY(!list.blocks(u"p1"_s, u"y"_s));
}

// Block lists in SQLite: a restart keeps them, and a page that comes back with its resume token
// gets its user id back from them, so the block still holds between the two people. A page
// without its token is a new identity: nobody blocks it (the host's ban is the tool for that).
void TestPrivateMessages::blockListsOutliveARestart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"history.sqlite"_s);
    const QString annDigest = ChatHost::Moderation::MuteStore::tokenDigest(u"ann-token"_s);
    const QString bobDigest = ChatHost::Moderation::MuteStore::tokenDigest(u"bob-token"_s);
    {
        BlockList list;
        QVERIFY(list.open(path));
        QVERIFY(list.isPersistent());
        QVERIFY(list.set(u"ann"_s, u"bob"_s, true, annDigest, bobDigest));
        QVERIFY(list.set(u"ann"_s, u"cy"_s, true));
        QVERIFY(list.set(u"ann"_s, u"cy"_s, false));
        QVERIFY(list.set(u"dan"_s, u"bob"_s, true));
    }
    BlockList again;
    QVERIFY(again.open(path));
    QCOMPARE(again.list(u"ann"_s), QStringList{u"bob"_s});
    QCOMPARE(again.list(u"dan"_s), QStringList{u"bob"_s});
    QVERIFY(!again.blocks(u"ann"_s, u"cy"_s));
    QCOMPARE(again.userIdForToken(annDigest), u"ann"_s);
    QCOMPARE(again.userIdForToken(bobDigest), u"bob"_s);
    QVERIFY(again.userIdForToken(ChatHost::Moderation::MuteStore::tokenDigest(u"other"_s))
                    .isEmpty());
    // The two come back with their tokens (their old connections and the memory of who left
    // are gone with the restart): the same user ids, the block holds.
    Roster roster;
    ChatHost::Moderation::MuteStore mutes;
    ChatOptions options;
    auto ann = makeMember(u"s1"_s, QString(), u"Ann"_s);
    roster.identify(*ann, u"ann-token"_s, false, options, mutes, &again);
    QCOMPARE(ann->user.userId, u"ann"_s);
    QCOMPARE(ann->resumeToken, u"ann-token"_s);
    QVERIFY(!ann->freshIdentity);
    roster.add(ann);
    auto bob = makeMember(u"s2"_s, QString(), u"Bob"_s);
    roster.identify(*bob, u"bob-token"_s, false, options, mutes, &again);
    QCOMPARE(bob->user.userId, u"bob"_s);
    QVERIFY(again.blocks(ann->user.userId, bob->user.userId));
    // Without the token: a new identity, on nobody's list.
    auto newBob = makeMember(u"s3"_s, QString(), u"Bob2"_s);
    roster.identify(*newBob, QString(), false, options, mutes, &again);
    QVERIFY(newBob->user.userId != u"bob"_s);
    QVERIFY(newBob->freshIdentity);
    QVERIFY(!again.blocks(ann->user.userId, newBob->user.userId));
    // Unblocking is kept as well.
    QVERIFY(again.set(u"ann"_s, u"bob"_s, false));
    BlockList third;
    QVERIFY(third.open(path));
    QVERIFY(third.list(u"ann"_s).isEmpty());
}

void TestPrivateMessages::hostMessages()
{
    Room room;
    room.options.privateMessages = false; // the switch is for people
    room.options.locked = true;
    QVERIFY(!room.pms.checkHost(u"b1"_s, u"hello"_s));
    QCOMPARE(room.pms.checkHost(u"zz"_s, u"hello"_s)->code, errorCodeName(ErrorCode::NoSuchPerson));
    QCOMPARE(room.pms.checkHost(u"b1"_s, u" "_s)->code, errorCodeName(ErrorCode::Empty));
    QCOMPARE(room.pms.checkHost(u"b1"_s, QString(2001, u'a'))->code,
             errorCodeName(ErrorCode::TooLong));
}

void TestPrivateMessages::historyShowsPrivateMessagesToTheirTwoPeople_data()
{
    QTest::addColumn<bool>("persistent");
    QTest::newRow("memory") << false;
    QTest::newRow("sqlite") << true;
}

void TestPrivateMessages::historyShowsPrivateMessagesToTheirTwoPeople()
{
    QFETCH(bool, persistent);
    QTemporaryDir dir;
    HistoryStore history;
    if (persistent)
        QVERIFY(history.open(dir.filePath(u"history.sqlite"_s)));
    QList<ChatMessage> all{
            message(u"a1"_s, u"room 1"_s), message(u"a1"_s, u"ann to bob"_s, u"b1"_s),
            message(u"b1"_s, u"bob to cy"_s, u"c1"_s),
            message(QString(), u"host to ann"_s, u"a1"_s), message(u"c1"_s, u"room 2"_s)};
    for (ChatMessage &m : all)
        history.append(m);
    const auto read = [&history](const HistoryReader &reader) {
        return texts(history.recent(100, -1, 0, reader));
    };
    QCOMPARE(read({}), (QStringList{u"room 1"_s, u"room 2"_s}));
    QCOMPARE(read(HistoryReader::person(u"a1"_s)),
             (QStringList{u"room 1"_s, u"ann to bob"_s, u"host to ann"_s, u"room 2"_s}));
    QCOMPARE(read(HistoryReader::person(u"b1"_s)),
             (QStringList{u"room 1"_s, u"ann to bob"_s, u"bob to cy"_s, u"room 2"_s}));
    QCOMPARE(read(HistoryReader::person(u"d1"_s)), (QStringList{u"room 1"_s, u"room 2"_s}));
    QCOMPARE(read(HistoryReader::host()).size(), 5);
    // The limit counts what the reader sees.
    QCOMPARE(texts(history.recent(2, -1, 0, HistoryReader::person(u"d1"_s))),
             (QStringList{u"room 1"_s, u"room 2"_s}));
    QCOMPARE(texts(history.after(1, 1, -1, HistoryReader::person(u"d1"_s))),
             QStringList{u"room 2"_s});
    QCOMPARE(texts(history.after(1, 10, -1, HistoryReader::person(u"c1"_s))),
             (QStringList{u"bob to cy"_s, u"room 2"_s}));
    // What the stored message says of itself.
    const std::optional<ChatMessage> stored = history.find(all[1].id);
    QVERIFY(stored);
    QVERIFY(stored->isPrivate());
    QCOMPARE(stored->recipientName, u"B1"_s);
    const JsonValue json = stored->toJson();
    QVERIFY(json[u"private"].toBool());
    QCOMPARE(json[u"to"][u"userId"].toString(), u"b1"_s);
    QCOMPARE(json[u"to"][u"nickname"].toString(), u"B1"_s);
    QVERIFY(!history.find(all[0].id)->toJson().contains(u"private"));
    QVERIFY(!history.find(all[0].id)->toJson().contains(u"to"));
    if (persistent) {
        // Reopened: the recipient is still there.
        HistoryStore again;
        QVERIFY(again.open(dir.filePath(u"history.sqlite"_s)));
        QCOMPARE(texts(again.recent(100, -1, 0, HistoryReader::person(u"c1"_s))),
                 (QStringList{u"room 1"_s, u"bob to cy"_s, u"room 2"_s}));
    }
}

void TestPrivateMessages::catchUpKeepsToTheReader()
{
    HistoryStore history;
    ChatMessage first = message(u"a1"_s, u"room"_s);
    history.append(first);
    for (int i = 0; i < 3; ++i) {
        ChatMessage m = message(u"a1"_s, u"secret %1"_s.arg(i), u"b1"_s);
        history.append(m);
    }
    ChatOptions options;
    FakeClock clock;
    CatchUp catchUp(&history, options, clock.clock());
    const JsonValue cy = catchUp.onJoin(object({}), u"c1"_s);
    QCOMPARE(texts(cy[u"messages"]), QStringList{u"room"_s});
    const JsonValue bob = catchUp.onJoin(object({{u"lastId"_s, JsonValue(first.id)}}), u"b1"_s);
    QCOMPARE(texts(bob[u"messages"]), (QStringList{u"secret 0"_s, u"secret 1"_s, u"secret 2"_s}));
    QVERIFY(bob[u"complete"].toBool());
    const JsonValue cyBack = catchUp.onJoin(object({{u"lastId"_s, JsonValue(first.id)}}), u"c1"_s);
    QVERIFY(cyBack[u"messages"].toArray().empty());
    QVERIFY(cyBack[u"complete"].toBool());
    // Requests: nothing of others', and complete although newer ids exist.
    auto member = makeMember(u"s-cy"_s, u"c1"_s, u"Cy"_s);
    const JsonValue answer = catchUp.answer(*member, object({{u"afterId"_s, JsonValue(0)}}));
    QCOMPARE(texts(answer[u"messages"]), QStringList{u"room"_s});
    QVERIFY(answer[u"complete"].toBool());
    const JsonValue recent = catchUp.answer(*member, object({}));
    QCOMPARE(texts(recent[u"messages"]), QStringList{u"room"_s});
    auto bobMember = makeMember(u"s-bob"_s, u"b1"_s, u"Bob"_s);
    const JsonValue bobAnswer = catchUp.answer(
            *bobMember, object({{u"afterId"_s, JsonValue(0)}, {u"limit"_s, JsonValue(2)}}));
    QCOMPARE(texts(bobAnswer[u"messages"]), (QStringList{u"room"_s, u"secret 0"_s}));
    QVERIFY(!bobAnswer[u"complete"].toBool(true));
}

QTEST_GUILESS_MAIN(TestPrivateMessages)
#include "tst_privatemessages.moc"
