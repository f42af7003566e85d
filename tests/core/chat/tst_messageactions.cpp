// Replies, reactions and edits/deletions of one's own messages (MessageActions over HistoryStore
// and MessageExtras), on a fake clock: in memory and in SQLite.
#include "chat/chatoptions.h"
#include "chat/historystore.h"
#include "chat/messageactions.h"
#include "chat/messageextras.h"
#include "chat/messagepolicy.h"
#include "chat/storageproblems.h"
#include "fakemember.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ChatHost::Chat;
using namespace ChatHost::Chat::Testing;
using ChatHost::Json::JsonValue;
using namespace Qt::StringLiterals;

namespace {

const QString kThumbs = QString::fromUtf8("\xF0\x9F\x91\x8D");
const QString kHeart = QString::fromUtf8("\xE2\x9D\xA4\xEF\xB8\x8F");

// One chat's worth of parts; persistent: history and extras in an SQLite file.
struct Chat
{
    explicit Chat(const QString &dbPath = {})
    {
        options.rateCount = 0; // no message rate unless a test sets one
        if (!dbPath.isEmpty()) {
            history.open(dbPath);
            extras.open(dbPath);
        }
    }
    ChatMessage post(const QString &text, const Member &author,
                     ChatMessage::Kind kind = ChatMessage::Kind::User)
    {
        ChatMessage m;
        m.kind = kind;
        m.author = author.user.nickname;
        m.authorId = kind == ChatMessage::Kind::User ? author.user.userId : QString();
        m.text = text;
        m.timestamp = clock.now;
        history.append(m);
        return m;
    }
    ChatMessage read(qint64 id)
    {
        QList<ChatMessage> list{history.find(id).value_or(ChatMessage{})};
        actions.decorate(list);
        return list.constFirst();
    }
    JsonValue reaction(qint64 id, const QString &emoji, bool on)
    {
        return JsonValue(
                JsonValue::Object{{u"id"_s, JsonValue(id)}, {u"emoji"_s, emoji}, {u"on"_s, on}});
    }
    static JsonValue request(qint64 id, const QString &text = {})
    {
        JsonValue r(JsonValue::Object{{u"id"_s, JsonValue(id)}});
        if (!text.isNull())
            r.insert(u"text"_s, text);
        return r;
    }

    FakeClock clock;
    ChatOptions options;
    HistoryStore history;
    MessageExtras extras;
    StorageProblems problems;
    MessagePolicy policy{options, clock.clock()};
    MessageActions actions{&history, &extras, options, policy, problems, clock.clock()};
};

} // namespace

class TestMessageActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void excerpt_data();
    void excerpt();
    void reactionsToggleAndCount_data();
    void reactionsToggleAndCount();
    void reactionRefusals();
    void reactionBudget();
    void editWithinAndAfterTheWindow();
    void editMeetsTheMessageRules();
    void editWindowOff();
    void deleteOwn();
    void replies();
    void repliesToDeletedOriginals();
    void replyExcerptFollowsAnEdit();
    void survivesARestart();
};

void TestMessageActions::excerpt_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("excerpt");
    QTest::newRow("short") << u"hello"_s << u"hello"_s;
    QTest::newRow("first line") << u"  one\ntwo"_s << u"one"_s;
    QTest::newRow("carriage return") << u"one\r\ntwo"_s << u"one"_s;
    QTest::newRow("long") << QString(300, u'a') << QString(120, u'a');
    // 120 code points of two UTF-16 units each: never half a pair.
    QString emojis;
    for (int i = 0; i < 130; ++i)
        emojis += kThumbs;
    QTest::newRow("emoji") << emojis << emojis.left(240);
    QTest::newRow("html stays text") << u"<b>x</b>"_s << u"<b>x</b>"_s;
}

void TestMessageActions::excerpt()
{
    QFETCH(QString, text);
    QFETCH(QString, excerpt);
    QCOMPARE(MessageActions::excerpt(text), excerpt);
}

void TestMessageActions::reactionsToggleAndCount_data()
{
    QTest::addColumn<bool>("persistent");
    QTest::newRow("memory") << false;
    QTest::newRow("sqlite") << true;
}

