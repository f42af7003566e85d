// Socket.IO v5 packets: encoding, and a decoder that reassembles binary attachments. Pure value
// code, no sockets.
#pragma once

#include "json/jsonvalue.h"

#include <QString>

#include <limits>
#include <optional>
#include <vector>

namespace ChatHost::SocketIO {

using Json::JsonValue;

enum class PacketType {
    Connect = 0,
    Disconnect = 1,
    Event = 2,
    Ack = 3,
    ConnectError = 4,
    BinaryEvent = 5,
    BinaryAck = 6,
};

struct Packet
{
    PacketType type = PacketType::Event;
    QString nsp = QStringLiteral("/");
    qint64 id = -1; // ack id, -1 for none
    std::optional<JsonValue> data; // binary values inside are JsonValue::Binary

    friend bool operator==(const Packet &a, const Packet &b)
    {
        return a.type == b.type && a.nsp == b.nsp && a.id == b.id && a.data == b.data;
    }
};

// One packet as it goes on the wire: a text Engine.IO message and the binary messages that
// follow it.
struct EncodedPacket
{
    QString text;
    std::vector<QByteArray> attachments;
};

// Event and Ack packets whose data holds binary values are written as BinaryEvent/BinaryAck
// with placeholders; the caller does not choose.
EncodedPacket encode(const Packet &packet);
// How many packets encode() has written in this process: lets tests prove a broadcast is encoded
// once, whatever the number of recipients.
quint64 encodedPacketCount();

// Event names a client may not use: the client library reserves them.
bool isReservedEventName(QStringView name);

// Turns Engine.IO messages back into packets. Feed it every message of one connection in order.
class Decoder
{
public:
    enum class Status { Packet, NeedAttachment, Error };
    struct Result
    {
        Status status = Status::Error;
        Packet packet; // valid when status == Packet
        QString error; // why, when status == Error
    };

    Result addText(QStringView text);
    Result addBinary(const QByteArray &bytes);
    bool awaitingAttachments() const { return m_pending.has_value(); }
    // Drops a packet still waiting for attachments, and what it holds.
    void reset();

    // The attachments of one packet together may not exceed this (the server's maxPayload:
    // a packet is one message, whichever way it is split).
    void setMaxAttachmentBytes(qint64 bytes) { m_maxAttachmentBytes = bytes; }

    static constexpr int kMaxAttachments = 10;

private:
    Result finish();

    std::optional<Packet> m_pending;
    int m_expected = 0;
    std::vector<QByteArray> m_attachments;
    qint64 m_attachmentBytes = 0;
    qint64 m_maxAttachmentBytes = std::numeric_limits<qint64>::max();
};

} // namespace ChatHost::SocketIO
