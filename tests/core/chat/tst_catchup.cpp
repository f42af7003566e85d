// Catch-up without sockets: the history a newcomer and a reconnecting page get, history requests
// with their rate and one-at-a-time rule (fake clock), and the byte budgets.
#include "chat/catchup.h"
#include "chat/chatoptions.h"
#include "chat/historystore.h"
#include "fakemember.h"

#include <QTest>

#include <functional>

using namespace ChatHost::Chat;
using namespace ChatHost::Chat::Testing;
using ChatHost::Json::JsonValue;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ChatHost::Json::JsonValue)

class TestCatchUp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void newcomerGetsTheRecentPast();
    void reconnectGetsWhatItMissed_data();
    void reconnectGetsWhatItMissed();
    void joinHistoryKeepsToItsBytes();
    void budgetsCountWhatIsSent_data();
    void budgetsCountWhatIsSent();
    void requestsAreRated();
    void answers_data();
    void answers();

private:
    HistoryStore m_history; // memory only
};

void TestCatchUp::init()
{
    if (m_history.lastId() > 0)
        return;
    for (int i = 1; i <= 50; ++i) {
        ChatMessage m;
        m.author = u"Ann"_s;
        m.authorId = u"u1"_s;
        m.text = u"message %1"_s.arg(i);
        m.timestamp = i;
        m_history.append(m);
    }
}

static JsonValue object(std::initializer_list<std::pair<QString, JsonValue>> fields)
{
    JsonValue::Object o;
    for (const auto &f : fields)
        o.emplace_back(f.first, f.second);
    return JsonValue(std::move(o));
}

void TestCatchUp::newcomerGetsTheRecentPast()
{
    ChatOptions options;
    options.historyOnJoin = 10;
    CatchUp catchUp(&m_history, options);
    const JsonValue h = catchUp.onJoin(object({{u"nickname"_s, JsonValue(u"Bob"_s)}}));
    QCOMPARE(h[u"messages"].toArray().size(), size_t(10));
    QCOMPARE(h[u"messages"].toArray().back()[u"id"].toInteger(), 50);
    QCOMPARE(h[u"messages"].toArray().back()[u"authorId"].toString(), u"u1"_s);
    QVERIFY(!h[u"catchUp"].toBool(true));
}

void TestCatchUp::reconnectGetsWhatItMissed_data()
{
    QTest::addColumn<qint64>("lastId");
    QTest::addColumn<int>("catchUpLimit");
    QTest::addColumn<int>("count");
    QTest::addColumn<qint64>("firstId");
    QTest::addColumn<bool>("complete");
    QTest::newRow("missed 5") << 45LL << 1000 << 5 << 46LL << true;
    QTest::newRow("missed nothing") << 50LL << 1000 << 0 << 0LL << true;
    QTest::newRow("more than the limit") << 10LL << 20 << 20 << 31LL << false;
    QTest::newRow("from the start") << 0LL << 1000 << 50 << 1LL << true;
}

void TestCatchUp::reconnectGetsWhatItMissed()
{
    QFETCH(qint64, lastId);
    QFETCH(int, catchUpLimit);
    QFETCH(int, count);
    QFETCH(qint64, firstId);
    QFETCH(bool, complete);
    ChatOptions options;
    options.catchUpLimit = catchUpLimit;
    CatchUp catchUp(&m_history, options);
    const JsonValue h = catchUp.onJoin(object({{u"lastId"_s, JsonValue(lastId)}}));
    QVERIFY(h[u"catchUp"].toBool());
    const auto &messages = h[u"messages"].toArray();
    QCOMPARE(int(messages.size()), count);
    if (count > 0)
        QCOMPARE(messages.front()[u"id"].toInteger(), firstId);
    QCOMPARE(h[u"complete"].toBool(), complete);
}

void TestCatchUp::joinHistoryKeepsToItsBytes()
{
    ChatOptions options;
    options.joinHistoryBytes = 3 * HistoryStore::approxJsonBytes(*m_history.find(50));
    CatchUp catchUp(&m_history, options);
    const JsonValue h = catchUp.onJoin(object({{u"lastId"_s, JsonValue(qint64(0))}}));
    QVERIFY(h[u"messages"].toArray().size() <= 3);
    QVERIFY(!h[u"messages"].toArray().empty());
    QCOMPARE(h[u"messages"].toArray().back()[u"id"].toInteger(), 50); // the newest that fit
    QVERIFY(!h[u"complete"].toBool(true));
}

