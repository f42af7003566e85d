// The pure rules for shared files, as tables: sniffing, names, Content-Disposition, Range.
#include "files/byterange.h"
#include "files/filename.h"
#include "files/filetype.h"
#include "files/uploadhead.h"

#include <QTest>

using namespace ChatHost::Files;
using namespace Qt::StringLiterals;

class TestFiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sniff_data();
    void sniff();
    void cleanName_data();
    void cleanName();
    void cleanNameLimits();
    void disposition_data();
    void disposition();
    void range_data();
    void range();
    void uploadHead_data();
    void uploadHead();
};

void TestFiles::sniff_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("mime");
    QTest::addColumn<bool>("picture");
    const auto other = int(FileKind::Other);
    const QByteArray octets = "application/octet-stream";
    QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << int(FileKind::Png)
                         << QByteArray("image/png") << true;
    QTest::newRow("jpeg") << QByteArray("\xff\xd8\xff\xe0\0\x10JFIF", 10) << int(FileKind::Jpeg)
                          << QByteArray("image/jpeg") << true;
    QTest::newRow("gif87") << QByteArray("GIF87a\x01\0\x01\0", 10) << int(FileKind::Gif)
                           << QByteArray("image/gif") << true;
    QTest::newRow("gif89") << QByteArray("GIF89a") << int(FileKind::Gif) << QByteArray("image/gif")
                           << true;
    QTest::newRow("webp") << QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16) << int(FileKind::Webp)
                          << QByteArray("image/webp") << true;
    QTest::newRow("riff but wave")
            << QByteArray("RIFF\x10\0\0\0WAVEfmt ", 16) << other << octets << false;
    QTest::newRow("riff too short")
            << QByteArray("RIFF\x10\0\0\0WEB", 11) << other << octets << false;
    QTest::newRow("png cut short") << QByteArray("\x89PNG\r\n", 6) << other << octets << false;
    QTest::newRow("empty") << QByteArray() << other << octets << false;
    QTest::newRow("html") << QByteArray("<!DOCTYPE html><script>alert(1)</script>") << other
                          << octets << false;
    QTest::newRow("svg") << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\">") << other
                         << octets << false;
    QTest::newRow("html after spaces") << QByteArray("   <html>") << other << octets << false;
    QTest::newRow("pdf") << QByteArray("%PDF-1.7\n") << other << octets << false;
    QTest::newRow("gif name, text bytes")
            << QByteArray("gif89a lowercase") << other << octets << false;
    // A GIF that is also a script (a polyglot) is still a GIF: it is served as image/gif with
    // nosniff, which a browser never runs.
    QTest::newRow("polyglot gif/js") << QByteArray("GIF89a/*\x01\0*/=alert(1)//")
                                     << int(FileKind::Gif) << QByteArray("image/gif") << true;
}

void TestFiles::sniff()
{
    QFETCH(QByteArray, head);
    QFETCH(int, kind);
    QFETCH(QByteArray, mime);
    QFETCH(bool, picture);
    const FileType type = ChatHost::Files::sniff(head);
    QCOMPARE(int(type.kind), kind);
    QCOMPARE(type.mimeType, mime);
    QCOMPARE(type.picture, picture);
}

