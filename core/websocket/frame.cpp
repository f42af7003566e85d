// See frame.h.
#include "websocket/frame.h"

#include <QtEndian>

#include <cstring>

namespace ChatHost::WebSocket {

namespace {

constexpr quint8 kFin = 0x80;
constexpr quint8 kRsvMask = 0x70;
constexpr quint8 kMaskBit = 0x80;
constexpr qsizetype kMaxControlPayload = 125;

bool isControl(quint8 opcode)
{
    return (opcode & 0x8) != 0;
}

bool isKnownOpcode(quint8 opcode)
{
    return opcode <= 0x2 || (opcode >= 0x8 && opcode <= 0xA);
}

void unmask(char *data, qsizetype size, const quint8 key[4])
{
    // Eight bytes at a time, then the rest; the key is rotated to line up with the offset.
    quint64 wide = 0;
    for (int i = 0; i < 8; ++i)
        wide |= quint64(key[i % 4]) << (8 * i);
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 chunk;
        std::memcpy(&chunk, data + i, 8);
        chunk ^= qToLittleEndian(wide);
        std::memcpy(data + i, &chunk, 8);
    }
    for (; i < size; ++i)
        data[i] = char(quint8(data[i]) ^ key[i % 4]);
}

} // namespace

QByteArray frameHeader(Opcode opcode, qint64 payloadLength)
{
    QByteArray header;
    const char first = char(kFin | quint8(opcode));
    if (payloadLength < 126) {
        header.reserve(2);
        header.append(first);
        header.append(char(payloadLength));
    } else if (payloadLength <= 0xFFFF) {
        header.resize(4);
        header[0] = first;
        header[1] = char(126);
        qToBigEndian(quint16(payloadLength), header.data() + 2);
    } else {
        header.resize(10);
        header[0] = first;
        header[1] = char(127);
        qToBigEndian(quint64(payloadLength), header.data() + 2);
    }
    return header;
}

OutgoingMessage::OutgoingMessage(Opcode opcode, QByteArrayView payload)
    : m_opcode(opcode)
{
    const QByteArray header = frameHeader(opcode, payload.size());
    m_headerSize = quint8(header.size());
    m_wire.reserve(header.size() + payload.size());
    m_wire.append(header);
    m_wire.append(payload);
}

OutgoingMessage OutgoingMessage::text(QByteArrayView utf8)
{
    return OutgoingMessage(Opcode::Text, utf8);
}

OutgoingMessage OutgoingMessage::binary(QByteArrayView data)
{
    return OutgoingMessage(Opcode::Binary, data);
}

OutgoingMessage OutgoingMessage::control(Opcode opcode, QByteArrayView payload)
{
    return OutgoingMessage(opcode, payload.first(qMin(payload.size(), kMaxControlPayload)));
}

