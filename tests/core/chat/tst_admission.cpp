// Who may come in: bans, the password with its window of failures per address (on a fake clock),
// the people cap per address and the room's cap.
#include "chat/admission.h"
#include "chat/chatoptions.h"
#include "fakemember.h"
#include "moderation/moderationstore.h"

#include <QTest>

using namespace ChatHost::Chat;
using namespace ChatHost::Chat::Testing;
using namespace ChatHost;
using Json::JsonValue;
using namespace Qt::StringLiterals;

class TestAdmission : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passwordWindow();
    void rightPasswordClearsTheFailures();
    void oldFailuresAreForgotten();
    void bans_data();
    void bans();
    void caps_data();
    void caps();
    void banComesBeforePassword();
};

namespace {
const QHostAddress kHome(u"192.0.2.10"_s);
const QHostAddress kOther(u"192.0.2.11"_s);
} // namespace

void TestAdmission::passwordWindow()
{
    FakeClock clock;
    ChatOptions options;
    options.password = u"s3cret"_s;
    options.passwordAttemptsPerMinute = 3;
    Roster roster;
    Moderation::ModerationStore store;
    Admission gate(options, roster, store, clock.clock());

    QCOMPARE(gate.check(u"Ann"_s, kHome, JsonValue())->code,
             errorCodeName(ErrorCode::PasswordRequired));
    QCOMPARE(gate.trackedAddresses(), 0); // asking is not failing
    for (int i = 0; i < 3; ++i) {
        clock.now += 1000;
        const auto r = gate.check(u"Ann"_s, kHome, JsonValue(u"guess"_s));
        QCOMPARE(r->code, errorCodeName(ErrorCode::WrongPassword));
        QCOMPARE(r->retryAfterMs, -1);
    }
    // The third failure within the minute blocks the address for a minute, even the right one.
    clock.now += 10000;
    auto r = gate.check(u"Ann"_s, kHome, JsonValue(u"s3cret"_s));
    QCOMPARE(r->code, errorCodeName(ErrorCode::TooManyAttempts));
    QCOMPARE(r->retryAfterMs, 50000);
    // Other addresses are not held.
    QVERIFY(!gate.check(u"Bob"_s, kOther, JsonValue(u"s3cret"_s)));
    clock.now += 50000;
    QVERIFY(!gate.check(u"Ann"_s, kHome, JsonValue(u"s3cret"_s)));
}

void TestAdmission::rightPasswordClearsTheFailures()
{
    FakeClock clock;
    ChatOptions options;
    options.password = u"s3cret"_s;
    options.passwordAttemptsPerMinute = 3;
    Roster roster;
    Moderation::ModerationStore store;
    Admission gate(options, roster, store, clock.clock());
    for (int i = 0; i < 2; ++i)
        QVERIFY(gate.checkPassword(u"192.0.2.10"_s, JsonValue(u"x"_s)));
    QCOMPARE(gate.trackedAddresses(), 1);
    QVERIFY(!gate.checkPassword(u"192.0.2.10"_s, JsonValue(u"s3cret"_s)));
    QCOMPARE(gate.trackedAddresses(), 0);
    for (int i = 0; i < 2; ++i) // counts from zero again
        QCOMPARE(gate.checkPassword(u"192.0.2.10"_s, JsonValue(u"x"_s))->code,
                 errorCodeName(ErrorCode::WrongPassword));
}

void TestAdmission::oldFailuresAreForgotten()
{
    FakeClock clock;
    ChatOptions options;
    options.password = u"s3cret"_s;
    options.passwordAttemptsPerMinute = 3;
    Roster roster;
    Moderation::ModerationStore store;
    Admission gate(options, roster, store, clock.clock());
    // Two failures, then a quiet minute: the window starts again.
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 2; ++i)
            QCOMPARE(gate.checkPassword(u"a"_s, JsonValue(u"x"_s))->code,
                     errorCodeName(ErrorCode::WrongPassword));
        clock.now += Admission::kPasswordWindowMs + 1;
    }
    // No password set: the gate is open.
    options.password.clear();
    QVERIFY(!gate.checkPassword(u"a"_s, JsonValue()));
}