void TestFiles::cleanName_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("clean");
    QTest::newRow("plain") << u"photo.jpg"_s << u"photo.jpg"_s;
    QTest::newRow("unicode kept") << u"Übersicht März.pdf"_s << u"Übersicht März.pdf"_s;
    QTest::newRow("emoji kept") << u"🎉 party.png"_s << u"🎉 party.png"_s;
    QTest::newRow("unix path") << u"/etc/passwd"_s << u"passwd"_s;
    QTest::newRow("traversal") << u"../../.ssh/authorized_keys"_s << u"authorized_keys"_s;
    QTest::newRow("windows path") << u"C:\\Users\\ann\\report.docx"_s << u"report.docx"_s;
    QTest::newRow("dot dot") << u".."_s << u"file"_s;
    QTest::newRow("ends in slash") << u"folder/"_s << u"file"_s;
    QTest::newRow("empty") << QString() << u"file"_s;
    QTest::newRow("only spaces") << u"   "_s << u"file"_s;
    QTest::newRow("hidden file") << u".bashrc"_s << u"bashrc"_s;
    QTest::newRow("trailing dots and spaces") << u"notes.txt. . "_s << u"notes.txt"_s;
    QTest::newRow("control characters") << u"a\nb\tc\x01\x7f.txt"_s << u"abc.txt"_s;
    QTest::newRow("c1 control") << QString::fromUtf16(u"a\u0085b.txt") << u"ab.txt"_s;
    QTest::newRow("right-to-left override")
            << QString::fromUtf16(u"invoice\u202Efdp.exe") << u"invoicefdp.exe"_s;
    QTest::newRow("isolates and zero width")
            << QString::fromUtf16(u"a\u2066b\u200Bc\uFEFF.txt") << u"abc.txt"_s;
    QTest::newRow("line separator") << QString::fromUtf16(u"a\u2028b.txt") << u"ab.txt"_s;
    QTest::newRow("windows reserved characters")
            << u"what? <now>: \"a\"|*.txt"_s << u"what_ _now__ _a___.txt"_s;
    QTest::newRow("device name") << u"CON"_s << u"_CON"_s;
    QTest::newRow("device name, extension") << u"nul.txt"_s << u"_nul.txt"_s;
    QTest::newRow("device name com1") << u"com1.log"_s << u"_com1.log"_s;
    QTest::newRow("not a device name") << u"console.txt"_s << u"console.txt"_s;
    QTest::newRow("com0 is no device") << u"com0"_s << u"com0"_s;
}

void TestFiles::cleanName()
{
    QFETCH(QString, given);
    QFETCH(QString, clean);
    QCOMPARE(cleanFileName(given), clean);
    QCOMPARE(cleanFileName(clean), clean); // cleaning twice changes nothing
}

void TestFiles::cleanNameLimits()
{
    // Long names keep their extension and stay within the byte limit, cut between code points.
    const QString longAscii = QString(500, u'a') + u".pdf"_s;
    const QString a = cleanFileName(longAscii);
    QVERIFY(a.endsWith(u".pdf"_s));
    QCOMPARE(a.toUtf8().size(), kMaxNameBytes);

    QString emoji;
    for (int i = 0; i < 100; ++i)
        emoji += u"😀"_s; // four bytes each
    const QString e = cleanFileName(emoji + u".png"_s);
    QVERIFY(e.endsWith(u".png"_s));
    QVERIFY(e.toUtf8().size() <= kMaxNameBytes);
    QVERIFY(e.toUtf8().size() > kMaxNameBytes - 4);
    QCOMPARE(QString::fromUtf8(e.toUtf8()), e); // no half surrogate

    // A cut that ends in a dot or a space is trimmed again, so cleaning stays idempotent.
    const QString cutAtDot = QString(199, u'a') + u".  "_s + QString(50, u'x');
    QCOMPARE(cleanFileName(cutAtDot), QString(199, u'a'));

    // A very long "extension" is not kept whole.
    const QString odd = cleanFileName(u"x."_s + QString(400, u'y'));
    QVERIFY(odd.toUtf8().size() <= kMaxNameBytes);
    QVERIFY(!odd.isEmpty());
}

void TestFiles::disposition_data()
{
    QTest::addColumn<bool>("attachment");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("ascii attachment")
            << true << u"report.pdf"_s << QByteArray("attachment; filename=\"report.pdf\"");
    QTest::newRow("inline picture")
            << false << u"cat.png"_s << QByteArray("inline; filename=\"cat.png\"");
    QTest::newRow("spaces stay plain")
            << true << u"my notes.txt"_s << QByteArray("attachment; filename=\"my notes.txt\"");
    QTest::newRow("umlaut") << true << u"März.pdf"_s
                            << QByteArray("attachment; filename=\"M_rz.pdf\"; "
                                          "filename*=UTF-8''M%C3%A4rz.pdf");
    QTest::newRow("emoji") << true << u"🎉.png"_s
                           << QByteArray("attachment; filename=\"__.png\"; "
                                         "filename*=UTF-8''%F0%9F%8E%89.png");
    QTest::newRow("percent is not plain") << true << u"100%.txt"_s
                                          << QByteArray("attachment; filename=\"100_.txt\"; "
                                                        "filename*=UTF-8''100%25.txt");
    QTest::newRow("attr-chars unencoded, space encoded")
            << true << u"a b!#$&+-.^_`|~é"_s
            << QByteArray("attachment; filename=\"a b!#$&+-.^_`|~_\"; "
                          "filename*=UTF-8''a%20b!#$&+-.^_`|~%C3%A9");
    QTest::newRow("quote and backslash never reach the header")
            << true << u"a\"b\\c.txt"_s
            << QByteArray("attachment; filename=\"a_b_c.txt\"; filename*=UTF-8''a%22b%5Cc.txt");
}

