// RFC 6455 framing for the server side: frames the server sends (unmasked, encoded once and
// shared by every recipient) and an incremental reader of what clients send (masked frames,
// fragmentation, control frames, size limit, UTF-8). Pure value code, no sockets.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "websocket/closecode.h"

#include <functional>

namespace ChatHost::WebSocket {

enum class Opcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

// One whole server-to-client frame: header and payload in one buffer, so that a broadcast is
// framed once and the very same bytes (implicitly shared) are written to every socket.
class OutgoingMessage
{
public:
    OutgoingMessage() = default;
    static OutgoingMessage text(QByteArrayView utf8);
    static OutgoingMessage binary(QByteArrayView data);
    // A control frame; payloads over 125 bytes are cut to 125 (RFC 6455, 5.5).
    static OutgoingMessage control(Opcode opcode, QByteArrayView payload = {});
    static OutgoingMessage close(CloseCode code, QByteArrayView reason = {});

    const QByteArray &wire() const { return m_wire; }
    QByteArrayView payload() const { return QByteArrayView(m_wire).sliced(m_headerSize); }
    bool isBinary() const { return m_opcode == Opcode::Binary; }
    bool isNull() const { return m_wire.isEmpty(); }

private:
    OutgoingMessage(Opcode opcode, QByteArrayView payload);
    QByteArray m_wire;
    quint8 m_headerSize = 0;
    Opcode m_opcode = Opcode::Text;
};

// The header of an unmasked frame with FIN set: 2, 4 or 10 bytes.
QByteArray frameHeader(Opcode opcode, qint64 payloadLength);

// Whether bytes are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool isValidUtf8(QByteArrayView bytes);

// Reads client frames incrementally. feed() consumes every complete frame at the start of data
// and reports each whole message or control frame to the sink; the caller keeps the bytes that
// were not consumed (an incomplete frame) and passes them again with more. After an error
// (errorCode() != 0) the connection must be closed with that code; nothing more is read.
class MessageReader
{
public:
    struct Message
    {
        Opcode opcode = Opcode::Text; // Text, Binary, Close, Ping or Pong
        QByteArray data; // binary payload, ping/pong payload, close reason
        QString text; // the decoded text of a Text message
        quint16 closeCode = 0; // for Close: the peer's code (any valid one), or NoStatus
    };
    // Return false to stop reading (e.g. the connection closed in the sink).
    using Sink = std::function<bool(Message &&)>;

    explicit MessageReader(qint64 maxMessageSize = 1000000)
        : m_maxMessageSize(maxMessageSize)
    { }

    qsizetype feed(QByteArrayView data, const Sink &sink);

    // The CloseCode to close with after an error, 0 while there is none.
    quint16 errorCode() const { return m_error; }
    const char *errorText() const { return m_errorText; }
    // Bytes of a fragmented message held until its last fragment arrives.
    qsizetype pendingBytes() const { return m_fragments.size(); }
    // Forgets the fragmented message under way (the connection is closing).
    void dropPending()
    {
        m_fragments = QByteArray();
        m_fragmentOpcode = Opcode::Continuation;
    }

private:
    struct FrameHeader;
    // The steps of feed() for one frame: its header, the rules it must keep, its payload.
    bool readHeader(const quint8 *p, qsizetype avail, FrameHeader &header);
    bool checkFrame(const FrameHeader &header);
    bool takeFrame(const FrameHeader &header, const quint8 *keyAndPayload, const Sink &sink);
    bool fail(CloseCode code, const char *text);
    bool deliver(Opcode opcode, QByteArray payload, const Sink &sink);

    qint64 m_maxMessageSize;
    QByteArray m_fragments; // payload of a fragmented data message being assembled
    Opcode m_fragmentOpcode = Opcode::Continuation; // Continuation: none in progress
    quint16 m_error = 0;
    const char *m_errorText = "";
};

} // namespace ChatHost::WebSocket
