// Headless output: lines from people are made harmless for a terminal, and a stdout nobody reads
// never blocks the writer (lines beyond the budget are dropped and counted).
#include "appsupport/consolewriter.h"

#include <QElapsedTimer>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace ChatHost;
using namespace Qt::StringLiterals;

class TestConsoleWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void harmless_data();
    void harmless();
    void unreadOutputDoesNotBlock();
    void journalStreamIsRecognised();
};

void TestConsoleWriter::harmless_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    const QString r(QChar::ReplacementCharacter);
    QTest::newRow("plain") << u"hello wörld 👋"_s << u"hello wörld 👋"_s;
    QTest::newRow("clear screen") << u"\x1b[2J"_s << QString(r + u"[2J"_s);
    QTest::newRow("set title") << u"\x1b]0;pwned\x07"_s << QString(r + u"]0;pwned"_s + r);
    QTest::newRow("newline forges a line")
            << u"hi\n12:00:00 <Host> x"_s << QString(u"hi"_s + r + u"12:00:00 <Host> x"_s);
    QTest::newRow("carriage return") << u"a\rb"_s << QString(u"a"_s + r + u"b"_s);
    QTest::newRow("tab") << u"a\tb"_s << u"a b"_s;
    QTest::newRow("NUL") << QString(u"a"_s + QChar(0) + u"b"_s) << QString(u"a"_s + r + u"b"_s);
    QTest::newRow("DEL and C1 CSI") << u"\x7f\x9b"_s << QString(r + r);
    QTest::newRow("bidi override") << u"abc\u202Egpj.exe"_s << QString(u"abc"_s + r + u"gpj.exe"_s);
    QTest::newRow("bidi isolate") << u"\u2066x\u2069"_s << QString(r + u"x"_s + r);
    QTest::newRow("bidi marks") << u"\u200Ea\u200F\u061C"_s << QString(r + u"a"_s + r + r);
    QTest::newRow("line separators") << u"a\u2028b\u2029"_s << QString(u"a"_s + r + u"b"_s + r);
}

void TestConsoleWriter::harmless()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(ConsoleWriter::harmless(in), out);
}

void TestConsoleWriter::unreadOutputDoesNotBlock()
{
    int fds[2];
    QCOMPARE(::pipe(fds), 0);
    {
        ConsoleWriter writer(fds[1], 64 * 1024);
        const QString line(1000, u'x');
        QElapsedTimer clock;
        clock.start();
        int accepted = 0;
        int dropped = 0;
        for (int i = 0; i < 2000; ++i) // 2 MB into a 64 KB pipe nobody reads
            writer.writeLine(line) ? ++accepted : ++dropped;
        QVERIFY2(clock.elapsed() < 5000, "writing must not wait for the reader");
        QVERIFY(dropped > 0);
        QVERIFY(accepted > 0);
        // Now read: what was queued arrives; the next line that fits is preceded by the count.
        ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
        QByteArray all;
        QElapsedTimer reading;
        reading.start();
        bool after = false;
        while (reading.elapsed() < 10000 && !all.contains("after")) {
            char buf[65536];
            const ssize_t n = ::read(fds[0], buf, sizeof buf);
            if (n > 0)
                all.append(buf, n);
            else
                QTest::qWait(10);
            if (!after && all.count('\n') >= accepted) {
                QVERIFY(writer.writeLine(u"after"_s));
                after = true;
            }
        }
        const qsizetype note = all.indexOf("dropped");
        QVERIFY2(note > 0 && note < all.indexOf("after"), all.right(200).constData());
        // Each accepted line, "after", and one count per run of drops (the thread may have made
        // room while the lines were written, so there can be more than one run).
        QCOMPARE(all.count('\n'), qsizetype(accepted) + 1 + all.count("dropped"));
    }
    ::close(fds[0]);
    ::close(fds[1]);
}

// systemd sets JOURNAL_STREAM to the device and inode of the journal's stream: only an output
// that is that very stream counts (a child whose output was redirected elsewhere does not).
void TestConsoleWriter::journalStreamIsRecognised()
{
    const QByteArray saved = qgetenv("JOURNAL_STREAM");
    int fds[2];
    QCOMPARE(::pipe(fds), 0);
    struct stat status = {};
    QCOMPARE(::fstat(fds[1], &status), 0);
    const QByteArray mine = QByteArray::number(qulonglong(status.st_dev)) + ':'
            + QByteArray::number(qulonglong(status.st_ino));

    qunsetenv("JOURNAL_STREAM");
    QVERIFY(!ConsoleWriter::writesToJournal(fds[1]));
    qputenv("JOURNAL_STREAM", mine);
    QVERIFY(ConsoleWriter::writesToJournal(fds[1]));
    const int other = ::open("/dev/null", O_WRONLY);
    QVERIFY(!ConsoleWriter::writesToJournal(other));
    for (const char *bad : {"", ":", "12", "x:y", "1:2:3"}) {
        qputenv("JOURNAL_STREAM", bad);
        QVERIFY2(!ConsoleWriter::writesToJournal(fds[1]), bad);
    }
    ::close(other);
    ::close(fds[0]);
    ::close(fds[1]);
    if (saved.isNull())
        qunsetenv("JOURNAL_STREAM");
    else
        qputenv("JOURNAL_STREAM", saved);
}

QTEST_GUILESS_MAIN(TestConsoleWriter)
#include "tst_consolewriter.moc"
