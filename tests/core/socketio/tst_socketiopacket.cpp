// Socket.IO v5 packet codec: encoding, decoding, binary attachments and every malformed case of
// shared/docs/protocol.md, table-driven.
#include "socketio/packet.h"

#include <QTest>

using namespace ChatHost::SocketIO;
using namespace Qt::StringLiterals;
namespace Json = ChatHost::Json;

class TestSocketIoPacket : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodeValid_data();
    void decodeValid();
    void decodeInvalid_data();
    void decodeInvalid();
    void encode_data();
    void encode();
    void binaryRoundTrip();
    void binaryDecoderErrors_data();
    void binaryDecoderErrors();
    void relayKeepsJsonExact();
    void attachmentBytesCapped();
};

void TestSocketIoPacket::decodeValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("nsp");
    QTest::addColumn<qint64>("id");
    QTest::addColumn<QString>("data"); // JSON of data, empty for none
    QTest::newRow("connect /") << u"0"_s << 0 << u"/"_s << qint64(-1) << QString();
    QTest::newRow("connect with auth")
            << u"0{\"token\":\"abc\"}"_s << 0 << u"/"_s << qint64(-1) << u"{\"token\":\"abc\"}"_s;
    QTest::newRow("connect /custom no comma")
            << u"0/custom"_s << 0 << u"/custom"_s << qint64(-1) << QString();
    QTest::newRow("connect /custom auth")
            << u"0/custom,{\"a\":1}"_s << 0 << u"/custom"_s << qint64(-1) << u"{\"a\":1}"_s;
    QTest::newRow("disconnect") << u"1"_s << 1 << u"/"_s << qint64(-1) << QString();
    QTest::newRow("disconnect nsp") << u"1/admin,"_s << 1 << u"/admin"_s << qint64(-1) << QString();
    QTest::newRow("event") << u"2[\"hello\",1]"_s << 2 << u"/"_s << qint64(-1)
                           << u"[\"hello\",1]"_s;
    QTest::newRow("event numeric name") << u"2[1,2]"_s << 2 << u"/"_s << qint64(-1) << u"[1,2]"_s;
    QTest::newRow("event with ack") << u"212[\"x\"]"_s << 2 << u"/"_s << qint64(12) << u"[\"x\"]"_s;
    QTest::newRow("event nsp ack") << u"2/admin,456[\"project:delete\",123]"_s << 2 << u"/admin"_s
                                   << qint64(456) << u"[\"project:delete\",123]"_s;
    QTest::newRow("ack") << u"3456[]"_s << 3 << u"/"_s << qint64(456) << u"[]"_s;
    QTest::newRow("ack nsp") << u"3/admin,456[\"ok\"]"_s << 3 << u"/admin"_s << qint64(456)
                             << u"[\"ok\"]"_s;
    QTest::newRow("connect error")
            << u"4{\"message\":\"no\"}"_s << 4 << u"/"_s << qint64(-1) << u"{\"message\":\"no\"}"_s;
    QTest::newRow("connect error string")
            << u"4\"no\""_s << 4 << u"/"_s << qint64(-1) << u"\"no\""_s;
}

void TestSocketIoPacket::decodeValid()
{
    QFETCH(QString, text);
    QFETCH(int, type);
    QFETCH(QString, nsp);
    QFETCH(qint64, id);
    QFETCH(QString, data);
    Decoder decoder;
    const auto r = decoder.addText(text);
    QVERIFY2(r.status == Decoder::Status::Packet, qPrintable(r.error));
    QCOMPARE(int(r.packet.type), type);
    QCOMPARE(r.packet.nsp, nsp);
    QCOMPARE(r.packet.id, id);
    QCOMPARE(r.packet.data ? r.packet.data->toJson() : QString(), data);
}