OutgoingMessage OutgoingMessage::close(CloseCode code, QByteArrayView reason)
{
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian(toNumber(code), payload.data());
    // The reason is cut at a character boundary so that the frame stays valid UTF-8.
    qsizetype n = qMin(reason.size(), kMaxControlPayload - 2);
    while (n > 0 && n < reason.size() && (quint8(reason[n]) & 0xC0) == 0x80)
        --n;
    payload.append(reason.first(n));
    return OutgoingMessage(Opcode::Close, payload);
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const quint8 *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
        // ASCII runs are the common case: skip them eight bytes at a time.
        while (end - p >= 8) {
            quint64 chunk;
            std::memcpy(&chunk, p, 8);
            if (chunk & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p == end)
            break;
        const quint8 b = *p;
        if (b < 0x80) {
            ++p;
            continue;
        }
        int extra;
        quint32 min;
        quint32 cp;
        if ((b & 0xE0) == 0xC0) {
            extra = 1;
            min = 0x80;
            cp = b & 0x1F;
        } else if ((b & 0xF0) == 0xE0) {
            extra = 2;
            min = 0x800;
            cp = b & 0x0F;
        } else if ((b & 0xF8) == 0xF0) {
            extra = 3;
            min = 0x10000;
            cp = b & 0x07;
        } else {
            return false; // a continuation byte without a lead, or 0xF8..0xFF
        }
        if (end - p <= extra)
            return false;
        for (int i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += extra + 1;
    }
    return true;
}

bool MessageReader::fail(CloseCode code, const char *text)
{
    m_error = toNumber(code);
    m_errorText = text;
    m_fragments.clear();
    return false;
}

bool MessageReader::deliver(Opcode opcode, QByteArray payload, const Sink &sink)
{
    Message m;
    m.opcode = opcode;
    switch (opcode) {
    case Opcode::Text:
        if (!isValidUtf8(payload))
            return fail(CloseCode::InvalidData, "text message is not valid UTF-8");
        m.text = QString::fromUtf8(payload);
        break;
    case Opcode::Close:
        if (payload.isEmpty()) {
            m.closeCode = toNumber(CloseCode::NoStatus);
        } else if (payload.size() == 1) {
            return fail(CloseCode::ProtocolError, "close frame with a one-byte payload");
        } else {
            m.closeCode = qFromBigEndian<quint16>(payload.constData());
            if (!isValidPeerCloseCode(m.closeCode))
                return fail(CloseCode::ProtocolError, "invalid close code");
            m.data = payload.mid(2);
            if (!isValidUtf8(m.data))
                return fail(CloseCode::InvalidData, "close reason is not valid UTF-8");
        }
        break;
    default: m.data = std::move(payload); break;
    }
    return sink(std::move(m));
}

// One frame as its header describes it.
struct MessageReader::FrameHeader
{
    bool fin = false;
    quint8 opcode = 0;
    quint64 length = 0; // of the payload
    qsizetype size = 2; // of the header, without the masking key
};

qsizetype MessageReader::feed(QByteArrayView data, const Sink &sink)
{
    qsizetype pos = 0;
    while (m_error == 0) {
        const auto *p = reinterpret_cast<const quint8 *>(data.data() + pos);
        const qsizetype avail = data.size() - pos;
        FrameHeader header;
        if (!readHeader(p, avail, header) || !checkFrame(header))
            break; // incomplete, or failed
        const qsizetype frameSize = header.size + 4 + qsizetype(header.length);
        if (avail < frameSize)
            break;
        pos += frameSize;
        if (!takeFrame(header, p + header.size, sink))
            break;
    }
    return pos;
}

// The steps of feed() are inline (used in this file only): with -fPIC, which Qt requires, GCC
// would otherwise call them out of line for every frame (takeFrame() even so, without the
// attribute; measured with bench/codecbench.cpp).

// False if the header is incomplete (wait for more) or breaks the framing (failed).
inline bool MessageReader::readHeader(const quint8 *p, qsizetype avail, FrameHeader &header)
{
    if (avail < 2)
        return false;
    const quint8 b0 = p[0];
    const quint8 b1 = p[1];
    header.fin = b0 & kFin;
    header.opcode = b0 & 0x0F;
    if (b0 & kRsvMask)
        return fail(CloseCode::ProtocolError, "reserved bits set (no extension was agreed)");
    if (!isKnownOpcode(header.opcode))
        return fail(CloseCode::ProtocolError, "unknown opcode");
    if (!(b1 & kMaskBit))
        return fail(CloseCode::ProtocolError, "client frame is not masked");
    header.length = b1 & 0x7F;
    if (header.length == 126) {
        if (avail < 4)
            return false;
        header.length = qFromBigEndian<quint16>(p + 2);
        header.size = 4;
        if (header.length < 126)
            return fail(CloseCode::ProtocolError, "length not in its shortest form");
    } else if (header.length == 127) {
        if (avail < 10)
            return false;
        header.length = qFromBigEndian<quint64>(p + 2);
        header.size = 10;
        if (header.length >> 63)
            return fail(CloseCode::ProtocolError, "length with the high bit set");
        if (header.length <= 0xFFFF)
            return fail(CloseCode::ProtocolError, "length not in its shortest form");
    }
    return true;
}

// The rules for control frames and fragments, and the size limit: checked before the payload
// arrives, so that a peer cannot make us buffer past the limit.
inline bool MessageReader::checkFrame(const FrameHeader &header)
{
    if (isControl(header.opcode)) {
        if (!header.fin)
            return fail(CloseCode::ProtocolError, "fragmented control frame");
        if (header.length > quint64(kMaxControlPayload))
            return fail(CloseCode::ProtocolError, "control frame longer than 125 bytes");
        return true;
    }
    const bool continuing = m_fragmentOpcode != Opcode::Continuation;
    if (header.opcode == 0 && !continuing)
        return fail(CloseCode::ProtocolError, "continuation without a message");
    if (header.opcode != 0 && continuing)
        return fail(CloseCode::ProtocolError, "new message inside a fragmented one");
    if (header.length + quint64(m_fragments.size()) > quint64(m_maxMessageSize))
        return fail(CloseCode::TooBig, "message too big");
    return true;
}

// Unmasks the payload and delivers it, or adds it to the fragmented message being assembled.
// False when reading must stop.
Q_ALWAYS_INLINE bool MessageReader::takeFrame(const FrameHeader &header,
                                              const quint8 *keyAndPayload, const Sink &sink)
{
    quint8 key[4];
    std::memcpy(key, keyAndPayload, 4);
    QByteArray payload(reinterpret_cast<const char *>(keyAndPayload + 4), qsizetype(header.length));
    unmask(payload.data(), payload.size(), key);
    if (isControl(header.opcode) || (header.opcode != 0 && header.fin))
        return deliver(Opcode(header.opcode), std::move(payload), sink);
    if (header.opcode != 0)
        m_fragmentOpcode = Opcode(header.opcode);
    m_fragments.append(payload);
    if (!header.fin)
        return true;
    const Opcode whole = std::exchange(m_fragmentOpcode, Opcode::Continuation);
    return deliver(whole, std::exchange(m_fragments, {}), sink);
}

} // namespace ChatHost::WebSocket
