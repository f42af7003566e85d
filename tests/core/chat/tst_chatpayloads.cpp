// The chat's payloads (chatpayloads.h) against docs/chat-protocol.md: each payload has exactly the
// fields the document lists for it (the document's `{a, b: {c}, d?}` notation is parsed here),
// and the document's refusal codes are exactly the server's.
#include "chat/chatmessage.h"
#include "chat/chatpayloads.h"
#include "chat/chatservice.h"
#include "chat/nicknameerrors.h"
#include "rules/nickname.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

Q_DECLARE_METATYPE(ChatHost::Json::JsonValue)

using namespace ChatHost;
using namespace ChatHost::Chat;
using Json::JsonValue;
using namespace Qt::StringLiterals;

namespace {

QString readSource(const QString &relativePath)
{
    QFile f(QStringLiteral(CHATHOST_SOURCE_DIR "/") + relativePath);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

// A field list of the document: `{nickname, users: [{nickname, joinedAt}], ok: true, x?}`.
struct Shape
{
    enum class Kind { Any, Object, Array, Literal } kind = Kind::Any;
    struct Field
    {
        QString key;
        bool optional = false;
        std::shared_ptr<Shape> value;
    };
    QList<Field> fields; // Object
    std::shared_ptr<Shape> element; // Array
    QString literal; // Literal (true, false)
};

class ShapeParser
{
public:
    explicit ShapeParser(const QString &text)
        : m_text(text)
    { }
    std::shared_ptr<Shape> parse()
    {
        auto shape = value();
        skipSpace();
        if (m_pos != m_text.size())
            m_error = u"trailing text at %1"_s.arg(m_pos);
        return shape;
    }
    QString error() const { return m_error; }

private:
    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }
    bool take(QChar c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    QString word()
    {
        skipSpace();
        const qsizetype start = m_pos;
        while (m_pos < m_text.size()
               && (m_text.at(m_pos).isLetterOrNumber() || m_text.at(m_pos) == u'.'
                   || m_text.at(m_pos) == u'?' || m_text.at(m_pos) == u'_'))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    std::shared_ptr<Shape> value()
    {
        auto shape = std::make_shared<Shape>();
        if (take(u'{')) {
            shape->kind = Shape::Kind::Object;
            while (!take(u'}')) {
                if (m_pos >= m_text.size() || !m_error.isEmpty()) {
                    m_error = u"unterminated object"_s;
                    return shape;
                }
                Shape::Field field;
                field.key = word();
                if (field.key.isEmpty()) {
                    m_error = u"no key at %1"_s.arg(m_pos);
                    return shape;
                }
                if (field.key.endsWith(u'?')) {
                    field.optional = true;
                    field.key.chop(1);
                }
                field.value = take(u':') ? value() : std::make_shared<Shape>();
                shape->fields.append(field);
                take(u',');
            }
        } else if (take(u'[')) {
            shape->kind = Shape::Kind::Array;
            shape->element = value();
            if (!take(u']'))
                m_error = u"unterminated array"_s;
        } else {
            const QString w = word();
            if (w == u"true" || w == u"false") {
                shape->kind = Shape::Kind::Literal;
                shape->literal = w;
            }
        }
        return shape;
    }

    QString m_text;
    qsizetype m_pos = 0;
    QString m_error;
};

// Why value does not have the shape (empty: it has).
QString mismatch(const Shape &shape, const JsonValue &value, const QString &path)
{
    switch (shape.kind) {
    case Shape::Kind::Any: return {};
    case Shape::Kind::Literal:
        return value.isBool() && value.toBool() == (shape.literal == u"true")
                ? QString()
                : path + u": not "_s + shape.literal;
    case Shape::Kind::Array: {
        if (!value.isArray())
            return path + u": not an array"_s;
        if (value.toArray().empty())
            return path + u": empty in the sample, cannot check"_s;
        for (const JsonValue &e : value.toArray()) {
            const QString m = mismatch(*shape.element, e, path + u"[]"_s);
            if (!m.isEmpty())
                return m;
        }
        return {};
    }
    case Shape::Kind::Object: {
        if (!value.isObject())
            return path + u": not an object"_s;
        QStringList keys;
        for (const auto &member : value.toObject())
            keys.append(member.first);
        for (const Shape::Field &f : shape.fields) {
            if (!keys.contains(f.key)) {
                if (!f.optional)
                    return path + u": missing "_s + f.key;
                continue;
            }
            keys.removeAll(f.key);
            const QString m = mismatch(*f.value, value[f.key], path + u'.' + f.key);
            if (!m.isEmpty())
                return m;
        }
        if (!keys.isEmpty())
            return path + u": not in the document: "_s + keys.join(u", "_s);
        return {};
    }
    }
    return {};
}

// The index-th top-level `{...}` in backticks on the document's first line that starts with
// linePrefix and has one.
QString documentedShape(const QString &document, const QString &linePrefix, int index)
{
    const QStringList lines = document.split(u'\n');
    for (const QString &line : lines) {
        if (!line.startsWith(linePrefix) || !line.contains(u"`{"_s))
            continue;
        QStringList found;
        static const QRegularExpression code(u"`(\\{[^`]*\\})`"_s);
        for (auto it = code.globalMatch(line); it.hasNext();)
            found.append(it.next().captured(1));
        return found.value(index);
    }
    return {};
}

ChatMessage sampleMessage(qint64 id, bool deleted)
{
    ChatMessage m;
    m.id = id;
    m.timestamp = 1700000000000 + id;
    m.author = u"Ann"_s;
    m.text = deleted ? QString() : u"hello"_s;
    m.deleted = deleted;
    return m;
}

// A reply to a deleted message, edited, with reactions: every optional field of issue 13.
ChatMessage sampleReply()
{
    ChatMessage m = sampleMessage(3, false);
    m.authorId = u"id-ann"_s;
    m.replyTo = ReplyRef{1, u"Bob"_s, u"id-bob"_s, u"hi"_s, true};
    m.edited = 1700000000100;
    m.reactions = {{QString::fromUtf8("\xF0\x9F\x91\x8D"), {u"id-bob"_s}}};
    return m;
}

} // namespace

class TestChatPayloads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void matchesTheDocument_data();
    void matchesTheDocument();
    void welcomeCarriesTheRoomRules();
    void bigRoomPresenceSaysHowManyMore();
    void refusalCodesMatchTheDocument();
    void everyRefusalGoesThroughTheCodeList();

private:
    QString m_document;
};

void TestChatPayloads::initTestCase()
{
    m_document = readSource(u"docs/chat-protocol.md"_s);
    QVERIFY(!m_document.isEmpty());
}

void TestChatPayloads::matchesTheDocument_data()
{
    QTest::addColumn<QString>("linePrefix"); // where the document lists the fields
    QTest::addColumn<int>("index"); // which `{...}` on that line
    QTest::addColumn<JsonValue>("payload");

    ChatOptions o;
    o.slowModeSeconds = 30;
    o.locked = true;
    JsonValue users(JsonValue::Array{Payloads::person(u"Ann"_s, 1, u"id-ann"_s),
                                     Payloads::person(u"Bob"_s, 2, u"id-bob"_s)});
    const QList<ChatMessage> messages{sampleMessage(1, false), sampleMessage(2, true)};
    const JsonValue error = Payloads::error(u"rate-limited"_s, u"Slow down"_s, 900);

    QTest::newRow("welcome") << u"- `welcome`"_s << 0
                             << Payloads::welcome(u"Ann"_s, u"id-ann"_s, u"token"_s, users, 2, o);
    QTest::newRow("history") << u"- `history`"_s << 0 << Payloads::history(messages, true, false);
    QTest::newRow("room") << u"| `room` |"_s << 0 << Payloads::room(o);
    QTest::newRow("presence") << u"| `presence` |"_s << 0
                              << Payloads::presence(
                                         JsonValue::Array{JsonValue(u"Cy"_s)},
                                         JsonValue::Array{Payloads::person(u"Di"_s, 3, u"id-di"_s)},
                                         2, JsonValue::Array{JsonValue(u"id-cy"_s)});
    QTest::newRow("presence renamed")
            << u"| `presence` |"_s << 1 << Payloads::renamed(u"Ann"_s, u"Anna"_s, u"id-ann"_s);
    QTest::newRow("typing") << u"| `typing` |"_s << 0 << Payloads::typing(u"Ann"_s, true);
    QTest::newRow("message deleted")
            << u"| `message deleted` |"_s << 0 << Payloads::messageDeleted(7);
    QTest::newRow("kicked") << u"| `kicked`"_s << 0 << Payloads::kicked(u"spam"_s);
    QTest::newRow("replaced") << u"| `replaced`"_s << 0 << Payloads::replaced(u"elsewhere"_s);
    QTest::newRow("muted") << u"| `kicked`"_s << 1 << Payloads::muted(123, u"spam"_s);
    QTest::newRow("muted until unmuted") << u"| `kicked`"_s << 1 << Payloads::muted(-1, {});
    QTest::newRow("error with retryAfterMs") << u"`{code, message"_s << 0 << error;
    QTest::newRow("error") << u"`{code, message"_s << 0
                           << Payloads::error(u"empty"_s, u"The message is empty."_s);
    QTest::newRow("connect_error data")
            << u"A refused connection"_s << 1 << Payloads::connectErrorData(u"banned"_s);
    QTest::newRow("connect_error data with retryAfterMs")
            << u"A refused connection"_s << 1
            << Payloads::connectErrorData(u"too-many-attempts"_s, 5000);
    QTest::newRow("chat message ack")
            << u"| `chat message` |"_s << 0 << Payloads::messageAck(5, 1700000000000);
    QTest::newRow("chat message refused")
            << u"| `chat message` |"_s << 1 << Payloads::refusedAck(error);
    QTest::newRow("set nickname ack")
            << u"| `set nickname` |"_s << 0 << Payloads::nicknameAck(u"Ann"_s);
    QTest::newRow("set nickname refused")
            << u"| `set nickname` |"_s << 1 << Payloads::refusedAck(error);
    QTest::newRow("history ack") << u"| `history` |"_s << 1 << Payloads::historyAck(messages);
    QTest::newRow("history ack after an id")
            << u"| `history` |"_s << 1 << Payloads::historyAck(messages, false);
    QTest::newRow("message in history")
            << u"A `message` in `history`"_s << 0 << sampleMessage(1, false).toJson();
    QTest::newRow("chat message metadata")
            << u"| `chat message` | text,"_s << 0 << sampleMessage(1, false).metadata();
    QTest::newRow("reply in history")
            << u"A `message` in `history`"_s << 0 << sampleReply().toJson();
    QTest::newRow("reply metadata")
            << u"| `chat message` | text,"_s << 0 << sampleReply().metadata();
    QTest::newRow("reply reference")
            << u"| `chat message` | text,"_s << 0
            << JsonValue(JsonValue::Object{
                       {u"replyTo"_s, ReplyRef{1, u"Bob"_s, {}, u"hi"_s, false}.toJson()},
                       {u"id"_s, 3},
                       {u"author"_s, u"Ann"_s},
                       {u"timestamp"_s, 1},
                       {u"kind"_s, u"user"_s}});
    QTest::newRow("reaction") << u"| `reaction` |"_s << 0
                              << Payloads::reaction(3, u"x"_s, u"id-bob"_s, true, 1);
    QTest::newRow("message edited")
            << u"| `message edited` |"_s << 0 << Payloads::messageEdited(3, u"hi"_s, 5);
    QTest::newRow("react ack") << u"| `react` |"_s << 1 << Payloads::okAck();
    QTest::newRow("react refused") << u"| `react` |"_s << 2 << Payloads::refusedAck(error);
    QTest::newRow("edit ack") << u"| `edit message` |"_s << 1 << Payloads::editAck(5);
    QTest::newRow("delete ack") << u"| `delete message` |"_s << 1 << Payloads::okAck();
    QTest::newRow("deleted message in history")
            << u"A `message` in `history`"_s << 0 << sampleMessage(2, true).toJson();
    ChatMessage privateOne = sampleMessage(3, false);
    privateOne.authorId = u"id-ann"_s;
    privateOne.recipientId = u"id-bob"_s;
    privateOne.recipientName = u"Bob"_s;
    QTest::newRow("private message in history")
            << u"A `message` in `history`"_s << 0 << privateOne.toJson();
    QTest::newRow("private message metadata")
            << u"| `private message` | text,"_s << 0 << privateOne.metadata();
    QTest::newRow("block ack") << u"| `block` |"_s << 1
                               << Payloads::blockAck({u"id-ann"_s, u"id-bob"_s});
    QTest::newRow("private message ack")
            << u"| `private message` |"_s << 1 << Payloads::messageAck(9, 1700000000000);
}

void TestChatPayloads::matchesTheDocument()
{
    QFETCH(QString, linePrefix);
    QFETCH(int, index);
    QFETCH(JsonValue, payload);
    const QString documented = documentedShape(m_document, linePrefix, index);
    QVERIFY2(!documented.isEmpty(), qPrintable(u"no field list at "_s + linePrefix));
    ShapeParser parser(documented);
    const std::shared_ptr<Shape> shape = parser.parse();
    QVERIFY2(parser.error().isEmpty(), qPrintable(parser.error() + u" in "_s + documented));
    const QString m = mismatch(*shape, payload, u"payload"_s);
    QVERIFY2(m.isEmpty(),
             qPrintable(m + u"\n  document: "_s + documented + u"\n  payload: "_s
                        + payload.toJson()));
}

void TestChatPayloads::welcomeCarriesTheRoomRules()
{
    ChatOptions o;
    o.roomTitle = u"Quiet"_s;
    o.slowModeSeconds = 30;
    o.locked = true;
    const JsonValue welcome
            = Payloads::welcome(u"Ann"_s, u"id"_s, u"t"_s, JsonValue(JsonValue::Array{}), 1, o);
    QCOMPARE(welcome[u"room"], Payloads::room(o)); // the same as the `room` event
    QCOMPARE(welcome[u"room"][u"slowModeSeconds"].toInteger(), 30);
    QCOMPARE(welcome[u"room"][u"locked"].toBool(), true);
}

void TestChatPayloads::bigRoomPresenceSaysHowManyMore()
{
    const JsonValue p = Payloads::presence({}, {}, 500, {}, 3, 4);
    QCOMPARE(p[u"joinedMore"].toInteger(), 3);
    QCOMPARE(p[u"leftMore"].toInteger(), 4);
    QVERIFY(m_document.contains(u"`joinedMore` / `leftMore`"_s));
}

void TestChatPayloads::refusalCodesMatchTheDocument()
{
    const qsizetype start = m_document.indexOf(u"## Refusal codes"_s);
    QVERIFY(start >= 0);
    const qsizetype end = m_document.indexOf(u"\n## "_s, start + 1);
    const QString section = m_document.mid(start, end < 0 ? -1 : end - start);
    QMap<QString, QString> documented; // code -> "sent in" column
    static const QRegularExpression row(u"^\\| `([a-z-]+)` \\| ([^|]+) \\|"_s,
                                        QRegularExpression::MultilineOption);
    for (auto it = row.globalMatch(section); it.hasNext();) {
        const auto m = it.next();
        documented.insert(m.captured(1), m.captured(2).trimmed());
    }
    QStringList server;
    for (const ErrorCodeInfo &info : errorCodes()) {
        const QString name = QLatin1String(info.name);
        server.append(name);
        QVERIFY2(documented.contains(name), qPrintable(name + u" is not in the document"_s));
        QCOMPARE(documented.value(name).contains(u"connect_error"_s), info.onConnect);
        QCOMPARE(errorCodeName(info.code), name);
    }
    for (auto it = documented.cbegin(); it != documented.cend(); ++it)
        QVERIFY2(server.contains(it.key()), qPrintable(it.key() + u" is not sent by the server"_s));
    QCOMPARE(server.size(), documented.size());
    // The nickname rules' codes come from the same list.
    for (NicknameError e :
         {NicknameError::Empty, NicknameError::TooLong, NicknameError::ControlCharacter,
          NicknameError::Reserved, NicknameError::Taken, NicknameError::NotText})
        QVERIFY(server.contains(nicknameErrorCode(e)));
}

void TestChatPayloads::everyRefusalGoesThroughTheCodeList()
{
    // A code written by hand at a call site could drift from the list: every refusal any chat
    // source sends names its code through ErrorCode (or the nickname rules, which do). Every
    // .cpp in core/chat is read (the two that build JSON aside), so a new part is
    // held to it the day it is added.
    const QDir dir(QStringLiteral(CHATHOST_SOURCE_DIR "/core/chat"));
    const QStringList files = dir.entryList({u"*.cpp"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.contains(u"chatservice.cpp"_s));
    static const QRegularExpression call(u"(?<![A-Za-z:.])refusal\\(([^;]*);"_s,
                                         QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression built(u"Refusal\\{([^;]*);"_s,
                                          QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression connectError(u"ConnectError\\{([^;]*);"_s,
                                                 QRegularExpression::DotMatchesEverythingOption);
    int refusals = 0;
    int connectErrors = 0;
    for (const QString &file : files) {
        // chatpayloads.cpp builds the payloads; chatmessage.cpp a message's own JSON (both held
        // against the document above).
        if (file == u"chatpayloads.cpp" || file == u"chatmessage.cpp")
            continue;
        const QString source = readSource(u"core/chat/"_s + file);
        QVERIFY2(!source.isEmpty(), qPrintable(file));
        for (auto it = call.globalMatch(source); it.hasNext();) {
            const QString args = it.next().captured(1);
            ++refusals;
            QVERIFY2(args.contains(u"ErrorCode::"_s),
                     qPrintable(file + u": refusal(" + args.left(120)));
        }
        for (auto it = built.globalMatch(source); it.hasNext();) {
            const QString args = it.next().captured(1);
            ++refusals;
            QVERIFY2(args.contains(u"nicknameErrorCode("_s) || args.contains(u"errorCodeName("_s),
                     qPrintable(file + u": Refusal{" + args.left(120)));
        }
        for (auto it = connectError.globalMatch(source); it.hasNext();) {
            ++connectErrors;
            QVERIFY2(it.next().captured(1).contains(u"Payloads::connectErrorData("_s),
                     qPrintable(file));
        }
        // And no payload is assembled by hand outside chatpayloads.cpp.
        QVERIFY2(!source.contains(u"JsonValue::Object{"_s), qPrintable(file));
    }
    QVERIFY(refusals >= 20);
    QVERIFY(connectErrors >= 1);
}

QTEST_GUILESS_MAIN(TestChatPayloads)
#include "tst_chatpayloads.moc"
