// Single instance per user, port and data folder: a later start asks the running one over a local
// socket to show its window; other keys, stale socket files and strangers on the socket do not
// confuse it. The asking side blocks (as at start-up), so it runs on a thread here while the
// event loop of the running instance answers.
#include "appsupport/singleinstance.h"

#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <future>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace ChatHost;
using namespace Qt::StringLiterals;
using Answer = SingleInstance::Answer;

class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void namesDifferByUserPortAndFolder();
    void nobodyRunning();
    void runningInstanceIsShown();
    void otherKeyStartsNormally();
    void staleSocketFileIsReplaced();
    void strangerGetsNoActivation();

private:
    // askRunning() on a thread, while this thread's event loop answers.
    Answer ask(const QString &name);

    QTemporaryDir m_runtime;
};

void TestSingleInstance::init()
{
    QVERIFY(m_runtime.isValid());
    qputenv("XDG_RUNTIME_DIR", m_runtime.path().toUtf8());
}

Answer TestSingleInstance::ask(const QString &name)
{
    auto answer
            = std::async(std::launch::async, [name] { return SingleInstance::askRunning(name); });
    // askRunning() gives up after its own timeouts; until then this thread's loop answers.
    for (int i = 0;
         i < 2000 && answer.wait_for(std::chrono::seconds(0)) != std::future_status::ready; ++i)
        QTest::qWait(5);
    return answer.get();
}

void TestSingleInstance::namesDifferByUserPortAndFolder()
{
    const QString base = SingleInstance::serverName(1000, 3000, u"/srv/chat"_s);
    QCOMPARE(SingleInstance::serverName(1000, 3000, u"/srv/chat/"_s), base);
    QCOMPARE(SingleInstance::serverName(1000, 3000, u"/srv/./chat"_s), base);
    QVERIFY(SingleInstance::serverName(1001, 3000, u"/srv/chat"_s) != base);
    QVERIFY(SingleInstance::serverName(1000, 3001, u"/srv/chat"_s) != base);
    QVERIFY(SingleInstance::serverName(1000, 3000, u"/srv/chat2"_s) != base);
    QVERIFY(base.startsWith(m_runtime.path() + u"/chathost-"_s));
    QVERIFY(base.size() < 100); // fits sockaddr_un
}

void TestSingleInstance::nobodyRunning()
{
    QCOMPARE(SingleInstance::askRunning(SingleInstance::serverName(1, 3000, u"/none"_s), 500),
             Answer::NoneRunning);
}

void TestSingleInstance::runningInstanceIsShown()
{
    const QString name = SingleInstance::serverName(1, 3000, u"/data"_s);
    SingleInstance first(name);
    QVERIFY(first.listen());
    QSignalSpy shown(&first, &SingleInstance::activationRequested);
    QCOMPARE(ask(name), Answer::Shown);
    QCOMPARE(shown.count(), 1);
    QCOMPARE(ask(name), Answer::Shown); // every later start, not just the first
    QCOMPARE(shown.count(), 2);
}

void TestSingleInstance::otherKeyStartsNormally()
{
    SingleInstance first(SingleInstance::serverName(1, 3000, u"/data"_s));
    QVERIFY(first.listen());
    QSignalSpy shown(&first, &SingleInstance::activationRequested);
    const QString otherPort = SingleInstance::serverName(1, 3001, u"/data"_s);
    const QString otherFolder = SingleInstance::serverName(1, 3000, u"/data2"_s);
    QCOMPARE(ask(otherPort), Answer::NoneRunning);
    QCOMPARE(ask(otherFolder), Answer::NoneRunning);
    SingleInstance second(otherFolder); // and it can listen beside the first
    QVERIFY(second.listen());
    QCOMPARE(shown.count(), 0);
}

void TestSingleInstance::staleSocketFileIsReplaced()
{
    // A socket file without a listener, as a crashed instance leaves it.
    const QString name = SingleInstance::serverName(1, 3000, u"/crashed"_s);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    const QByteArray path = name.toUtf8();
    std::copy(path.begin(), path.end(), address.sun_path);
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    ::close(fd);
    QVERIFY(QFile::exists(name));

    QCOMPARE(ask(name), Answer::NoneRunning);
    SingleInstance next(name);
    QVERIFY(next.listen());
    QSignalSpy shown(&next, &SingleInstance::activationRequested);
    QCOMPARE(ask(name), Answer::Shown);
    QCOMPARE(shown.count(), 1);
}

void TestSingleInstance::strangerGetsNoActivation()
{
    const QString name = SingleInstance::serverName(1, 3000, u"/data"_s);
    SingleInstance first(name);
    QVERIFY(first.listen());
    QSignalSpy shown(&first, &SingleInstance::activationRequested);
    for (const QByteArray &junk : {QByteArray("hello\n"), QByteArray(200, 'x')}) {
        QLocalSocket stranger;
        stranger.connectToServer(name);
        QVERIFY(stranger.waitForConnected(2000));
        stranger.write(junk);
        QTRY_COMPARE_WITH_TIMEOUT(stranger.state(), QLocalSocket::UnconnectedState, 5000);
        QCOMPARE(stranger.readAll(), QByteArray());
    }
    // A client that connects and says nothing is dropped after a while; the server still answers.
    QLocalSocket silent;
    silent.connectToServer(name);
    QVERIFY(silent.waitForConnected(2000));
    QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QLocalSocket::UnconnectedState, 10000);
    QCOMPARE(shown.count(), 0);
    QCOMPARE(ask(name), Answer::Shown);
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