void TestMessageActions::reactionsToggleAndCount()
{
    QFETCH(bool, persistent);
    QTemporaryDir dir;
    Chat chat(persistent ? dir.filePath(u"h.sqlite"_s) : QString());
    QCOMPARE(chat.history.isPersistent(), persistent);
    QCOMPARE(chat.extras.isPersistent(), persistent);
    const auto ann = makeMember(u"s1"_s, u"id-ann"_s, u"Ann"_s);
    const auto bob = makeMember(u"s2"_s, u"id-bob"_s, u"Bob"_s);
    const ChatMessage m = chat.post(u"hi"_s, *ann);

    MessageActions::Reaction r = chat.actions.react(*ann, chat.reaction(m.id, kThumbs, true));
    QVERIFY(!r.refusal);
    QVERIFY(r.changed);
    QCOMPARE(r.count, 1);
    r = chat.actions.react(*bob, chat.reaction(m.id, kThumbs, true));
    QCOMPARE(r.count, 2);
    // Idempotent: the same again changes nothing.
    r = chat.actions.react(*bob, chat.reaction(m.id, kThumbs, true));
    QVERIFY(!r.refusal);
    QVERIFY(!r.changed);
    QCOMPARE(r.count, 2);
    r = chat.actions.react(*bob, chat.reaction(m.id, kHeart, true));
    QCOMPARE(r.count, 1);
    r = chat.actions.react(*ann, chat.reaction(m.id, kThumbs, false));
    QVERIFY(r.changed);
    QVERIFY(!r.on);
    QCOMPARE(r.count, 1);
    r = chat.actions.react(*ann, chat.reaction(m.id, kThumbs, false));
    QVERIFY(!r.changed);

    const ChatMessage read = chat.read(m.id);
    QCOMPARE(read.reactions.size(), 2);
    QCOMPARE(read.reactions.at(0).first, kThumbs); // the set's order
    QCOMPARE(read.reactions.at(0).second, QStringList{u"id-bob"_s});
    QCOMPARE(read.reactions.at(1).first, kHeart);
    QCOMPARE(read.toJson()[u"reactions"][kThumbs].toArray().size(), size_t(1));
}

void TestMessageActions::reactionRefusals()
{
    Chat chat;
    const auto ann = makeMember(u"s1"_s, u"id-ann"_s, u"Ann"_s);
    const ChatMessage m = chat.post(u"hi"_s, *ann);
    const ChatMessage notice = chat.post(u"Ann joined"_s, *ann, ChatMessage::Kind::System);
    const auto code = [&](const JsonValue &request) {
        const MessageActions::Reaction r = chat.actions.react(*ann, request);
        return r.refusal ? r.refusal->code : u"ok"_s;
    };
    QCOMPARE(code(chat.reaction(m.id, u"💩"_s, true)), u"bad-reaction"_s);
    QCOMPARE(code(chat.reaction(m.id, u"\u2764"_s, true)), u"bad-reaction"_s); // without FE0F
    QCOMPARE(code(chat.reaction(999, kThumbs, true)), u"no-such-message"_s);
    QCOMPARE(code(chat.reaction(notice.id, kThumbs, true)), u"no-such-message"_s);
    QCOMPARE(code(JsonValue(u"hi"_s)), u"bad-request"_s);
    QCOMPARE(code(JsonValue(JsonValue::Object{{u"id"_s, JsonValue(m.id)}, {u"emoji"_s, kThumbs}})),
             u"bad-request"_s);
    // Invisible (a private message of others): as if it did not exist.
    const MessageActions::Reaction hidden = chat.actions.react(
            *ann, chat.reaction(m.id, kThumbs, true), [](const ChatMessage &) { return false; });
    QCOMPARE(hidden.refusal->code, u"no-such-message"_s);

    ann->user.mutedUntilMs = chat.clock.now + 5000;
    QCOMPARE(code(chat.reaction(m.id, kThumbs, true)), u"muted"_s);
    ann->user.mutedUntilMs = 0;
    chat.options.locked = true;
    QCOMPARE(code(chat.reaction(m.id, kThumbs, true)), u"locked"_s);
    chat.options.locked = false;
    QCOMPARE(code(chat.reaction(m.id, kThumbs, true)), u"ok"_s);

    QVERIFY(chat.history.markDeleted(m.id));
    QCOMPARE(code(chat.reaction(m.id, kThumbs, false)), u"no-such-message"_s);
    QVERIFY(!chat.read(m.id).toJson().contains(u"reactions"));
}