void TestFiles::disposition()
{
    QFETCH(bool, attachment);
    QFETCH(QString, name);
    QFETCH(QByteArray, header);
    const QByteArray got
            = contentDisposition(attachment ? Disposition::Attachment : Disposition::Inline, name);
    QCOMPARE(got, header);
    for (const char c : got)
        QVERIFY2(uchar(c) >= 0x20 && uchar(c) < 0x7f, "header bytes are printable ASCII");
}

void TestFiles::range_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<QByteArray>("contentRange");
    const int whole = ByteRange::Whole, part = ByteRange::Part, none = ByteRange::Unsatisfiable;
    const qint64 n = 1000;
    QTest::newRow("no header") << QByteArray() << n << whole << 0LL << -1LL << QByteArray();
    QTest::newRow("first 100") << QByteArray("bytes=0-99") << n << part << 0LL << 99LL
                               << QByteArray("bytes 0-99/1000");
    QTest::newRow("open end") << QByteArray("bytes=500-") << n << part << 500LL << 999LL
                              << QByteArray("bytes 500-999/1000");
    QTest::newRow("suffix") << QByteArray("bytes=-100") << n << part << 900LL << 999LL
                            << QByteArray("bytes 900-999/1000");
    QTest::newRow("suffix longer than file") << QByteArray("bytes=-5000") << n << part << 0LL
                                             << 999LL << QByteArray("bytes 0-999/1000");
    QTest::newRow("end past the file clamped") << QByteArray("bytes=990-5000") << n << part << 990LL
                                               << 999LL << QByteArray("bytes 990-999/1000");
    QTest::newRow("last byte") << QByteArray("bytes=999-999") << n << part << 999LL << 999LL
                               << QByteArray("bytes 999-999/1000");
    QTest::newRow("unit case, spaces") << QByteArray(" Bytes = 10 - 19 ") << n << part << 10LL
                                       << 19LL << QByteArray("bytes 10-19/1000");
    QTest::newRow("start at the end")
            << QByteArray("bytes=1000-") << n << none << 0LL << -1LL << QByteArray("bytes */1000");
    QTest::newRow("start past the end") << QByteArray("bytes=5000-6000") << n << none << 0LL << -1LL
                                        << QByteArray("bytes */1000");
    QTest::newRow("empty suffix") << QByteArray("bytes=-0") << n << none << 0LL << -1LL
                                  << QByteArray("bytes */1000");
    QTest::newRow("empty file") << QByteArray("bytes=0-") << 0LL << none << 0LL << -1LL
                                << QByteArray("bytes */0");
    QTest::newRow("empty file suffix")
            << QByteArray("bytes=-10") << 0LL << none << 0LL << -1LL << QByteArray("bytes */0");
    QTest::newRow("reversed: ignored")
            << QByteArray("bytes=50-10") << n << whole << 0LL << -1LL << QByteArray();
    QTest::newRow("several: whole")
            << QByteArray("bytes=0-1,5-6") << n << whole << 0LL << -1LL << QByteArray();
    QTest::newRow("other unit") << QByteArray("items=0-5") << n << whole << 0LL << -1LL
                                << QByteArray();
    QTest::newRow("no dash") << QByteArray("bytes=100") << n << whole << 0LL << -1LL
                             << QByteArray();
    QTest::newRow("negative") << QByteArray("bytes=-5-10") << n << whole << 0LL << -1LL
                              << QByteArray();
    QTest::newRow("sign") << QByteArray("bytes=+5-10") << n << whole << 0LL << -1LL << QByteArray();
    QTest::newRow("hex") << QByteArray("bytes=0x10-20") << n << whole << 0LL << -1LL
                         << QByteArray();
    QTest::newRow("overflow") << QByteArray("bytes=0-99999999999999999999999") << n << whole << 0LL
                              << -1LL << QByteArray();
    QTest::newRow("only dash") << QByteArray("bytes=-") << n << whole << 0LL << -1LL
                               << QByteArray();
    QTest::newRow("nothing after =")
            << QByteArray("bytes=") << n << whole << 0LL << -1LL << QByteArray();
    QTest::newRow("no unit") << QByteArray("=0-5") << n << whole << 0LL << -1LL << QByteArray();
}

