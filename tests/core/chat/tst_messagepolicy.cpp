// What may be posted: one table of messages and room states with the refusal code and retry time
// each gets (or the text that is posted), on a fake clock.
#include "chat/chatoptions.h"
#include "chat/messagepolicy.h"
#include "fakemember.h"

#include <QTest>

using namespace ChatHost::Chat;
using namespace ChatHost::Chat::Testing;
using ChatHost::Json::JsonValue;
using ChatHost::Moderation::WordFilter;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ChatHost::Json::JsonValue)

namespace {
constexpr int kAccepted = -1;
constexpr qint64 kForever = -1;
} // namespace

class TestMessagePolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refusals_data();
    void refusals();
    void addressFloodIsToldToTheHostOnce();
    void acceptSpendsTheBudgets();
    void renames_data();
    void renames();
    void renameBudget_data();
    void renameBudget();
};

void TestMessagePolicy::refusals_data()
{
    QTest::addColumn<JsonValue>("message");
    QTest::addColumn<int>("maxLength");
    QTest::addColumn<qint64>("mutedForMs"); // 0: not muted, kForever: until unmuted
    QTest::addColumn<bool>("locked");
    QTest::addColumn<int>("slowSeconds");
    QTest::addColumn<int>("filter"); // 0: none, 1: refuse, 2: mask
    QTest::addColumn<int>("rateCount"); // per 10 s
    QTest::addColumn<int>("addressRateCount"); // per 9 s, all connections of the address
    QTest::addColumn<int>("before"); // messages accepted just before
    QTest::addColumn<qint64>("gapMs"); // time since those
    QTest::addColumn<int>("code"); // ErrorCode, or kAccepted
    QTest::addColumn<qint64>("retryAfterMs");
    QTest::addColumn<QString>("posted");

    const JsonValue hello(u"hello"_s);
    const auto row = [](const char *name, const JsonValue &message) -> QTestData & {
        return QTest::newRow(name) << message;
    };
    // name, message, maxLength, muted, locked, slow, filter, rate, addressRate, before, gap, code,
    // retry, posted
    row("plain", hello) << 2000 << 0LL << false << 0 << 0 << 5 << 0 << 0 << 0LL << kAccepted << -1LL
                        << u"hello"_s;
    row("number", JsonValue(42)) << 2000 << 0LL << false << 0 << 0 << 5 << 0 << 0 << 0LL
                                 << int(ErrorCode::NotText) << -1LL << QString();
    row("missing", JsonValue()) << 2000 << 0LL << false << 0 << 0 << 5 << 0 << 0 << 0LL
                                << int(ErrorCode::NotText) << -1LL << QString();
    row("blank", JsonValue(u"  \n "_s)) << 2000 << 0LL << false << 0 << 0 << 5 << 0 << 0 << 0LL
                                        << int(ErrorCode::Empty) << -1LL << QString();
    row("too long", JsonValue(u"123456"_s)) << 5 << 0LL << false << 0 << 0 << 5 << 0 << 0 << 0LL
                                            << int(ErrorCode::TooLong) << -1LL << QString();
    // Five code points in ten UTF-16 units: it fits.
    row("emoji fit", JsonValue(u"😀😀😀😀😀"_s))
            << 5 << 0LL << false << 0 << 0 << 5 << 0 << 0 << 0LL << kAccepted << -1LL << u"😀😀😀😀😀"_s;
    row("muted", hello) << 2000 << kForever << false << 0 << 0 << 5 << 0 << 0 << 0LL
                        << int(ErrorCode::Muted) << -1LL << QString();
    row("timed out", hello) << 2000 << 30000LL << false << 0 << 0 << 5 << 0 << 0 << 0LL
                            << int(ErrorCode::Muted) << 30000LL << QString();
    row("mute before lock", hello) << 2000 << kForever << true << 0 << 0 << 5 << 0 << 0 << 0LL
                                   << int(ErrorCode::Muted) << -1LL << QString();
    row("locked", hello) << 2000 << 0LL << true << 0 << 0 << 5 << 0 << 0 << 0LL
                         << int(ErrorCode::Locked) << -1LL << QString();
    row("slow mode waits", hello) << 2000 << 0LL << false << 10 << 0 << 5 << 0 << 1 << 4000LL
                                  << int(ErrorCode::SlowMode) << 6000LL << QString();
    row("slow mode over", hello) << 2000 << 0LL << false << 10 << 0 << 5 << 0 << 1 << 10000LL
                                 << kAccepted << -1LL << u"hello"_s;
    row("filtered", JsonValue(u"you DARN thing"_s))
            << 2000 << 0LL << false << 0 << 1 << 5 << 0 << 0 << 0LL << int(ErrorCode::Filtered)
            << -1LL << QString();
    row("masked", JsonValue(u"you darn thing"_s))
            << 2000 << 0LL << false << 0 << 2 << 5 << 0 << 0 << 0LL << kAccepted << -1LL
            << u"you **** thing"_s;
    row("own rate", hello) << 2000 << 0LL << false << 0 << 0 << 2 << 0 << 2 << 0LL
                           << int(ErrorCode::RateLimited) << 5000LL << QString();
    row("own rate refilled", hello) << 2000 << 0LL << false << 0 << 0 << 2 << 0 << 2 << 5000LL
                                    << kAccepted << -1LL << u"hello"_s;
    row("address rate", hello) << 2000 << 0LL << false << 0 << 0 << 0 << 3 << 3 << 0LL
                               << int(ErrorCode::AddressRateLimited) << 3000LL << QString();
}