void TestMessageActions::reactionBudget()
{
    Chat chat;
    const auto ann = makeMember(u"s1"_s, u"id-ann"_s, u"Ann"_s);
    const ChatMessage m = chat.post(u"hi"_s, *ann);
    for (int i = 0; i < chat.options.reactionCount; ++i)
        QVERIFY(!chat.actions.react(*ann, chat.reaction(m.id, kThumbs, i % 2 == 0)).refusal);
    MessageActions::Reaction r = chat.actions.react(*ann, chat.reaction(m.id, kThumbs, true));
    QVERIFY(r.refusal);
    QCOMPARE(r.refusal->code, u"rate-limited"_s);
    QVERIFY(r.refusal->retryAfterMs > 0);
    // Kept by user id: a new connection of the same person has the same budget.
    const auto again = makeMember(u"s9"_s, u"id-ann"_s, u"Ann"_s);
    QCOMPARE(chat.actions.react(*again, chat.reaction(m.id, kThumbs, true)).refusal->code,
             u"rate-limited"_s);
    chat.clock.now += chat.options.reactionPeriodMs;
    QVERIFY(!chat.actions.react(*ann, chat.reaction(m.id, kThumbs, true)).refusal);
}

void TestMessageActions::editWithinAndAfterTheWindow()
{
    Chat chat;
    chat.options.editWindowSeconds = 60;
    const auto ann = makeMember(u"s1"_s, u"id-ann"_s, u"Ann"_s);
    const auto bob = makeMember(u"s2"_s, u"id-bob"_s, u"Bob"_s);
    const ChatMessage m = chat.post(u"tpyo"_s, *ann);
    chat.clock.now += 59'000;
    const MessageActions::Edit e = chat.actions.edit(*ann, Chat::request(m.id, u"typo"_s));
    QVERIFY(!e.refusal);
    QCOMPARE(e.text, u"typo"_s);
    QCOMPARE(e.edited, chat.clock.now);
    const ChatMessage read = chat.read(m.id);
    QCOMPARE(read.text, u"typo"_s);
    QCOMPARE(read.edited, chat.clock.now);
    QCOMPARE(read.toJson()[u"edited"].toInteger(), chat.clock.now);

    QCOMPARE(chat.actions.edit(*bob, Chat::request(m.id, u"x"_s)).refusal->code, u"not-yours"_s);
    QCOMPARE(chat.actions.deleteOwn(*bob, Chat::request(m.id)).refusal->code, u"not-yours"_s);
    QCOMPARE(chat.actions.edit(*ann, Chat::request(12345, u"x"_s)).refusal->code,
             u"no-such-message"_s);
    QCOMPARE(chat.actions.edit(*ann, JsonValue(u"x"_s)).refusal->code, u"bad-request"_s);
    chat.clock.now += 1'001;
    QCOMPARE(chat.actions.edit(*ann, Chat::request(m.id, u"late"_s)).refusal->code,
             u"edit-window-over"_s);
    QCOMPARE(chat.actions.deleteOwn(*ann, Chat::request(m.id)).refusal->code,
             u"edit-window-over"_s);
    QCOMPARE(chat.read(m.id).text, u"typo"_s);

    // Announcements are nobody's own.
    const ChatMessage host = chat.post(u"welcome"_s, *ann, ChatMessage::Kind::Host);
    QCOMPARE(chat.actions.edit(*ann, Chat::request(host.id, u"x"_s)).refusal->code, u"not-yours"_s);
}

