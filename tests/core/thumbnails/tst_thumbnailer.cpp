// Previews from real picture files: scaled to fit, EXIF orientation honoured, metadata gone,
// and hostile files (a decompression bomb, a truncated JPEG, a page named .png) refused cleanly.
#include "thumbnails/thumbnailer.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace ChatHost::Thumbnails;
using namespace Qt::StringLiterals;

class TestThumbnailer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void scalesDown_data();
    void scalesDown();
    void honoursExifOrientationAndDropsMetadata();
    void readsGif();
    void keepsTransparency();
    void refusesBomb();
    void refusesBrokenFiles_data();
    void refusesBrokenFiles();
    void workerReportsOnCallersThread();

private:
    QString write(const QString &name, const QByteArray &bytes);
    static QByteArray encode(const QImage &image, const char *format);
    std::unique_ptr<QTemporaryDir> m_dir;
};

// PNG's chunk checksum (CRC-32, as zlib computes it).
static quint32 crc32(const QByteArray &bytes)
{
    quint32 crc = 0xffffffffu;
    for (const char c : bytes) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QString TestThumbnailer::write(const QString &name, const QByteArray &bytes)
{
    QFile f(m_dir->filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write the test file");
    return f.fileName();
}

QByteArray TestThumbnailer::encode(const QImage &image, const char *format)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return out;
}

void TestThumbnailer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestThumbnailer::scalesDown_data()
{
    QTest::addColumn<QByteArray>("format");
    QTest::addColumn<QSize>("original");
    QTest::addColumn<QSize>("preview");
    QTest::newRow("large jpeg") << "jpeg"_ba << QSize(2000, 1000) << QSize(480, 240);
    QTest::newRow("tall png") << "png"_ba << QSize(300, 1200) << QSize(120, 480);
    QTest::newRow("small png kept") << "png"_ba << QSize(64, 32) << QSize(64, 32);
    QTest::newRow("one pixel") << "png"_ba << QSize(1, 1) << QSize(1, 1);
}

void TestThumbnailer::scalesDown()
{
    QFETCH(QByteArray, format);
    QFETCH(QSize, original);
    QFETCH(QSize, preview);
    QImage image(original, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    // Named .txt: the bytes decide.
    const QString path = write(u"picture.txt"_s, encode(image, format.constData()));
    const Thumbnail t = makeThumbnail(path);
    QVERIFY2(t.ok, qPrintable(t.error));
    QCOMPARE(t.originalSize, original);
    QCOMPARE(t.size, preview);
    QCOMPARE(t.mimeType, "image/jpeg"_ba);
    QCOMPARE(QImage::fromData(t.bytes).size(), preview);
}

// A JPEG with an APP1 Exif segment: orientation 6 (turn 90 degrees clockwise to show) and a
// GPS-like marker string that must not survive into the preview.
void TestThumbnailer::honoursExifOrientationAndDropsMetadata()
{
    QImage image(200, 100, QImage::Format_RGB32);
    image.fill(Qt::red);
    const QByteArray jpeg = encode(image, "jpeg");
    QByteArray tiff = "MM"_ba;
    tiff += QByteArray::fromHex("002a00000008"); // magic 42, first IFD at 8
    tiff += QByteArray::fromHex("0001"); // one entry
    tiff += QByteArray::fromHex("0112"
                                "0003"
                                "00000001"
                                "00060000"); // Orientation = 6
    tiff += QByteArray::fromHex("00000000"); // no next IFD
    tiff += "GPS 52.5200N 13.4050E secret place"_ba;
    const QByteArray payload = "Exif"_ba + QByteArray(2, '\0') + tiff;
    QByteArray app1 = QByteArray::fromHex("ffe1");
    const quint16 length = quint16(payload.size() + 2);
    app1 += char(length >> 8);
    app1 += char(length & 0xff);
    app1 += payload;
    const QByteArray withExif = jpeg.left(2) + app1 + jpeg.mid(2); // right after SOI
    QCOMPARE(QImageReader(write(u"check.jpg"_s, withExif)).size(), QSize(200, 100));

    const Thumbnail t = makeThumbnail(write(u"photo.jpg"_s, withExif));
    QVERIFY2(t.ok, qPrintable(t.error));
    QCOMPARE(t.originalSize, QSize(100, 200)); // turned
    QCOMPARE(t.size, QSize(100, 200));
    QVERIFY(!t.bytes.contains("Exif"));
    QVERIFY(!t.bytes.contains("secret place"));
}

void TestThumbnailer::readsGif()
{
    // Qt reads GIF but cannot write it: a 1 x 1 GIF89a by hand.
    const QByteArray gif = QByteArray::fromHex("47494638396101000100800000000000ffffff21f904010000"
                                               "00002c00000000010001000002024401003b");
    const Thumbnail t = makeThumbnail(write(u"dot.gif"_s, gif));
    QVERIFY2(t.ok, qPrintable(t.error));
    QCOMPARE(t.size, QSize(1, 1));
}

void TestThumbnailer::keepsTransparency()
{
    QImage image(100, 100, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    const Thumbnail t = makeThumbnail(write(u"clear.png"_s, encode(image, "png")));
    QVERIFY2(t.ok, qPrintable(t.error));
    QCOMPARE(t.mimeType, "image/png"_ba);
    QVERIFY(QImage::fromData(t.bytes).hasAlphaChannel());
}

// A small PNG whose header claims 50,000 x 50,000 pixels (10 GB decoded): refused from the header.
void TestThumbnailer::refusesBomb()
{
    QByteArray png = encode(QImage(1, 1, QImage::Format_RGB32), "png");
    // IHDR starts at 8 + 8; width and height are its first 8 bytes (big-endian).
    const quint32 side = qToBigEndian<quint32>(50000);
    png.replace(16, 4, reinterpret_cast<const char *>(&side), 4);
    png.replace(20, 4, reinterpret_cast<const char *>(&side), 4);
    const quint32 crc = qToBigEndian<quint32>(crc32(png.mid(12, 17))); // type + 13 data bytes
    png.replace(29, 4, reinterpret_cast<const char *>(&crc), 4);
    QVERIFY(png.size() < 200);
    const Thumbnail t = makeThumbnail(write(u"bomb.png"_s, png));
    QVERIFY(!t.ok);
    QVERIFY(!t.error.isEmpty());

    // With the pixel cap lifted, Qt's allocation limit still refuses to decode it.
    ThumbnailLimits lifted;
    lifted.maxPixels = std::numeric_limits<qint64>::max();
    const Thumbnail t2 = makeThumbnail(write(u"bomb2.png"_s, png), lifted);
    QVERIFY(!t2.ok);
}

void TestThumbnailer::refusesBrokenFiles_data()
{
    QImage image(400, 300, QImage::Format_RGB32);
    image.fill(Qt::blue);
    const QByteArray jpeg = encode(image, "jpeg");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("html named png") << "<html><script>alert(1)</script></html>"_ba;
    QTest::newRow("svg with script")
            << "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"_ba;
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("png signature only") << QByteArray("\x89PNG\r\n\x1a\n", 8);
    QTest::newRow("jpeg header only") << jpeg.left(200);
    QTest::newRow("garbage") << QByteArray(5000, '\xa5');
}

void TestThumbnailer::refusesBrokenFiles()
{
    QFETCH(QByteArray, bytes);
    const Thumbnail t = makeThumbnail(write(u"file.png"_s, bytes));
    // Whatever Qt makes of it, the answer comes back without a crash; most are refused.
    if (t.ok)
        QVERIFY(!QImage::fromData(t.bytes).isNull());
    else
        QVERIFY(!t.error.isEmpty());
    if (!bytes.startsWith("\xff\xd8"))
        QVERIFY(!t.ok);
}

void TestThumbnailer::workerReportsOnCallersThread()
{
    QImage image(800, 800, QImage::Format_RGB32);
    image.fill(Qt::green);
    const QString good = write(u"good.png"_s, encode(image, "png"));
    const QString bad = write(u"bad.png"_s, "nope"_ba);
    Thumbnailer thumbnailer;
    QSignalSpy spy(&thumbnailer, &Thumbnailer::done);
    thumbnailer.request(u"a"_s, good);
    thumbnailer.request(u"b"_s, bad);
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 2, 20000);
    QCOMPARE(spy.at(0).at(0).toString(), u"a"_s);
    QVERIFY(spy.at(0).at(1).value<Thumbnail>().ok);
    QCOMPARE(spy.at(0).at(1).value<Thumbnail>().size, QSize(480, 480));
    QCOMPARE(spy.at(1).at(0).toString(), u"b"_s);
    QVERIFY(!spy.at(1).at(1).value<Thumbnail>().ok);
}

QTEST_GUILESS_MAIN(TestThumbnailer)
#include "tst_thumbnailer.moc"