void TestMessagePolicy::refusals()
{
    QFETCH(JsonValue, message);
    QFETCH(int, maxLength);
    QFETCH(qint64, mutedForMs);
    QFETCH(bool, locked);
    QFETCH(int, slowSeconds);
    QFETCH(int, filter);
    QFETCH(int, rateCount);
    QFETCH(int, addressRateCount);
    QFETCH(int, before);
    QFETCH(qint64, gapMs);
    QFETCH(int, code);
    QFETCH(qint64, retryAfterMs);
    QFETCH(QString, posted);

    FakeClock clock;
    ChatOptions options;
    options.maxMessageLength = maxLength;
    options.slowModeSeconds = slowSeconds;
    options.rateCount = rateCount;
    options.ratePeriodMs = 10000;
    options.addressRateCount = addressRateCount;
    options.addressRatePeriodMs = 9000;
    if (filter > 0) {
        options.filterWords = {u"darn"_s};
        options.filterMode = filter == 1 ? WordFilter::Mode::Refuse : WordFilter::Mode::Mask;
    }
    MessagePolicy policy(options, clock.clock());
    auto member = makeMember(u"s1"_s, u"u1"_s, u"Ann"_s);
    member->limiter = RateLimiter(options.rateCount, options.ratePeriodMs);
    for (int i = 0; i < before; ++i) {
        const MessagePolicy::Verdict v = policy.check(*member, JsonValue(u"earlier"_s));
        QVERIFY(!v.refusal);
        policy.accept(*member, v.nowMs);
    }
    clock.now += gapMs;
    options.locked = locked; // after the earlier messages, as the host would
    if (mutedForMs != 0)
        member->user.mutedUntilMs
                = mutedForMs == kForever ? ChatUser::kForever : clock.now + mutedForMs;

    const MessagePolicy::Verdict v = policy.check(*member, message);
    QCOMPARE(v.nowMs, clock.now);
    if (code == kAccepted) {
        QVERIFY2(!v.refusal, qPrintable(v.refusal ? v.refusal->code : QString()));
        QCOMPARE(v.text, posted);
        return;
    }
    QVERIFY(v.refusal);
    QCOMPARE(v.refusal->code, errorCodeName(ErrorCode(code)));
    QCOMPARE(v.refusal->retryAfterMs, retryAfterMs);
    QVERIFY(!v.refusal->text.isEmpty());
    QVERIFY(v.refusal->tellHost);
}

void TestMessagePolicy::addressFloodIsToldToTheHostOnce()
{
    FakeClock clock;
    ChatOptions options;
    options.rateCount = 0;
    options.addressRateCount = 2;
    options.addressRatePeriodMs = 10000;
    MessagePolicy policy(options, clock.clock());
    // Two tabs of one machine share the address's budget.
    auto a = makeMember(u"s1"_s, u"u1"_s, u"Ann"_s);
    auto b = makeMember(u"s2"_s, u"u2"_s, u"Bob"_s);
    a->limiter = b->limiter = RateLimiter(0, 10000);
    for (Member *m : {a.get(), b.get()}) {
        const auto v = policy.check(*m, JsonValue(u"hi"_s));
        QVERIFY(!v.refusal);
        policy.accept(*m, v.nowMs);
    }
    const auto first = policy.check(*a, JsonValue(u"hi"_s));
    QVERIFY(first.refusal);
    QCOMPARE(first.refusal->code, errorCodeName(ErrorCode::AddressRateLimited));
    QVERIFY(first.refusal->tellHost);
    clock.now += 100;
    const auto second = policy.check(*b, JsonValue(u"hi"_s));
    QVERIFY(second.refusal);
    QVERIFY(!second.refusal->tellHost); // the same flood
}