// Replies and reactions are added after the store picked the messages: the budgets count the
// JSON that is really sent, with them. Before, a catch-up of messages with many reactions came
// out several times its budget.
void TestCatchUp::budgetsCountWhatIsSent_data()
{
    QTest::addColumn<int>("reactors"); // people per emoji, on each of the six emojis
    QTest::addColumn<int>("excerpt"); // characters of each message's reply excerpt; 0: no reply
    QTest::addColumn<QString>("text"); // appended to each message's text
    QTest::addColumn<qsizetype>("budget");
    QTest::addColumn<bool>("tight"); // one more (older) message would not have fit
    QTest::newRow("plain") << 0 << 0 << QString() << qsizetype(3000) << false;
    QTest::newRow("replies") << 0 << 120 << QString() << qsizetype(3000) << true;
    QTest::newRow("reactions") << 10 << 0 << QString() << qsizetype(8000) << true;
    QTest::newRow("both") << 5 << 120 << QString() << qsizetype(6000) << true;
    QTest::newRow("non-ASCII") << 3 << 60 << u"äöü 😀 é"_s << qsizetype(5000) << true;
    QTest::newRow("quotes") << 2 << 40 << u"\"quoted\" \\ \n"_s << qsizetype(5000) << true;
    QTest::newRow("one is more than the budget")
            << 50 << 120 << QString() << qsizetype(200) << false;
}

void TestCatchUp::budgetsCountWhatIsSent()
{
    QFETCH(int, reactors);
    QFETCH(int, excerpt);
    QFETCH(QString, text);
    QFETCH(qsizetype, budget);
    QFETCH(bool, tight);
    ChatOptions options;
    options.joinHistoryBytes = budget;
    options.historyReplyBytes = budget;
    CatchUp catchUp(&m_history, options);
    const QStringList emojis{u"👍"_s, u"❤️"_s, u"😂"_s, u"😮"_s, u"😢"_s, u"🎉"_s};
    const auto decorate = [&](QList<ChatMessage> &list) {
        for (ChatMessage &m : list) {
            m.text += text;
            if (excerpt > 0)
                m.replyTo = ReplyRef{m.id - 1, u"Bob"_s, u"u2"_s, QString(excerpt, u'x') + text};
            if (reactors > 0) {
                for (const QString &e : emojis) {
                    QStringList who;
                    for (int i = 0; i < reactors; ++i)
                        who << u"user%1-abcde"_s.arg(i, 2, 10, QChar(u'0'));
                    m.reactions.append({e, who});
                }
            }
        }
    };
    catchUp.setDecorate(decorate);
    const auto sizeOf = [](const JsonValue &v) { return CatchUp::jsonBytes(v); };
    const auto check = [&](const JsonValue &payload, bool keepNewest, qint64 edgeId,
                           const std::function<JsonValue(const QList<ChatMessage> &)> &remake) {
        const auto &messages = payload[u"messages"].toArray();
        QVERIFY(!messages.empty()); // always at least one
        QCOMPARE(messages.back()[u"reactions"].toObject().size(), size_t(reactors > 0 ? 6 : 0));
        QCOMPARE(messages.back()[u"replyTo"].isObject(), excerpt > 0);
        QCOMPARE(keepNewest ? messages.back()[u"id"].toInteger()
                            : messages.front()[u"id"].toInteger(),
                 edgeId);
        if (messages.size() > 1)
            QVERIFY2(sizeOf(payload) <= budget,
                     qPrintable(u"%1 bytes for a budget of %2"_s.arg(sizeOf(payload)).arg(budget)));
        if (!tight)
            return;
        // The budget was what stopped it: with one more message the payload would not fit.
        QList<ChatMessage> more;
        const qint64 first = messages.front()[u"id"].toInteger();
        const qint64 last = messages.back()[u"id"].toInteger();
        for (qint64 id = keepNewest ? first - 1 : first; id <= (keepNewest ? last : last + 1); ++id)
            more.append(*m_history.find(id));
        decorate(more);
        QVERIFY(sizeOf(remake(more)) > budget);
    };
    // A newcomer, a reconnecting page (the newest that fit), history requests (the newest, or the
    // oldest after an id).
    check(catchUp.onJoin(object({{u"nickname"_s, JsonValue(u"Bob"_s)}})), true, 50,
          [](const QList<ChatMessage> &l) { return Payloads::history(l, false, true); });
    const JsonValue missed = catchUp.onJoin(object({{u"lastId"_s, JsonValue(qint64(0))}}));
    check(missed, true, 50,
          [](const QList<ChatMessage> &l) { return Payloads::history(l, true, false); });
    QVERIFY(!missed[u"complete"].toBool(true));
    auto m = makeMember(u"s1"_s, u"u1"_s, u"Ann"_s);
    check(catchUp.answer(*m, JsonValue()), true, 50,
          [](const QList<ChatMessage> &l) { return Payloads::historyAck(l); });
    const JsonValue after = catchUp.answer(*m, object({{u"afterId"_s, JsonValue(qint64(10))}}));
    check(after, false, 11,
          [](const QList<ChatMessage> &l) { return Payloads::historyAck(l, false); });
    QVERIFY(!after[u"complete"].toBool(true)); // more is newer: ask again
}