void TestSocketIoPacket::decodeInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("unknown type 7") << u"7"_s;
    QTest::newRow("unknown type letter") << u"a"_s;
    QTest::newRow("bad json") << u"2[\"a\",]"_s;
    QTest::newRow("json garbage") << u"2{{{"_s;
    QTest::newRow("connect with array") << u"0[1]"_s;
    QTest::newRow("connect with string") << u"0\"x\""_s;
    QTest::newRow("disconnect with data") << u"1{}"_s;
    QTest::newRow("event not array") << u"2{\"a\":1}"_s;
    QTest::newRow("event empty array") << u"2[]"_s;
    QTest::newRow("event name object") << u"2[{}]"_s;
    QTest::newRow("event name null") << u"2[null]"_s;
    QTest::newRow("event no data") << u"2"_s;
    QTest::newRow("reserved connect") << u"2[\"connect\"]"_s;
    QTest::newRow("reserved connect_error") << u"2[\"connect_error\"]"_s;
    QTest::newRow("reserved disconnect") << u"2[\"disconnect\"]"_s;
    QTest::newRow("reserved disconnecting") << u"2[\"disconnecting\"]"_s;
    QTest::newRow("reserved newListener") << u"2[\"newListener\"]"_s;
    QTest::newRow("reserved removeListener") << u"2[\"removeListener\"]"_s;
    QTest::newRow("ack not array") << u"31{}"_s;
    QTest::newRow("ack no data") << u"31"_s;
    QTest::newRow("connect error number") << u"41"_s;
    QTest::newRow("connect error none") << u"4"_s;
    QTest::newRow("binary no count") << u"5[\"a\"]"_s;
    QTest::newRow("binary zero attachments") << u"50-[\"a\",{\"_placeholder\":true,\"num\":0}]"_s;
    QTest::newRow("binary eleven attachments") << u"511-[\"a\"]"_s;
    QTest::newRow("binary negative") << u"5-1-[\"a\"]"_s;
    QTest::newRow("binary non-numeric") << u"5x-[\"a\"]"_s;
    QTest::newRow("binary huge count") << u"599999999999-[\"a\"]"_s;
    QTest::newRow("huge ack id") << u"21234567890123456789[\"a\"]"_s;
    QTest::newRow("trailing junk") << u"2[\"a\"]x"_s;
    QTest::newRow("id on connect") << u"01{}"_s;
}

void TestSocketIoPacket::decodeInvalid()
{
    QFETCH(QString, text);
    Decoder decoder;
    const auto r = decoder.addText(text);
    QCOMPARE(r.status, Decoder::Status::Error);
    QVERIFY(!r.error.isEmpty());
}

void TestSocketIoPacket::encode_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("nsp");
    QTest::addColumn<qint64>("id");
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("text");
    QTest::newRow("connect reply")
            << 0 << u"/"_s << qint64(-1) << u"{\"sid\":\"abc\"}"_s << u"0{\"sid\":\"abc\"}"_s;
    QTest::newRow("connect reply nsp") << 0 << u"/custom"_s << qint64(-1) << u"{\"sid\":\"abc\"}"_s
                                       << u"0/custom,{\"sid\":\"abc\"}"_s;
    QTest::newRow("disconnect") << 1 << u"/"_s << qint64(-1) << QString() << u"1"_s;
    QTest::newRow("disconnect nsp") << 1 << u"/a"_s << qint64(-1) << QString() << u"1/a,"_s;
    QTest::newRow("event") << 2 << u"/"_s << qint64(-1) << u"[\"m\",\"hi\"]"_s
                           << u"2[\"m\",\"hi\"]"_s;
    QTest::newRow("event ack nsp")
            << 2 << u"/a"_s << qint64(7) << u"[\"m\"]"_s << u"2/a,7[\"m\"]"_s;
    QTest::newRow("ack") << 3 << u"/"_s << qint64(3) << u"[1,2]"_s << u"33[1,2]"_s;
    QTest::newRow("connect error")
            << 4 << u"/x"_s << qint64(-1) << u"{\"message\":\"Invalid namespace\"}"_s
            << u"4/x,{\"message\":\"Invalid namespace\"}"_s;
}

void TestSocketIoPacket::encode()
{
    QFETCH(int, type);
    QFETCH(QString, nsp);
    QFETCH(qint64, id);
    QFETCH(QString, data);
    QFETCH(QString, text);
    Packet p;
    p.type = PacketType(type);
    p.nsp = nsp;
    p.id = id;
    if (!data.isEmpty())
        p.data = *Json::parse(data).value;
    const EncodedPacket e = ChatHost::SocketIO::encode(p);
    QCOMPARE(e.text, text);
    QVERIFY(e.attachments.empty());
}

void TestSocketIoPacket::binaryRoundTrip()
{
    Packet p;
    p.type = PacketType::Event;
    p.nsp = u"/custom"_s;
    p.id = 9;
    p.data = JsonValue(JsonValue::Array{
            JsonValue(u"file"_s), JsonValue::fromBinary(QByteArray("\x00\x01\x02", 3)),
            JsonValue(JsonValue::Object{{u"inner"_s, JsonValue::fromBinary("xyz")}, {u"n"_s, 5}})});
    const EncodedPacket e = ChatHost::SocketIO::encode(p);
    QCOMPARE(
            e.text,
            u"52-/custom,9[\"file\",{\"_placeholder\":true,\"num\":0},{\"inner\":{\"_placeholder\":true,\"num\":1},\"n\":5}]"_s);
    QCOMPARE(e.attachments.size(), size_t(2));

    Decoder decoder;
    auto r = decoder.addText(e.text);
    QCOMPARE(r.status, Decoder::Status::NeedAttachment);
    QVERIFY(decoder.awaitingAttachments());
    r = decoder.addBinary(e.attachments[0]);
    QCOMPARE(r.status, Decoder::Status::NeedAttachment);
    r = decoder.addBinary(e.attachments[1]);
    QCOMPARE(r.status, Decoder::Status::Packet);
    QCOMPARE(r.packet, p);
    QVERIFY(!decoder.awaitingAttachments());

    // A binary ack encodes as type 6.
    Packet ack;
    ack.type = PacketType::Ack;
    ack.id = 1;
    ack.data = JsonValue(JsonValue::Array{JsonValue::fromBinary("a")});
    QCOMPARE(ChatHost::SocketIO::encode(ack).text, u"61-1[{\"_placeholder\":true,\"num\":0}]"_s);
}