void TestMessagePolicy::acceptSpendsTheBudgets()
{
    FakeClock clock;
    ChatOptions options;
    options.rateCount = 1;
    options.ratePeriodMs = 60000;
    MessagePolicy policy(options, clock.clock());
    auto m = makeMember(u"s1"_s, u"u1"_s, u"Ann"_s);
    m->limiter = RateLimiter(1, 60000);
    // Checking alone spends nothing.
    for (int i = 0; i < 3; ++i)
        QVERIFY(!policy.check(*m, JsonValue(u"hi"_s)).refusal);
    policy.accept(*m, clock.now);
    QCOMPARE(policy.check(*m, JsonValue(u"hi"_s)).refusal->code,
             errorCodeName(ErrorCode::RateLimited));
}

void TestMessagePolicy::renames_data()
{
    QTest::addColumn<qint64>("mutedForMs");
    QTest::addColumn<bool>("locked");
    QTest::addColumn<int>("code");
    QTest::addColumn<qint64>("retryAfterMs");
    QTest::newRow("free") << 0LL << false << kAccepted << -1LL;
    QTest::newRow("muted") << kForever << false << int(ErrorCode::Muted) << -1LL;
    QTest::newRow("timed out") << 5000LL << true << int(ErrorCode::Muted) << 5000LL;
    QTest::newRow("locked") << 0LL << true << int(ErrorCode::Locked) << -1LL;
}

void TestMessagePolicy::renames()
{
    QFETCH(qint64, mutedForMs);
    QFETCH(bool, locked);
    QFETCH(int, code);
    QFETCH(qint64, retryAfterMs);
    FakeClock clock;
    ChatOptions options;
    options.locked = locked;
    MessagePolicy policy(options, clock.clock());
    auto m = makeMember(u"s1"_s, u"u1"_s, u"Ann"_s);
    if (mutedForMs != 0)
        m->user.mutedUntilMs = mutedForMs == kForever ? ChatUser::kForever : clock.now + mutedForMs;
    const std::optional<Refusal> r = policy.checkRename(*m);
    if (code == kAccepted) {
        QVERIFY(!r);
        return;
    }
    QVERIFY(r);
    QCOMPARE(r->code, errorCodeName(ErrorCode(code)));
    QCOMPARE(r->retryAfterMs, retryAfterMs);
}

// Renames per person from a BudgetBook on the policy's clock: kept by user id (a new connection
// of the same person, with the same user id, finds its renames spent), refilled with time.
void TestMessagePolicy::renameBudget_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<qint64>("periodMs");
    QTest::addColumn<int>("tries"); // renames at once
    QTest::addColumn<int>("allowed");
    QTest::addColumn<qint64>("retryAfterMs"); // of the first refused one
    QTest::newRow("default 3 a minute") << 3 << 60000LL << 5 << 3 << 20000LL;
    QTest::newRow("1 per 10 s") << 1 << 10000LL << 3 << 1 << 10000LL;
    QTest::newRow("no limit") << 0 << 60000LL << 50 << 50 << -1LL;
}

void TestMessagePolicy::renameBudget()
{
    QFETCH(int, count);
    QFETCH(qint64, periodMs);
    QFETCH(int, tries);
    QFETCH(int, allowed);
    QFETCH(qint64, retryAfterMs);
    FakeClock clock;
    ChatOptions options;
    options.renameCount = count;
    options.renamePeriodMs = periodMs;
    MessagePolicy policy(options, clock.clock());
    auto m = makeMember(u"s1"_s, u"u1"_s, u"Ann"_s);
    int accepted = 0;
    std::optional<Refusal> first;
    for (int i = 0; i < tries; ++i) {
        const std::optional<Refusal> r = policy.spendRename(*m);
        if (!r)
            ++accepted;
        else if (!first)
            first = r;
    }
    QCOMPARE(accepted, allowed);
    if (retryAfterMs < 0) {
        QVERIFY(!first);
        return;
    }
    QVERIFY(first);
    QCOMPARE(first->code, errorCodeName(ErrorCode::RateLimited));
    QCOMPARE(first->retryAfterMs, retryAfterMs);
    QVERIFY(!first->text.isEmpty());
    // The same person on a new connection (same user id): still spent. Someone else: not.
    auto again = makeMember(u"s2"_s, u"u1"_s, u"Ann"_s);
    QVERIFY(policy.spendRename(*again));
    QVERIFY(!policy.spendRename(*makeMember(u"s3"_s, u"u2"_s, u"Bob"_s)));
    // The policy's clock refills it.
    clock.now += retryAfterMs;
    QVERIFY(!policy.spendRename(*again));
}

QTEST_GUILESS_MAIN(TestMessagePolicy)
#include "tst_messagepolicy.moc"