void TestFiles::range()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, size);
    QFETCH(int, kind);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(QByteArray, contentRange);
    const ByteRange r = parseRange(header, size);
    QCOMPARE(int(r.kind), kind);
    if (r.kind == ByteRange::Part) {
        QCOMPARE(r.first, first);
        QCOMPARE(r.last, last);
        QCOMPARE(r.length(), last - first + 1);
    }
    if (r.kind != ByteRange::Whole)
        QCOMPARE(ChatHost::Files::contentRange(r, size), contentRange);
}

void TestFiles::uploadHead_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("code"); // empty: accepted
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("caption");
    const QByteArray token = "tok_EN-123";
    auto with = [&](const QByteArray &length) {
        return HeaderList{{"Content-Length"_ba, length}, {"X-Upload-Token"_ba, token}};
    };
    const HeaderList ok = with("1000");
    QTest::newRow("plain") << "/upload?name=cat.png"_ba << ok << QByteArray() << 0 << u"cat.png"_s
                           << QString();
    QTest::newRow("caption, utf-8, plus")
            << "/upload?name=M%C3%A4rz+notes.pdf&caption=see+p.+3%21"_ba << ok << QByteArray() << 0
            << u"März notes.pdf"_s << u"see p. 3!"_s;
    QTest::newRow("no name") << "/upload"_ba << ok << QByteArray() << 0 << u"file"_s << QString();
    QTest::newRow("traversal cleaned") << "/upload?name=..%2F..%2Fetc%2Fpasswd"_ba << ok
                                       << QByteArray() << 0 << u"passwd"_s << QString();
    QTest::newRow("unknown keys ignored")
            << "/upload?name=a.txt&v=2&&"_ba << ok << QByteArray() << 0 << u"a.txt"_s << QString();
    QTest::newRow("header names any case")
            << "/upload?name=a"_ba
            << HeaderList{{"content-LENGTH"_ba, "5"_ba}, {"x-upload-token"_ba, token}}
            << QByteArray() << 0 << u"a"_s << QString();
    QTest::newRow("exactly the limit")
            << "/upload"_ba << with("104857600") << QByteArray() << 0 << u"file"_s << QString();
    QTest::newRow("one byte over")
            << "/upload"_ba << with("104857601") << "too-big"_ba << 413 << QString() << QString();
    QTest::newRow("huge") << "/upload"_ba << with("999999999999999999") << "too-big"_ba << 413
                          << QString() << QString();
    QTest::newRow("no length") << "/upload"_ba << HeaderList{{"X-Upload-Token"_ba, token}}
                               << "length-required"_ba << 411 << QString() << QString();
    QTest::newRow("chunked") << "/upload"_ba
                             << HeaderList{{"Transfer-Encoding"_ba, "chunked"_ba},
                                           {"X-Upload-Token"_ba, token}}
                             << "length-required"_ba << 411 << QString() << QString();
    QTest::newRow("chunked with a length") << "/upload"_ba
                                           << HeaderList{{"Content-Length"_ba, "10"_ba},
                                                         {"Transfer-Encoding"_ba, "chunked"_ba},
                                                         {"X-Upload-Token"_ba, token}}
                                           << "length-required"_ba << 411 << QString() << QString();
    QTest::newRow("two lengths") << "/upload"_ba
                                 << HeaderList{{"Content-Length"_ba, "10"_ba},
                                               {"Content-Length"_ba, "10"_ba},
                                               {"X-Upload-Token"_ba, token}}
                                 << "bad-request"_ba << 400 << QString() << QString();
    QTest::newRow("negative length")
            << "/upload"_ba << with("-1") << "bad-request"_ba << 400 << QString() << QString();
    QTest::newRow("length overflow") << "/upload"_ba << with("99999999999999999999999")
                                     << "bad-request"_ba << 400 << QString() << QString();
    QTest::newRow("no token") << "/upload"_ba << HeaderList{{"Content-Length"_ba, "1"_ba}}
                              << "no-token"_ba << 401 << QString() << QString();
    QTest::newRow("token with a slash")
            << "/upload"_ba
            << HeaderList{{"Content-Length"_ba, "1"_ba}, {"X-Upload-Token"_ba, "a/b"_ba}}
            << "no-token"_ba << 401 << QString() << QString();
    QTest::newRow("two tokens") << "/upload"_ba
                                << HeaderList{{"Content-Length"_ba, "1"_ba},
                                              {"X-Upload-Token"_ba, token},
                                              {"X-Upload-Token"_ba, "other"_ba}}
                                << "bad-request"_ba << 400 << QString() << QString();
    QTest::newRow("name twice") << "/upload?name=a&name=b"_ba << ok << "bad-request"_ba << 400
                                << QString() << QString();
    QTest::newRow("bad escape") << "/upload?name=a%2"_ba << ok << "bad-request"_ba << 400
                                << QString() << QString();
    QTest::newRow("bad escape digits")
            << "/upload?name=a%zz"_ba << ok << "bad-request"_ba << 400 << QString() << QString();
    QTest::newRow("not utf-8") << "/upload?name=%FF%FE"_ba << ok << "bad-request"_ba << 400
                               << QString() << QString();
    QTest::newRow("caption not utf-8")
            << "/upload?caption=%C3"_ba << ok << "bad-request"_ba << 400 << QString() << QString();
    QTest::newRow("caption too long") << "/upload?caption="_ba + QByteArray(2001, 'x') << ok
                                      << "caption-too-long"_ba << 400 << QString() << QString();
    QTest::newRow("name too long") << "/upload?name="_ba + QByteArray(1025, 'x') << ok
                                   << "bad-request"_ba << 400 << QString() << QString();
    QTest::newRow("query too long") << "/upload?x="_ba + QByteArray(9000, 'x') << ok
                                    << "bad-request"_ba << 400 << QString() << QString();
    QTest::newRow("reply to a message")
            << "/upload?replyTo=abc_DEF-1"_ba << ok << QByteArray() << 0 << u"file"_s << QString();
    QTest::newRow("reply to junk") << "/upload?replyTo=%3Cscript%3E"_ba << ok << "bad-request"_ba
                                   << 400 << QString() << QString();
    QTest::newRow("private to junk")
            << "/upload?to="_ba << ok << "bad-request"_ba << 400 << QString() << QString();
}

void TestFiles::uploadHead()
{
    QFETCH(QByteArray, target);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, code);
    QFETCH(int, status);
    QFETCH(QString, name);
    QFETCH(QString, caption);
    const UploadParse parsed = parseUploadHead(target, headers, UploadLimits{});
    if (code.isEmpty()) {
        if (const auto *refusal = std::get_if<UploadRefusal>(&parsed))
            QFAIL(refusal->reason.constData());
        const auto &head = std::get<UploadHead>(parsed);
        QCOMPARE(head.name, name);
        QCOMPARE(head.caption, caption);
        QCOMPARE(head.token, "tok_EN-123"_ba);
    } else {
        QVERIFY(std::holds_alternative<UploadRefusal>(parsed));
        const auto &refusal = std::get<UploadRefusal>(parsed);
        QCOMPARE(refusal.code, code);
        QCOMPARE(refusal.status, status);
        QVERIFY(!refusal.reason.isEmpty());
    }
}

QTEST_APPLESS_MAIN(TestFiles)
#include "tst_files.moc"
