// The window's models checked by QAbstractItemModelTester: people (batched updates), the bounded
// log, and the ban list; and the history export (CSV quoting as a table).
#include "chat/chatservice.h"
#include "chat/historyexport.h"
#include "chat/historystore.h"
#include "chat/moderator.h"
#include "models/banlistmodel.h"
#include "models/logmodel.h"
#include "models/peoplemodel.h"
#include "rawclient.h"
#include "server/hostserver.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ChatHost;
using namespace Qt::StringLiterals;
using Testing::RawClient;

class TestModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void peopleArriveInOneBatch();
    void logIsBoundedAndBatched();
    void rowsNameThePersonByUserId();
    void banList();
    void csvField_data();
    void csvField();
    void exportRoundTrip();

private:
    std::unique_ptr<Chat::HistoryStore> m_history;
    std::unique_ptr<HostServer> m_host;
    std::unique_ptr<Chat::ChatService> m_chat;
};

void TestModels::init()
{
    m_history = std::make_unique<Chat::HistoryStore>(); // memory only
    HostOptions o;
    o.bindAddress = QHostAddress::LocalHost;
    o.port = 0;
    m_host = std::make_unique<HostServer>(o);
    Chat::ChatOptions chatOptions;
    chatOptions.rateCount = 0;
    m_chat = std::make_unique<Chat::ChatService>(m_host->io(), m_history.get(), chatOptions);
    QVERIFY(m_host->start());
}

void TestModels::cleanup()
{
    m_chat.reset();
    m_host.reset();
    m_history.reset();
}

void TestModels::peopleArriveInOneBatch()
{
    Models::PeopleModel people(m_chat.get());
    QAbstractItemModelTester tester(&people,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserts(&people, &QAbstractItemModel::rowsInserted);
    QSignalSpy changes(&people, &QAbstractItemModel::dataChanged);
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 30; ++i)
        clients.push_back(
                std::make_unique<RawClient>(m_host->port(), uR"({"nickname":"p%1"})"_s.arg(i)));
    for (auto &c : clients)
        QVERIFY(c->waitConnected());
    QTRY_COMPARE(people.rowCount(), 30);
    // 30 arrivals within the 100 ms window become very few insertions, not 30.
    QVERIFY2(inserts.size() < 10, qPrintable(QString::number(inserts.size())));
    // Many messages: a handful of dataChanged signals, not one per message.
    const int before = int(changes.size());
    for (int round = 0; round < 5; ++round) {
        for (auto &c : clients)
            c->emitEvent(u"chat message"_s, uR"("x")"_s);
    }
    QTRY_VERIFY([&] {
        int total = 0;
        for (int r = 0; r < people.rowCount(); ++r)
            total += people.index(r, Models::PeopleModel::Messages).data().toInt();
        return total == 150;
    }());
    QVERIFY2(changes.size() - before < 30, qPrintable(QString::number(changes.size() - before)));
    // Sorting data is numeric.
    QCOMPARE(people.index(0, Models::PeopleModel::Messages)
                     .data(Models::PeopleModel::SortRole)
                     .toInt(),
             5);
    clients.clear();
    QTRY_COMPARE(people.rowCount(), 0);
}

