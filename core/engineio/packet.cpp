// Engine.IO v4 packet and payload codec.
#include "packet.h"

namespace ChatHost::EngineIO {

std::optional<Packet> decodePacket(QStringView text)
{
    if (text.isEmpty())
        return std::nullopt;
    const char16_t first = text.front().unicode();
    if (first == u'b') {
        // QByteArray::fromBase64Encoding reports invalid input, unlike fromBase64.
        const auto decoded = QByteArray::fromBase64Encoding(
                text.mid(1).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return std::nullopt;
        for (QChar c : text.mid(1)) {
            if (c.unicode() > 0x7f)
                return std::nullopt;
        }
        return Packet::binaryMessage(*decoded);
    }
    if (first < u'0' || first > u'6')
        return std::nullopt;
    return Packet::control(static_cast<PacketType>(first), text.mid(1).toString());
}

void appendEncodedPacket(QString &out, const Packet &packet)
{
    if (packet.isBinary) {
        out.append(u'b');
        out.append(QLatin1String(packet.binary.toBase64()));
        return;
    }
    out.append(QChar(static_cast<char16_t>(packet.type)));
    out.append(packet.text);
}

QString encodePacket(const Packet &packet)
{
    QString out;
    appendEncodedPacket(out, packet);
    return out;
}

DecodedPayload decodePayload(QStringView payload)
{
    DecodedPayload result;
    if (payload.isEmpty()) {
        result.error = true;
        return result;
    }
    qsizetype start = 0;
    while (start <= payload.size()) {
        qsizetype end = payload.indexOf(QChar(kRecordSeparator), start);
        if (end < 0)
            end = payload.size();
        auto packet = decodePacket(payload.mid(start, end - start));
        if (!packet) {
            result.error = true;
            break;
        }
        result.packets.append(std::move(*packet));
        start = end + 1;
    }
    return result;
}

QString encodePayload(const QList<Packet> &packets)
{
    QString out;
    bool first = true;
    for (const Packet &p : packets) {
        if (!first)
            out.append(QChar(kRecordSeparator));
        first = false;
        appendEncodedPacket(out, p);
    }
    return out;
}

} // namespace ChatHost::EngineIO