void TestMessageActions::editMeetsTheMessageRules()
{
    Chat chat;
    chat.options.maxMessageLength = 5;
    chat.options.rateCount = 2;
    chat.options.ratePeriodMs = 10000;
    const auto ann = makeMember(u"s1"_s, u"id-ann"_s, u"Ann"_s);
    ann->limiter = RateLimiter(2, 10000);
    const ChatMessage m = chat.post(u"hi"_s, *ann);
    QCOMPARE(chat.actions.edit(*ann, Chat::request(m.id, u"toolong"_s)).refusal->code,
             u"too-long"_s);
    QCOMPARE(chat.actions.edit(*ann, Chat::request(m.id, u" "_s)).refusal->code, u"empty"_s);
    QCOMPARE(chat.actions.edit(*ann, Chat::request(m.id)).refusal->code, u"not-text"_s);
    chat.options.locked = true;
    QCOMPARE(chat.actions.edit(*ann, Chat::request(m.id, u"a"_s)).refusal->code, u"locked"_s);
    chat.options.locked = false;
    ann->user.mutedUntilMs = ChatUser::kForever;
    QCOMPARE(chat.actions.edit(*ann, Chat::request(m.id, u"a"_s)).refusal->code, u"muted"_s);
    ann->user.mutedUntilMs = 0;
    // Edits spend the message budget.
    QVERIFY(!chat.actions.edit(*ann, Chat::request(m.id, u"a"_s)).refusal);
    QVERIFY(!chat.actions.edit(*ann, Chat::request(m.id, u"b"_s)).refusal);
    QCOMPARE(chat.actions.edit(*ann, Chat::request(m.id, u"c"_s)).refusal->code, u"rate-limited"_s);
    QCOMPARE(chat.read(m.id).text, u"b"_s);
}

void TestMessageActions::editWindowOff()
{
    Chat chat;
    chat.options.editWindowSeconds = 0;
    const auto ann = makeMember(u"s1"_s, u"id-ann"_s, u"Ann"_s);
    const ChatMessage m = chat.post(u"hi"_s, *ann);
    QCOMPARE(chat.actions.edit(*ann, Chat::request(m.id, u"x"_s)).refusal->code,
             u"edit-window-over"_s);
    QCOMPARE(chat.actions.deleteOwn(*ann, Chat::request(m.id)).refusal->code,
             u"edit-window-over"_s);
}

void TestMessageActions::deleteOwn()
{
    Chat chat;
    const auto ann = makeMember(u"s1"_s, u"id-ann"_s, u"Ann"_s);
    const ChatMessage m = chat.post(u"oops"_s, *ann);
    const MessageActions::Deletion d = chat.actions.deleteOwn(*ann, Chat::request(m.id));
    QVERIFY(!d.refusal);
    QCOMPARE(d.id, m.id);
    QVERIFY(chat.history.find(m.id)->deleted);
    QCOMPARE(chat.actions.deleteOwn(*ann, Chat::request(m.id)).refusal->code, u"no-such-message"_s);
    QCOMPARE(chat.actions.edit(*ann, Chat::request(m.id, u"x"_s)).refusal->code,
             u"no-such-message"_s);
}

void TestMessageActions::replies()
{
    Chat chat;
    const auto ann = makeMember(u"s1"_s, u"id-ann"_s, u"Ann"_s);
    const ChatMessage m = chat.post(u"first line\nsecond"_s, *ann);
    const ChatMessage notice = chat.post(u"Ann joined"_s, *ann, ChatMessage::Kind::System);
    MessageActions::Reply r = chat.actions.replyFromOptions(
            JsonValue(JsonValue::Object{{u"replyTo"_s, JsonValue(m.id)}}));
    QVERIFY(!r.refusal);
    QCOMPARE(r.ref.id, m.id);
    QCOMPARE(r.ref.author, u"Ann"_s);
    QCOMPARE(r.ref.authorId, u"id-ann"_s);
    QCOMPARE(r.ref.excerpt, u"first line"_s);
    // No second argument, or one a plain client sends: no reply, no refusal.
    QVERIFY(!chat.actions.replyFromOptions(JsonValue()).ref.isValid());
    QVERIFY(!chat.actions.replyFromOptions(JsonValue(u"x"_s)).refusal);
    QVERIFY(!chat.actions.replyFromOptions(JsonValue(JsonValue::Object{})).refusal);
    QCOMPARE(chat.actions.resolveReply(JsonValue(999)).refusal->code, u"no-such-message"_s);
    QCOMPARE(chat.actions.resolveReply(JsonValue(notice.id)).refusal->code, u"no-such-message"_s);
    QCOMPARE(chat.actions.resolveReply(JsonValue(u"1"_s)).refusal->code, u"bad-request"_s);
    QCOMPARE(chat.actions.resolveReply(JsonValue(m.id), [](const ChatMessage &) { return false; })
                     .refusal->code,
             u"no-such-message"_s);
}

