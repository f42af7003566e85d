// Engine.IO v4 packets and polling payloads: pure value code, no sockets.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace ChatHost::EngineIO {

enum class PacketType : char16_t {
    Open = u'0',
    Close = u'1',
    Ping = u'2',
    Pong = u'3',
    Message = u'4',
    Upgrade = u'5',
    Noop = u'6',
};

struct Packet
{
    PacketType type = PacketType::Noop;
    QString text; // data of a text packet
    QByteArray binary; // data of a binary message
    bool isBinary = false;

    static Packet message(QString data)
    {
        return {PacketType::Message, std::move(data), {}, false};
    }
    static Packet binaryMessage(QByteArray data)
    {
        return {PacketType::Message, {}, std::move(data), true};
    }
    static Packet control(PacketType type, QString data = {})
    {
        return {type, std::move(data), {}, false};
    }

    friend bool operator==(const Packet &a, const Packet &b)
    {
        return a.type == b.type && a.isBinary == b.isBinary && a.text == b.text
                && a.binary == b.binary;
    }
};

// The record separator that joins packets in a polling payload.
inline constexpr char16_t kRecordSeparator = u'\x1e';

// Decodes one packet in its text form: a type digit and UTF-8 data, or 'b' and base64 data
// (a binary message on polling). nullopt for anything else.
std::optional<Packet> decodePacket(QStringView text);

// The text form of a packet; binary messages become 'b' + base64.
QString encodePacket(const Packet &packet);
void appendEncodedPacket(QString &out, const Packet &packet);

struct DecodedPayload
{
    QList<Packet> packets; // the packets before the first bad one
    bool error = false; // a packet could not be decoded: the session must close
};

DecodedPayload decodePayload(QStringView payload);
QString encodePayload(const QList<Packet> &packets);

} // namespace ChatHost::EngineIO
