// Engine.IO v4 packet and polling payload codec, table-driven.
#include "engineio/packet.h"

#include <QTest>

using namespace ChatHost::EngineIO;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ChatHost::EngineIO::Packet)

class TestEngineIoPacket : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decode_data();
    void decode();
    void decodeInvalid_data();
    void decodeInvalid();
    void encode_data();
    void encode();
    void payload_data();
    void payload();
    void payloadRoundTrip();
};

void TestEngineIoPacket::decode_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Packet>("expected");
    QTest::newRow("open") << u"0{\"sid\":\"x\"}"_s
                          << Packet::control(PacketType::Open, u"{\"sid\":\"x\"}"_s);
    QTest::newRow("close") << u"1"_s << Packet::control(PacketType::Close);
    QTest::newRow("ping") << u"2"_s << Packet::control(PacketType::Ping);
    QTest::newRow("probe ping") << u"2probe"_s << Packet::control(PacketType::Ping, u"probe"_s);
    QTest::newRow("pong") << u"3"_s << Packet::control(PacketType::Pong);
    QTest::newRow("message") << u"4hello"_s << Packet::message(u"hello"_s);
    QTest::newRow("empty message") << u"4"_s << Packet::message(QString());
    QTest::newRow("unicode message")
            << u"4\u20ac\U0001F600"_s << Packet::message(u"\u20ac\U0001F600"_s);
    QTest::newRow("upgrade") << u"5"_s << Packet::control(PacketType::Upgrade);
    QTest::newRow("noop") << u"6"_s << Packet::control(PacketType::Noop);
    QTest::newRow("binary") << u"bAQID"_s << Packet::binaryMessage(QByteArray("\x01\x02\x03"));
    QTest::newRow("empty binary") << u"b"_s << Packet::binaryMessage(QByteArray());
}

void TestEngineIoPacket::decode()
{
    QFETCH(QString, text);
    QFETCH(Packet, expected);
    const auto packet = decodePacket(text);
    QVERIFY(packet);
    QCOMPARE(*packet, expected);
}

void TestEngineIoPacket::decodeInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("type 7") << u"7"_s;
    QTest::newRow("type 9") << u"9abc"_s;
    QTest::newRow("letter") << u"x"_s;
    QTest::newRow("bad base64") << u"b!!!"_s;
    QTest::newRow("non-ascii base64") << u"b\u00e9AAA"_s;
    QTest::newRow("space first") << u" 4a"_s;
}

void TestEngineIoPacket::decodeInvalid()
{
    QFETCH(QString, text);
    QVERIFY(!decodePacket(text));
}

void TestEngineIoPacket::encode_data()
{
    QTest::addColumn<Packet>("packet");
    QTest::addColumn<QString>("text");
    QTest::newRow("ping") << Packet::control(PacketType::Ping) << u"2"_s;
    QTest::newRow("probe") << Packet::control(PacketType::Pong, u"probe"_s) << u"3probe"_s;
    QTest::newRow("message") << Packet::message(u"42[\"a\"]"_s) << u"442[\"a\"]"_s;
    QTest::newRow("binary") << Packet::binaryMessage(QByteArray("\x00\xff", 2)) << u"bAP8="_s;
}

void TestEngineIoPacket::encode()
{
    QFETCH(Packet, packet);
    QFETCH(QString, text);
    QCOMPARE(encodePacket(packet), text);
}

void TestEngineIoPacket::payload_data()
{
    QTest::addColumn<QString>("payload");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("error");
    QTest::newRow("one") << u"4hello"_s << 1 << false;
    QTest::newRow("three") << u"4a\x1e"
                              "4b\x1e"
                              "3"_s
                           << 3 << false;
    QTest::newRow("binary inside") << u"4a\x1e"
                                      "bAQ==\x1e"
                                      "4c"_s
                                   << 3 << false;
    QTest::newRow("empty payload") << QString() << 0 << true;
    QTest::newRow("empty packet between") << u"4a\x1e\x1e"
                                             "4b"_s
                                          << 1 << true;
    QTest::newRow("trailing separator") << u"4a\x1e"_s << 1 << true;
    QTest::newRow("bad second") << u"4a\x1e"
                                   "9\x1e"
                                   "4c"_s
                                << 1 << true;
    QTest::newRow("bad first") << u"x\x1e"
                                  "4a"_s
                               << 0 << true;
}

void TestEngineIoPacket::payload()
{
    QFETCH(QString, payload);
    QFETCH(int, count);
    QFETCH(bool, error);
    const DecodedPayload decoded = decodePayload(payload);
    QCOMPARE(decoded.packets.size(), count);
    QCOMPARE(decoded.error, error);
}

void TestEngineIoPacket::payloadRoundTrip()
{
    const QList<Packet> packets = {Packet::message(u"x"_s), Packet::binaryMessage("\x01"),
                                   Packet::control(PacketType::Ping), Packet::message(u"\u00e9"_s)};
    const QString encoded = encodePayload(packets);
    QCOMPARE(encoded,
             u"4x\x1e"
             "bAQ==\x1e"
             "2\x1e"
             "4\u00e9"_s);
    const DecodedPayload decoded = decodePayload(encoded);
    QVERIFY(!decoded.error);
    QCOMPARE(decoded.packets, packets);
}

QTEST_GUILESS_MAIN(TestEngineIoPacket)
#include "tst_engineiopacket.moc"