void TestAdmission::bans_data()
{
    QTest::addColumn<int>("kind"); // Ban::Kind
    QTest::addColumn<QString>("value");
    QTest::addColumn<qint64>("durationMs"); // 0: permanent
    QTest::addColumn<qint64>("laterMs");
    QTest::addColumn<QString>("nickname");
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("refused");
    const int nick = int(Moderation::Ban::Kind::Nickname);
    const int addr = int(Moderation::Ban::Kind::Address);
    QTest::newRow("nickname, any case")
            << nick << u"Troll"_s << 0LL << 0LL << u"tROLL"_s << u"192.0.2.1"_s << true;
    QTest::newRow("other nickname")
            << nick << u"Troll"_s << 0LL << 0LL << u"Ann"_s << u"192.0.2.1"_s << false;
    QTest::newRow("address") << addr << u"192.0.2.1"_s << 0LL << 0LL << u"Ann"_s << u"192.0.2.1"_s
                             << true;
    QTest::newRow("mapped address")
            << addr << u"192.0.2.1"_s << 0LL << 0LL << u"Ann"_s << u"::ffff:192.0.2.1"_s << true;
    QTest::newRow("timed, still on")
            << nick << u"Troll"_s << 60000LL << 59000LL << u"Troll"_s << u"192.0.2.1"_s << true;
    QTest::newRow("timed, over") << nick << u"Troll"_s << 60000LL << 60001LL << u"Troll"_s
                                 << u"192.0.2.1"_s << false;
}

void TestAdmission::bans()
{
    QFETCH(int, kind);
    QFETCH(QString, value);
    QFETCH(qint64, durationMs);
    QFETCH(qint64, laterMs);
    QFETCH(QString, nickname);
    QFETCH(QString, address);
    QFETCH(bool, refused);
    FakeClock clock;
    ChatOptions options;
    Roster roster;
    Moderation::ModerationStore store;
    Moderation::Ban b;
    b.kind = Moderation::Ban::Kind(kind);
    b.value = value;
    b.reason = u"spam"_s;
    b.createdMs = clock.now;
    b.expiresMs = durationMs > 0 ? clock.now + durationMs : 0;
    store.addBan(b);
    Admission gate(options, roster, store, clock.clock());
    clock.now += laterMs;
    const auto r = gate.check(nickname, QHostAddress(address), JsonValue());
    QCOMPARE(bool(r), refused);
    if (r) {
        QCOMPARE(r->code, errorCodeName(ErrorCode::Banned));
        QVERIFY(r->text.contains(u"spam"_s)); // the host's reason
    }
}

void TestAdmission::caps_data()
{
    QTest::addColumn<int>("maxPeople");
    QTest::addColumn<int>("perAddress");
    QTest::addColumn<int>("hereFromHome");
    QTest::addColumn<int>("hereFromOther");
    QTest::addColumn<int>("code"); // -1: admitted
    QTest::addColumn<qint64>("retryAfterMs");
    QTest::newRow("no caps") << 0 << 0 << 100 << 100 << -1 << -1LL;
    QTest::newRow("address full") << 0 << 3 << 3 << 0 << int(ErrorCode::TooManyFromAddress)
                                  << Admission::kTooManyFromAddressRetryMs;
    QTest::newRow("address has room") << 0 << 3 << 2 << 10 << -1 << -1LL;
    QTest::newRow("room full") << 5 << 0 << 1 << 4 << int(ErrorCode::RoomFull) << -1LL;
    QTest::newRow("address before room") << 5 << 2 << 2 << 3 << int(ErrorCode::TooManyFromAddress)
                                         << Admission::kTooManyFromAddressRetryMs;
}

void TestAdmission::caps()
{
    QFETCH(int, maxPeople);
    QFETCH(int, perAddress);
    QFETCH(int, hereFromHome);
    QFETCH(int, hereFromOther);
    QFETCH(int, code);
    QFETCH(qint64, retryAfterMs);
    ChatOptions options;
    options.maxPeople = maxPeople;
    options.maxPeoplePerAddress = perAddress;
    Roster roster;
    int n = 0;
    for (int i = 0; i < hereFromHome + hereFromOther; ++i, ++n)
        roster.add(makeMember(u"s%1"_s.arg(n), u"u%1"_s.arg(n), u"N%1"_s.arg(n),
                              (i < hereFromHome ? kHome : kOther).toString()));
    Moderation::ModerationStore store;
    Admission gate(options, roster, store);
    const auto r = gate.check(u"New"_s, kHome, JsonValue());
    if (code < 0) {
        QVERIFY(!r);
        return;
    }
    QVERIFY(r);
    QCOMPARE(r->code, errorCodeName(ErrorCode(code)));
    QCOMPARE(r->retryAfterMs, retryAfterMs);
}

void TestAdmission::banComesBeforePassword()
{
    ChatOptions options;
    options.password = u"pw"_s;
    Roster roster;
    Moderation::ModerationStore store;
    Moderation::Ban b;
    b.kind = Moderation::Ban::Kind::Address;
    b.value = kHome.toString();
    store.addBan(b);
    Admission gate(options, roster, store);
    QCOMPARE(gate.check(u"Ann"_s, kHome, JsonValue())->code, errorCodeName(ErrorCode::Banned));
    QCOMPARE(gate.trackedAddresses(), 0); // a banned address never reaches the password
}

QTEST_GUILESS_MAIN(TestAdmission)
#include "tst_admission.moc"