void TestSocketIoPacket::binaryDecoderErrors_data()
{
    QTest::addColumn<QStringList>("texts"); // "#" entries stand for one binary attachment
    QTest::newRow("binary without header") << QStringList{u"#"_s};
    QTest::newRow("text while attachments pending")
            << QStringList{u"51-[\"a\",{\"_placeholder\":true,\"num\":0}]"_s, u"2[\"b\"]"_s};
    QTest::newRow("placeholder num out of range")
            << QStringList{u"51-[\"a\",{\"_placeholder\":true,\"num\":1}]"_s, u"#"_s};
    QTest::newRow("placeholder num negative")
            << QStringList{u"51-[\"a\",{\"_placeholder\":true,\"num\":-1}]"_s, u"#"_s};
    QTest::newRow("placeholder num not integer")
            << QStringList{u"51-[\"a\",{\"_placeholder\":true,\"num\":0.5}]"_s, u"#"_s};
    // Found by fuzzing: one attachment referenced twice would be copied on every relay.
    QTest::newRow("attachment referenced twice") << QStringList{
            u"52-[\"a\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":1}]"_s,
            u"#"_s, u"#"_s};
    QTest::newRow("extra attachment")
            << QStringList{u"51-[\"a\",{\"_placeholder\":true,\"num\":0}]"_s, u"#"_s, u"#"_s};
}

void TestSocketIoPacket::binaryDecoderErrors()
{
    QFETCH(QStringList, texts);
    Decoder decoder;
    Decoder::Status last = Decoder::Status::Packet;
    for (const QString &t : texts) {
        const auto r = t == u"#" ? decoder.addBinary("bin") : decoder.addText(t);
        last = r.status;
        if (last == Decoder::Status::Error)
            break;
    }
    QCOMPARE(last, Decoder::Status::Error);
}

void TestSocketIoPacket::relayKeepsJsonExact()
{
    // What a client sends is what others receive: key order and big integers intact.
    const QString sent = u"2[\"chat\",{\"z\":1,\"a\":12345678901234567890,\"m\":\"\\u0000\"}]"_s;
    Decoder decoder;
    const auto r = decoder.addText(sent);
    QCOMPARE(r.status, Decoder::Status::Packet);
    QCOMPARE(ChatHost::SocketIO::encode(r.packet).text, sent);
}

void TestSocketIoPacket::attachmentBytesCapped()
{
    // The attachments of one packet together may not exceed maxPayload: 3 of 4 bytes are fine,
    // the next one refuses the packet, and the decoder holds nothing of it afterwards.
    const QString header
            = u"53-[\"a\",{\"_placeholder\":true,\"num\":0},"
              u"{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":2}]"_s;
    Decoder decoder;
    decoder.setMaxAttachmentBytes(4);
    QCOMPARE(decoder.addText(header).status, Decoder::Status::NeedAttachment);
    QCOMPARE(decoder.addBinary("ab").status, Decoder::Status::NeedAttachment);
    QCOMPARE(decoder.addBinary("c").status, Decoder::Status::NeedAttachment);
    const auto refused = decoder.addBinary("de");
    QCOMPARE(refused.status, Decoder::Status::Error);
    QVERIFY(!decoder.awaitingAttachments());
    // Exactly at the cap is accepted.
    QCOMPARE(decoder.addText(header).status, Decoder::Status::NeedAttachment);
    QCOMPARE(decoder.addBinary("ab").status, Decoder::Status::NeedAttachment);
    QCOMPARE(decoder.addBinary("c").status, Decoder::Status::NeedAttachment);
    QCOMPARE(decoder.addBinary("d").status, Decoder::Status::Packet);
    // reset() drops a packet still waiting (the attachment timeout does that).
    QCOMPARE(decoder.addText(header).status, Decoder::Status::NeedAttachment);
    decoder.reset();
    QVERIFY(!decoder.awaitingAttachments());
    QCOMPARE(decoder.addText(u"2[\"b\"]"_s).status, Decoder::Status::Packet);
}

QTEST_GUILESS_MAIN(TestSocketIoPacket)
#include "tst_socketiopacket.moc"