void TestMessageActions::repliesToDeletedOriginals()
{
    Chat chat;
    const auto ann = makeMember(u"s1"_s, u"id-ann"_s, u"Ann"_s);
    const ChatMessage original = chat.post(u"original"_s, *ann);
    const ReplyRef ref = chat.actions.resolveReply(JsonValue(original.id)).ref;
    ChatMessage reply = chat.post(u"answer"_s, *ann);
    chat.actions.storeReply(reply.id, ref);
    JsonValue sent = chat.read(reply.id).toJson()[u"replyTo"];
    QCOMPARE(sent[u"excerpt"].toString(), u"original"_s);
    QVERIFY(!sent.contains(u"deleted"));

    QVERIFY(chat.history.markDeleted(original.id));
    sent = chat.read(reply.id).toJson()[u"replyTo"];
    QCOMPARE(sent[u"id"].toInteger(), original.id);
    QCOMPARE(sent[u"author"].toString(), u"Ann"_s);
    QCOMPARE(sent[u"excerpt"].toString(), QString());
    QCOMPARE(sent[u"deleted"].toBool(), true);
    QCOMPARE(chat.actions.resolveReply(JsonValue(original.id)).refusal->code, u"no-such-message"_s);
}

// The original's author edits it (maybe to take something back): replies quote the new text.
void TestMessageActions::replyExcerptFollowsAnEdit()
{
    Chat chat;
    chat.options.editWindowSeconds = 60;
    const auto ann = makeMember(u"s1"_s, u"id-ann"_s, u"Ann"_s);
    const auto bob = makeMember(u"s2"_s, u"id-bob"_s, u"Bob"_s);
    const ChatMessage original = chat.post(u"my phone is 555"_s, *ann);
    const ReplyRef ref = chat.actions.resolveReply(JsonValue(original.id)).ref;
    const ChatMessage reply = chat.post(u"noted"_s, *bob);
    chat.actions.storeReply(reply.id, ref);
    QCOMPARE(chat.read(reply.id).toJson()[u"replyTo"][u"excerpt"].toString(), u"my phone is 555"_s);
    QVERIFY(!chat.actions.edit(*ann, Chat::request(original.id, u"redacted\nsecond line"_s))
                     .refusal);
    const JsonValue sent = chat.read(reply.id).toJson()[u"replyTo"];
    QCOMPARE(sent[u"excerpt"].toString(), u"redacted"_s);
    QVERIFY(!sent.contains(u"deleted"));
}

void TestMessageActions::survivesARestart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"h.sqlite"_s);
    const auto ann = makeMember(u"s1"_s, u"id-ann"_s, u"Ann"_s);
    qint64 replyId = 0;
    qint64 edited = 0;
    {
        Chat chat(path);
        const ChatMessage original = chat.post(u"original"_s, *ann);
        const ChatMessage reply = chat.post(u"answr"_s, *ann);
        replyId = reply.id;
        chat.actions.storeReply(reply.id, chat.actions.resolveReply(JsonValue(original.id)).ref);
        edited = chat.actions.edit(*ann, Chat::request(reply.id, u"answer"_s)).edited;
        QVERIFY(!chat.actions.react(*ann, chat.reaction(reply.id, kHeart, true)).refusal);
    }
    Chat chat(path);
    const ChatMessage read = chat.read(replyId);
    QCOMPARE(read.text, u"answer"_s);
    QCOMPARE(read.edited, edited);
    QCOMPARE(read.replyTo.excerpt, u"original"_s);
    QCOMPARE(read.reactions.size(), 1);
    QCOMPARE(read.reactions.constFirst().second, QStringList{u"id-ann"_s});
}

QTEST_GUILESS_MAIN(TestMessageActions)
#include "tst_messageactions.moc"