void TestModels::rowsNameThePersonByUserId()
{
    // The window acts on the person a row shows by their public user id: it stays through a
    // rename, is the author id of their messages in the log, and is what the moderator takes.
    Models::PeopleModel people(m_chat.get());
    Models::LogModel log(m_chat.get());
    QAbstractItemModelTester tester(&people,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    RawClient ann(m_host->port(), uR"({"nickname":"Ann"})"_s);
    RawClient bob(m_host->port(), uR"({"nickname":"Bob"})"_s);
    QVERIFY(ann.waitConnected());
    QVERIFY(bob.waitConnected());
    const auto welcome = ann.waitFor(u"welcome"_s);
    QVERIFY(welcome);
    const QString annId = welcome->args.front()[u"userId"].toString();
    QVERIFY(!annId.isEmpty());
    QTRY_COMPARE(people.rowCount(), 2);
    const auto rowOf = [&](const QString &userId) {
        for (int r = 0; r < people.rowCount(); ++r) {
            if (people.index(r, 0).data(Models::PeopleModel::UserIdRole).toString() == userId)
                return r;
        }
        return -1;
    };
    const int row = rowOf(annId);
    QVERIFY(row >= 0);
    QCOMPARE(people.index(row, Models::PeopleModel::Nickname).data().toString(), u"Ann"_s);
    // Both from 127.0.0.1: the roster's one count.
    QCOMPARE(people.index(row, 0).data(Models::PeopleModel::AddressCountRole).toInt(), 2);
    QCOMPARE(people.connectionsFrom(u"127.0.0.1"_s), 2);

    // Renamed to what Bob was called before: the id, not the name, finds her.
    QVERIFY(ann.call(u"set nickname"_s, uR"("Bobby")"_s));
    QVERIFY(bob.call(u"set nickname"_s, uR"("Robert")"_s));
    QVERIFY(ann.call(u"chat message"_s, uR"("hello")"_s));
    people.flush();
    QCOMPARE(people.index(rowOf(annId), Models::PeopleModel::Nickname).data().toString(),
             u"Bobby"_s);
    log.flush();
    QTRY_VERIFY([&] {
        log.flush();
        for (int r = 0; r < log.rowCount(); ++r) {
            const QModelIndex i = log.index(r, 0);
            if (i.data(Models::LogModel::AuthorIdRole).toString() == annId
                && log.index(r, Models::LogModel::Text).data().toString() == u"hello")
                return true;
        }
        return false;
    }());

    // The moderator takes the row's id.
    const QString id
            = people.index(rowOf(annId), 0).data(Models::PeopleModel::UserIdRole).toString();
    QVERIFY(m_chat->moderator()->mute(id, 60000));
    QVERIFY(ann.waitFor(u"muted"_s));
    QVERIFY(!bob.received(u"muted"_s));
    people.flush();
    QVERIFY(people.index(rowOf(annId), 0).data(Models::PeopleModel::MutedRole).toBool());
    QVERIFY(m_chat->userById(annId)->isMuted(QDateTime::currentMSecsSinceEpoch()));
}

void TestModels::logIsBoundedAndBatched()
{
    Models::LogModel log(nullptr, 100);
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserts(&log, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 250; ++i)
        log.append({1000 + i,
                    Models::LogModel::Kind::Message,
                    u"a"_s,
                    u"m%1"_s.arg(i),
                    i + 1,
                    false,
                    {}});
    QTRY_COMPARE(log.rowCount(), 100);
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(log.index(0, Models::LogModel::Text).data().toString(), u"m150"_s);
    QCOMPARE(log.index(99, Models::LogModel::Text).data().toString(), u"m249"_s);
    for (int i = 0; i < 30; ++i)
        log.append({2000 + i,
                    Models::LogModel::Kind::Notice,
                    QString(),
                    u"n%1"_s.arg(i),
                    0,
                    false,
                    {}});
    log.flush();
    QCOMPARE(log.rowCount(), 100);
    QCOMPARE(log.index(99, Models::LogModel::Text).data().toString(), u"n29"_s);
    QCOMPARE(log.index(99, Models::LogModel::KindColumn).data().toString(), u"notice"_s);
    // User text is never offered as a tooltip (Qt would guess it to be rich text).
    QVERIFY(!log.index(99, Models::LogModel::Text).data(Qt::ToolTipRole).isValid());
}

void TestModels::banList()
{
    Models::BanListModel bans(m_chat.get());
    QAbstractItemModelTester tester(&bans, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(bans.rowCount(), 0);
    const auto b = m_chat->moderator()->ban(Moderation::Ban::Kind::Nickname, u"Troll"_s, 3600000,
                                            u"spam"_s);
    QCOMPARE(bans.rowCount(), 1);
    QCOMPARE(bans.index(0, Models::BanListModel::Value).data().toString(), u"Troll"_s);
    QCOMPARE(bans.index(0, Models::BanListModel::Reason).data().toString(), u"spam"_s);
    QCOMPARE(bans.banIdAt(0), b.id);
    m_chat->moderator()->ban(Moderation::Ban::Kind::Address, u"::ffff:192.0.2.1"_s, 0, QString());
    QCOMPARE(bans.rowCount(), 2);
    QCOMPARE(bans.index(1, Models::BanListModel::Value).data().toString(), u"192.0.2.1"_s);
    QCOMPARE(bans.index(1, Models::BanListModel::Until).data().toString(), u"permanent"_s);
    QVERIFY(m_chat->moderator()->liftBan(b.id));
    QCOMPARE(bans.rowCount(), 1);
}

void TestModels::csvField_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("field");
    QTest::newRow("plain") << u"hello"_s << u"hello"_s;
    QTest::newRow("comma") << u"a,b"_s << u"\"a,b\""_s;
    QTest::newRow("quote") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
    QTest::newRow("newline") << u"a\nb"_s << u"\"a\nb\""_s;
    QTest::newRow("formula") << u"=1+1"_s << u"\"'=1+1\""_s;
    QTest::newRow("at") << u"@SUM(A1)"_s << u"\"'@SUM(A1)\""_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestModels::csvField()
{
    QFETCH(QString, value);
    QFETCH(QString, field);
    QCOMPARE(Chat::csvField(value), field);
}

void TestModels::exportRoundTrip()
{
    QTemporaryDir dir;
    Chat::ChatMessage m;
    m.id = 7;
    m.timestamp = 1700000000000;
    m.author = u"Ann, \"the\" host"_s;
    m.text = u"line 1\nline 2 ✓"_s;
    Moderation::AuditEntry a{1, 1700000001000, u"kick"_s, u"Bob"_s, u"loud"_s};
    const QString json = dir.filePath(u"h.json"_s);
    QVERIFY(Chat::exportHistory({m}, {a}, Chat::ExportFormat::Json, json));
    QFile jf(json);
    QVERIFY(jf.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(jf.readAll()).object();
    QCOMPARE(root[u"messages"_s][0][u"text"_s].toString(), m.text);
    QCOMPARE(root[u"messages"_s][0][u"time"_s].toString(), u"2023-11-14T22:13:20.000Z"_s);
    QCOMPARE(root[u"moderation"_s][0][u"action"_s].toString(), u"kick"_s);
    const QString csv = dir.filePath(u"h.csv"_s);
    QVERIFY(Chat::exportHistory({m}, {a}, Chat::ExportFormat::Csv, csv));
    QFile cf(csv);
    QVERIFY(cf.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(cf.readAll());
    QVERIFY(text.startsWith(u"id,time,kind,author,text,deleted\r\n"_s));
    QVERIFY(text.contains(
            u"7,2023-11-14T22:13:20.000Z,user,\"Ann, \"\"the\"\" host\",\"line 1\nline 2 ✓\",false\r\n"_s));
    QVERIFY(text.contains(u"moderation:kick,Bob,loud"_s));
    // The host's export holds private messages, marked private.
    Chat::ChatMessage p = m;
    p.id = 8;
    p.author = u"Ann"_s;
    p.text = u"psst"_s;
    p.recipientId = u"id-bob"_s;
    p.recipientName = u"Bob"_s;
    QVERIFY(Chat::exportHistory({m, p}, {}, Chat::ExportFormat::Json, json));
    QFile pj(json);
    QVERIFY(pj.open(QIODevice::ReadOnly));
    const QJsonArray exported
            = QJsonDocument::fromJson(pj.readAll()).object()[u"messages"_s].toArray();
    QVERIFY(!exported[0].toObject().contains(u"private"_s));
    QVERIFY(exported[1][u"private"_s].toBool());
    QCOMPARE(exported[1][u"to"_s][u"nickname"_s].toString(), u"Bob"_s);
    QCOMPARE(exported[1][u"to"_s][u"userId"_s].toString(), u"id-bob"_s);
    QVERIFY(Chat::exportHistory({p}, {}, Chat::ExportFormat::Csv, csv));
    QFile pc(csv);
    QVERIFY(pc.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(pc.readAll()).contains(u",private:user,Ann → Bob,psst,false\r\n"_s));
    QString error;
    QVERIFY(!Chat::exportHistory({m}, {}, Chat::ExportFormat::Csv, u"/nonexistent-dir/x.csv"_s,
                                 &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
