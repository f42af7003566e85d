// The SQLite history: ids, recent and catch-up queries, persistence across reopening, deletion,
// and the in-memory fallback when the database cannot be used.
#include "chat/historystore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ChatHost::Chat;
using namespace Qt::StringLiterals;

namespace {
ChatMessage make(const QString &text, ChatMessage::Kind kind = ChatMessage::Kind::User)
{
    ChatMessage m;
    m.text = text;
    m.author = kind == ChatMessage::Kind::System ? QString() : u"alice"_s;
    m.kind = kind;
    m.timestamp = 1700000000000;
    return m;
}
QStringList texts(const QList<ChatMessage> &list)
{
    QStringList out;
    for (const auto &m : list)
        out.append(m.text);
    return out;
}
} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendAndQuery_data();
    void appendAndQuery();
    void survivesReopen();
    void oneVisibilityRule_data();
    void oneVisibilityRule();
    void catchUpIsExact();
    void markDeleted();
    void unusablePathFallsBackToMemory();
    void damagedFileFallsBackToMemory();
    void writeFailureFallsBackToMemory();
    void deleteFailureFallsBackToMemory();
};

void TestHistoryStore::appendAndQuery_data()
{
    QTest::addColumn<bool>("onDisk");
    QTest::newRow("sqlite") << true;
    QTest::newRow("memory") << false;
}

void TestHistoryStore::appendAndQuery()
{
    QFETCH(bool, onDisk);
    QTemporaryDir dir;
    HistoryStore store;
    if (onDisk)
        QVERIFY(store.open(dir.filePath(u"h.sqlite"_s)));
    QCOMPARE(store.isPersistent(), onDisk);
    qint64 lastId = 0;
    for (int i = 0; i < 10; ++i) {
        ChatMessage m = make(u"m%1"_s.arg(i),
                             i % 3 == 0 ? ChatMessage::Kind::System : ChatMessage::Kind::User);
        QString error;
        store.append(m, &error);
        QVERIFY(error.isEmpty());
        QVERIFY(m.id > lastId);
        lastId = m.id;
    }
    QCOMPARE(store.count(), qint64(10));
    QCOMPARE(store.lastId(), lastId);
    QCOMPARE(texts(store.recent(3)), (QStringList{u"m7"_s, u"m8"_s, u"m9"_s}));
    QCOMPARE(store.recent(100).size(), 10);
    QCOMPARE(store.recent(0).size(), 0);
    const auto all = store.recent(100);
    QCOMPARE(all[0].kind, ChatMessage::Kind::System);
    QCOMPARE(all[1].author, u"alice"_s);
    QCOMPARE(all[1].timestamp, qint64(1700000000000));
    QCOMPARE(texts(store.after(all[6].id, 2)), (QStringList{u"m7"_s, u"m8"_s}));
    QVERIFY(store.after(lastId, 10).isEmpty());
    QVERIFY(store.find(all[4].id).has_value());
    QCOMPARE(store.find(all[4].id)->text, u"m4"_s);
    QVERIFY(!store.find(lastId + 100).has_value());
}

void TestHistoryStore::survivesReopen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"h.sqlite"_s);
    qint64 last = 0;
    {
        HistoryStore store;
        QVERIFY(store.open(path));
        for (int i = 0; i < 5; ++i) {
            ChatMessage m = make(u"keep %1 <b>'\"; DROP TABLE messages; --"_s.arg(i));
            store.append(m);
            last = m.id;
        }
    }
    HistoryStore again;
    QVERIFY(again.open(path));
    QCOMPARE(again.count(), qint64(5));
    QCOMPARE(again.lastId(), last);
    QCOMPARE(again.recent(1).constFirst().text, u"keep 4 <b>'\"; DROP TABLE messages; --"_s);
    ChatMessage next = make(u"next"_s);
    again.append(next);
    QCOMPARE(next.id, last + 1);
}

// Who sees what: the SQL (a database) and the memory store answer exactly what
// ChatMessage::visibleTo() says, for every reader, in recent() and after().
void TestHistoryStore::oneVisibilityRule_data()
{
    QTest::addColumn<bool>("persistent");
    QTest::addColumn<QString>("reader");
    for (const bool persistent : {true, false}) {
        for (const QString &reader : {u"ann"_s, u"bob"_s, u"cy"_s, QString()}) {
            QTest::addRow("%s, reader '%s'", persistent ? "SQLite" : "memory", qPrintable(reader))
                    << persistent << reader;
        }
    }
}

void TestHistoryStore::oneVisibilityRule()
{
    QFETCH(bool, persistent);
    QFETCH(QString, reader);
    QTemporaryDir dir;
    HistoryStore store;
    if (persistent)
        QVERIFY(store.open(dir.filePath(u"h.sqlite"_s)));
    // Room messages, private ones both ways, the host's to one person, a notice.
    struct Row
    {
        QString text, authorId, recipientId;
        ChatMessage::Kind kind;
    };
    const QList<Row> rows{
            {u"room"_s, u"ann"_s, {}, ChatMessage::Kind::User},
            {u"ann to bob"_s, u"ann"_s, u"bob"_s, ChatMessage::Kind::User},
            {u"bob to ann"_s, u"bob"_s, u"ann"_s, ChatMessage::Kind::User},
            {u"host to bob"_s, {}, u"bob"_s, ChatMessage::Kind::Host},
            {u"cy to dan"_s, u"cy"_s, u"dan"_s, ChatMessage::Kind::User},
            {u"notice"_s, {}, {}, ChatMessage::Kind::System},
    };
    QStringList expected;
    for (const Row &r : rows) {
        ChatMessage m = make(r.text, r.kind);
        m.authorId = r.authorId;
        m.recipientId = r.recipientId;
        m.recipientName = r.recipientId;
        store.append(m);
        QCOMPARE(store.isPersistent(), persistent);
        if (m.visibleTo(reader))
            expected << r.text;
    }
    const HistoryReader who = HistoryReader::person(reader);
    QCOMPARE(texts(store.recent(100, -1, 0, who)), expected);
    QCOMPARE(texts(store.after(0, 100, -1, who)), expected);
    // LIMIT counts only what the reader sees: the newest two of theirs.
    QCOMPARE(texts(store.recent(2, -1, 0, who)), expected.mid(expected.size() - 2));
    QCOMPARE(texts(store.after(0, 2, -1, who)), expected.mid(0, 2));
    QCOMPARE(store.recent(100, -1, 0, HistoryReader::host()).size(), rows.size());
}

