// The file store on a real temporary folder: content addressing, the same bytes stored once,
// nothing left by an aborted or interrupted upload, leftovers removed on open.
#include "filestore/filestore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ChatHost::FileStorage;
using namespace Qt::StringLiterals;

class TestFileStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void storesByContent();
    void sameBytesStoredOnce();
    void abortLeavesNothing();
    void droppedUploadLeavesNothing();
    void leftoversRemovedOnOpen();
    void removeFreesSpace();
    void digestsAreChecked_data();
    void digestsAreChecked();
    void emptyFile();
    void failsClearlyWithoutFolder();

private:
    QStringList filesUnder(const QString &sub) const;
    std::unique_ptr<QTemporaryDir> m_dir;
};

QStringList TestFileStore::filesUnder(const QString &sub) const
{
    QStringList out;
    QDirIterator it(m_dir->filePath(sub), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    return out;
}

void TestFileStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestFileStore::storesByContent()
{
    FileStore store(m_dir->path());
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    auto upload = store.begin(&error);
    QVERIFY2(upload, qPrintable(error));
    QByteArray content = "\x89PNG\r\n\x1a\n"_ba;
    for (int i = 0; i < 10000; ++i)
        content += QByteArray::number(i);
    // Written in uneven pieces, as a socket delivers them.
    for (qsizetype pos = 0; pos < content.size(); pos += 777)
        QVERIFY(upload->write(QByteArrayView(content).sliced(
                pos, std::min<qsizetype>(777, content.size() - pos))));
    QCOMPARE(filesUnder(u"incoming"_s).size(), 1);
    QCOMPARE(upload->size(), content.size());

    const auto stored = upload->finish();
    QVERIFY(stored);
    QCOMPARE(stored->sha256, QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    QCOMPARE(stored->size, content.size());
    QCOMPARE(stored->type.mimeType, "image/png"_ba);
    QVERIFY(!stored->alreadyStored);
    QVERIFY(filesUnder(u"incoming"_s).isEmpty());

    const QString path = store.pathOf(stored->sha256);
    QVERIFY(path.endsWith(u"objects/"_s + QString::fromLatin1(stored->sha256.left(2)) + u'/'
                          + QString::fromLatin1(stored->sha256)));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
    QCOMPARE(store.usedBytes(), content.size());

    // A new store on the same folder finds it and counts it.
    FileStore again(m_dir->path());
    QVERIFY(again.open(&error));
    QVERIFY(again.contains(stored->sha256));
    QCOMPARE(again.usedBytes(), content.size());
    QCOMPARE(again.removedLeftovers(), 0);
}

void TestFileStore::sameBytesStoredOnce()
{
    FileStore store(m_dir->path());
    QString error;
    QVERIFY(store.open(&error));
    QByteArray sha;
    for (int round = 0; round < 3; ++round) {
        auto upload = store.begin(&error);
        QVERIFY(upload->write("the same slides"));
        const auto stored = upload->finish();
        QVERIFY(stored);
        QCOMPARE(stored->alreadyStored, round > 0);
        if (round == 0)
            sha = stored->sha256;
        QCOMPARE(stored->sha256, sha);
    }
    QCOMPARE(filesUnder(u"objects"_s).size(), 1);
    QVERIFY(filesUnder(u"incoming"_s).isEmpty());
    QCOMPARE(store.usedBytes(), qint64(qstrlen("the same slides")));
}

void TestFileStore::abortLeavesNothing()
{
    FileStore store(m_dir->path());
    QString error;
    QVERIFY(store.open(&error));
    auto upload = store.begin(&error);
    QVERIFY(upload->write(QByteArray(100000, 'x')));
    upload->abort();
    upload->abort(); // twice is harmless
    QVERIFY(!upload->write("more")); // and nothing more is taken
    QVERIFY(!upload->finish());
    QVERIFY(filesUnder(u"incoming"_s).isEmpty());
    QVERIFY(filesUnder(u"objects"_s).isEmpty());
    QCOMPARE(store.usedBytes(), 0);
}

void TestFileStore::droppedUploadLeavesNothing()
{
    FileStore store(m_dir->path());
    QString error;
    QVERIFY(store.open(&error));
    {
        auto upload = store.begin(&error);
        QVERIFY(upload->write(QByteArray(5000, 'y')));
        // the connection goes away: the upload is destroyed unfinished
    }
    QVERIFY(filesUnder(u"incoming"_s).isEmpty());
    QVERIFY(filesUnder(u"objects"_s).isEmpty());
}

void TestFileStore::leftoversRemovedOnOpen()
{
    // What a kill -9 leaves: half-written files in incoming/.
    QVERIFY(QDir(m_dir->path()).mkpath(u"incoming"_s));
    for (const QString &name : {u"a.part"_s, u"b.part"_s, u".hidden"_s}) {
        QFile f(m_dir->filePath(u"incoming/"_s + name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("half");
    }
    FileStore store(m_dir->path());
    QString error;
    QVERIFY(store.open(&error));
    QCOMPARE(store.removedLeftovers(), 3);
    QVERIFY(filesUnder(u"incoming"_s).isEmpty());
}

void TestFileStore::removeFreesSpace()
{
    FileStore store(m_dir->path());
    QString error;
    QVERIFY(store.open(&error));
    auto upload = store.begin(&error);
    QVERIFY(upload->write(QByteArray(4096, 'z')));
    const auto stored = upload->finish();
    QVERIFY(stored);
    QCOMPARE(store.usedBytes(), 4096);
    QVERIFY(store.remove(stored->sha256));
    QVERIFY(!store.contains(stored->sha256));
    QCOMPARE(store.usedBytes(), 0);
    QVERIFY(!store.remove(stored->sha256)); // gone already
}

void TestFileStore::digestsAreChecked_data()
{
    QTest::addColumn<QByteArray>("digest");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("short") << QByteArray(63, 'a');
    QTest::newRow("long") << QByteArray(65, 'a');
    QTest::newRow("upper case") << QByteArray(64, 'A');
    QTest::newRow("traversal") << QByteArray("../../../../etc/passwd").leftJustified(64, 'a');
    QTest::newRow("slash") << QByteArray(31, 'a') + '/' + QByteArray(32, 'a');
    QTest::newRow("nul") << QByteArray(32, 'a') + '\0' + QByteArray(31, 'a');
}

void TestFileStore::digestsAreChecked()
{
    QFETCH(QByteArray, digest);
    FileStore store(m_dir->path());
    QString error;
    QVERIFY(store.open(&error));
    QVERIFY(!FileStore::wellFormed(digest));
    QVERIFY(store.pathOf(digest).isEmpty());
    QVERIFY(!store.remove(digest));
}

void TestFileStore::emptyFile()
{
    FileStore store(m_dir->path());
    QString error;
    QVERIFY(store.open(&error));
    auto upload = store.begin(&error);
    const auto stored = upload->finish();
    QVERIFY(stored);
    QCOMPARE(stored->size, 0);
    QCOMPARE(stored->sha256, QCryptographicHash::hash({}, QCryptographicHash::Sha256).toHex());
    QVERIFY(!stored->type.picture);
}

void TestFileStore::failsClearlyWithoutFolder()
{
    // A file where the folder should be.
    QFile blocker(m_dir->filePath(u"blocked"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    FileStore store(m_dir->filePath(u"blocked"_s));
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestFileStore)
#include "tst_filestore.moc"