void TestCatchUp::requestsAreRated()
{
    FakeClock clock;
    ChatOptions options;
    CatchUp catchUp(&m_history, options, clock.clock());
    auto m = makeMember(u"s1"_s, u"u1"_s, u"Ann"_s);
    m->historyRequests = RateLimiter(2, 10000);
    QVERIFY(!catchUp.admit(*m));
    // One answer at a time.
    auto r = catchUp.admit(*m);
    QVERIFY(r);
    QCOMPARE(r->code, errorCodeName(ErrorCode::RateLimited));
    QCOMPARE(r->retryAfterMs, 100);
    QVERIFY(!r->tellHost);
    catchUp.answer(*m, JsonValue());
    QVERIFY(!catchUp.admit(*m));
    catchUp.answer(*m, JsonValue());
    // Then the rate: two per ten seconds.
    r = catchUp.admit(*m);
    QVERIFY(r);
    QCOMPARE(r->retryAfterMs, 5000);
    clock.now += 5000;
    QVERIFY(!catchUp.admit(*m));
}

void TestCatchUp::answers_data()
{
    QTest::addColumn<JsonValue>("request");
    QTest::addColumn<int>("count");
    QTest::addColumn<qint64>("lastId");
    QTest::addColumn<int>("complete"); // -1: not said
    QTest::newRow("recent") << JsonValue() << 7 << 50LL << -1;
    QTest::newRow("recent 3") << object({{u"limit"_s, JsonValue(qint64(3))}}) << 3 << 50LL << -1;
    QTest::newRow("after 40") << object({{u"afterId"_s, JsonValue(qint64(40))}}) << 10 << 50LL << 1;
    QTest::newRow("after 40, 4") << object(
            {{u"afterId"_s, JsonValue(qint64(40))}, {u"limit"_s, JsonValue(qint64(4))}})
                                 << 4 << 44LL << 0;
    QTest::newRow("limit clamped")
            << object({{u"afterId"_s, JsonValue(qint64(0))}, {u"limit"_s, JsonValue(qint64(-5))}})
            << 1 << 1LL << 0;
}

void TestCatchUp::answers()
{
    QFETCH(JsonValue, request);
    QFETCH(int, count);
    QFETCH(qint64, lastId);
    QFETCH(int, complete);
    ChatOptions options;
    options.historyOnJoin = 7;
    CatchUp catchUp(&m_history, options);
    auto m = makeMember(u"s1"_s, u"u1"_s, u"Ann"_s);
    QVERIFY(!catchUp.admit(*m));
    const JsonValue ack = catchUp.answer(*m, request);
    QVERIFY(!m->historyPending);
    QVERIFY(ack[u"ok"].toBool());
    const auto &messages = ack[u"messages"].toArray();
    QCOMPARE(int(messages.size()), count);
    QCOMPARE(messages.back()[u"id"].toInteger(), lastId);
    QCOMPARE(ack.contains(u"complete"), complete >= 0);
    if (complete >= 0)
        QCOMPARE(ack[u"complete"].toBool(), complete == 1);
}

QTEST_GUILESS_MAIN(TestCatchUp)
#include "tst_catchup.moc"