void TestHistoryStore::catchUpIsExact()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(u"h.sqlite"_s)));
    QList<qint64> ids;
    for (int i = 0; i < 50; ++i) {
        ChatMessage m = make(QString::number(i));
        store.append(m);
        ids.append(m.id);
    }
    // A client that saw id k gets k+1.. exactly once, in order.
    for (int k : {0, 10, 48, 49}) {
        const auto missed = store.after(ids[k], 1000);
        QCOMPARE(missed.size(), 49 - k);
        for (int j = 0; j < missed.size(); ++j)
            QCOMPARE(missed[j].id, ids[k + 1 + j]);
    }
    QCOMPARE(store.after(0, 1000).size(), 50);
}

void TestHistoryStore::markDeleted()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(u"h.sqlite"_s)));
    ChatMessage m = make(u"oops"_s);
    store.append(m);
    QVERIFY(store.markDeleted(m.id));
    QVERIFY(store.find(m.id)->deleted);
    QVERIFY(!store.markDeleted(m.id + 5));
    const auto json = store.find(m.id)->toJson();
    QVERIFY(json[u"text"].isNull()); // a deleted text is never sent again
    QVERIFY(json[u"deleted"].toBool());
}

void TestHistoryStore::unusablePathFallsBackToMemory()
{
    QTemporaryDir dir;
    // A folder where the database file should be: SQLite cannot open it.
    QVERIFY(QDir(dir.path()).mkdir(u"h.sqlite"_s));
    HistoryStore store;
    QString error;
    QVERIFY(!store.open(dir.filePath(u"h.sqlite"_s), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!store.isPersistent());
    ChatMessage m = make(u"still works"_s);
    store.append(m);
    QCOMPARE(m.id, qint64(1));
    QCOMPARE(texts(store.recent(5)), QStringList{u"still works"_s});
}

void TestHistoryStore::damagedFileFallsBackToMemory()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"h.sqlite"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    HistoryStore store;
    QString error;
    QVERIFY(!store.open(path, &error));
    QVERIFY2(!error.isEmpty(), "the host must be told why");
    ChatMessage m = make(u"memory"_s);
    store.append(m);
    QCOMPARE(store.recent(1).size(), 1);
}

void TestHistoryStore::writeFailureFallsBackToMemory()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"h.sqlite"_s);
    HistoryStore store;
    QVERIFY(store.open(path));
    ChatMessage first = make(u"on disk"_s);
    store.append(first);
    {
        // Another connection breaks the database under the store's feet.
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"saboteur"_s);
        other.setDatabaseName(path);
        QVERIFY(other.open());
        QSqlQuery q(other);
        QVERIFY(q.exec(u"DROP TABLE messages"_s));
        other.close();
    }
    QSqlDatabase::removeDatabase(u"saboteur"_s);
    ChatMessage second = make(u"after the failure"_s);
    QString error;
    store.append(second, &error);
    QVERIFY2(!error.isEmpty(), "the host must be told");
    QVERIFY(!store.isPersistent());
    QVERIFY(second.id > first.id);
    QCOMPARE(store.recent(5).constLast().text, u"after the failure"_s);
    ChatMessage third = make(u"still fine"_s);
    error.clear();
    store.append(third, &error);
    QVERIFY(error.isEmpty()); // told once; memory keeps working
    QCOMPARE(third.id, second.id + 1);
}

void TestHistoryStore::deleteFailureFallsBackToMemory()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"h.sqlite"_s);
    HistoryStore store;
    QVERIFY(store.open(path));
    ChatMessage first = make(u"keep"_s);
    store.append(first);
    ChatMessage second = make(u"oops"_s);
    store.append(second);
    {
        // Another connection makes every update fail; reading still works.
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"saboteur"_s);
        other.setDatabaseName(path);
        QVERIFY(other.open());
        QSqlQuery q(other);
        QVERIFY(q.exec(u"CREATE TRIGGER no_update BEFORE UPDATE ON messages"
                       " BEGIN SELECT RAISE(ABORT, 'the disk says no'); END"_s));
        q.finish();
        other.close();
    }
    QSqlDatabase::removeDatabase(u"saboteur"_s);
    QString error;
    QVERIFY(store.markDeleted(second.id, &error)); // applied, in memory
    QVERIFY2(!error.isEmpty(), "the host must be told");
    QVERIFY(!store.isPersistent());
    QVERIFY(store.find(second.id)->deleted);
    QVERIFY(!store.find(first.id)->deleted);
    const QList<ChatMessage> served = store.recent(5);
    QCOMPARE(served.size(), 2);
    QVERIFY(!served[0].deleted);
    QVERIFY(served[1].deleted);
    QVERIFY(served[1].toJson()[u"text"].isNull());
    error.clear();
    QVERIFY(!store.markDeleted(second.id + 100, &error));
    QVERIFY(error.isEmpty());
}

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
