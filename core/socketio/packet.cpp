// Socket.IO v5 packet codec, with binary placeholders (deconstruct/reconstruct).
#include "packet.h"

namespace ChatHost::SocketIO {

namespace {

quint64 g_encodedPackets = 0; // the event loop thread is the only writer

bool isPlaceholder(const JsonValue &v)
{
    return v.isObject() && v[u"_placeholder"].toBool() && v.contains(u"num");
}

// Replaces placeholders by the attachments they point at. False if one points nowhere, or at an
// attachment already used: one attachment referenced many times would be copied as many times
// when the packet is relayed (found by fuzzing; an easy way to multiply memory).
bool reconstruct(JsonValue &value, const std::vector<QByteArray> &attachments,
                 std::vector<bool> &used)
{
    if (isPlaceholder(value)) {
        bool ok = false;
        const qint64 num = value[u"num"].toInteger(&ok);
        if (!ok || num < 0 || num >= qint64(attachments.size()) || used[size_t(num)])
            return false;
        used[size_t(num)] = true;
        value = JsonValue::fromBinary(attachments[size_t(num)]);
        return true;
    }
    if (auto *array = value.arrayPtr()) {
        for (JsonValue &v : *array) {
            if (!reconstruct(v, attachments, used))
                return false;
        }
    } else if (auto *object = value.objectPtr()) {
        for (auto &m : *object) {
            if (!reconstruct(m.second, attachments, used))
                return false;
        }
    }
    return true;
}

bool isValidPayload(const Packet &p)
{
    switch (p.type) {
    case PacketType::Connect: return !p.data || p.data->isObject();
    case PacketType::Disconnect: return !p.data;
    case PacketType::Event:
    case PacketType::BinaryEvent: {
        if (!p.data || !p.data->isArray() || p.data->toArray().empty())
            return false;
        const JsonValue &name = p.data->toArray().front();
        if (name.isNumber())
            return true;
        return name.isString() && !isReservedEventName(name.toString());
    }
    case PacketType::Ack:
    case PacketType::BinaryAck: return p.data && p.data->isArray();
    case PacketType::ConnectError: return p.data && (p.data->isObject() || p.data->isString());
    }
    return false;
}

} // namespace

bool isReservedEventName(QStringView name)
{
    static const QStringView reserved[] = {u"connect",       u"connect_error", u"disconnect",
                                           u"disconnecting", u"newListener",   u"removeListener"};
    return std::find(std::begin(reserved), std::end(reserved), name) != std::end(reserved);
}

quint64 encodedPacketCount()
{
    return g_encodedPackets;
}

EncodedPacket encode(const Packet &packet)
{
    ++g_encodedPackets;
    EncodedPacket out;
    PacketType type = packet.type;
    QString body;
    if (packet.data) {
        packet.data->appendJson(body, &out.attachments);
        if (!out.attachments.empty()) {
            if (type == PacketType::Event)
                type = PacketType::BinaryEvent;
            else if (type == PacketType::Ack)
                type = PacketType::BinaryAck;
        }
    }
    out.text.reserve(body.size() + packet.nsp.size() + 24);
    out.text.append(QChar(u'0' + int(type)));
    if (type == PacketType::BinaryEvent || type == PacketType::BinaryAck) {
        out.text.append(QString::number(out.attachments.size()));
        out.text.append(u'-');
    }
    if (packet.nsp != u"/") {
        out.text.append(packet.nsp);
        out.text.append(u',');
    }
    if (packet.id >= 0)
        out.text.append(QString::number(packet.id));
    out.text.append(body);
    return out;
}

Decoder::Result Decoder::addText(QStringView text)
{
    Result r;
    if (m_pending) {
        r.error = QStringLiteral("text packet while binary attachments are pending");
        return r;
    }
    if (text.isEmpty()) {
        r.error = QStringLiteral("empty packet");
        return r;
    }
    const char16_t t = text[0].unicode();
    if (t < u'0' || t > u'6') {
        r.error = QStringLiteral("unknown packet type");
        return r;
    }
    Packet p;
    p.type = PacketType(t - u'0');
    qsizetype pos = 1;
    int attachments = 0;
    if (p.type == PacketType::BinaryEvent || p.type == PacketType::BinaryAck) {
        const qsizetype dash = text.indexOf(u'-', pos);
        bool ok = false;
        if (dash > pos && dash - pos <= 3)
            attachments = text.mid(pos, dash - pos).toInt(&ok);
        if (!ok || attachments < 1 || attachments > kMaxAttachments) {
            r.error = QStringLiteral("invalid attachment count");
            return r;
        }
        for (QChar c : text.mid(pos, dash - pos)) {
            if (!c.isDigit()) {
                r.error = QStringLiteral("invalid attachment count");
                return r;
            }
        }
        pos = dash + 1;
    }
    if (pos < text.size() && text[pos] == u'/') {
        const qsizetype comma = text.indexOf(u',', pos);
        const qsizetype end = comma < 0 ? text.size() : comma;
        p.nsp = text.mid(pos, end - pos).toString();
        pos = comma < 0 ? text.size() : comma + 1;
    }
    const qsizetype idStart = pos;
    while (pos < text.size() && text[pos] >= u'0' && text[pos] <= u'9')
        ++pos;
    if (pos > idStart) {
        bool ok = false;
        p.id = text.mid(idStart, pos - idStart).toLongLong(&ok);
        if (!ok || pos - idStart > 15) { // larger than Number.MAX_SAFE_INTEGER
            r.error = QStringLiteral("invalid ack id");
            return r;
        }
    }
    if (pos < text.size()) {
        auto parsed = Json::parse(text.mid(pos));
        if (!parsed.value) {
            r.error = QStringLiteral("invalid JSON: ") + parsed.error;
            return r;
        }
        p.data = std::move(parsed.value);
    }
    if (!isValidPayload(p)) {
        r.error = QStringLiteral("invalid payload");
        return r;
    }
    if (p.id >= 0 && p.type != PacketType::Event && p.type != PacketType::BinaryEvent
        && p.type != PacketType::Ack && p.type != PacketType::BinaryAck) {
        r.error = QStringLiteral("unexpected ack id");
        return r;
    }
    if (attachments > 0) {
        m_pending = std::move(p);
        m_expected = attachments;
        m_attachments.clear();
        m_attachmentBytes = 0;
        r.status = Status::NeedAttachment;
        return r;
    }
    r.status = Status::Packet;
    r.packet = std::move(p);
    return r;
}

Decoder::Result Decoder::addBinary(const QByteArray &bytes)
{
    if (!m_pending) {
        Result r;
        r.error = QStringLiteral("unexpected binary attachment");
        return r;
    }
    m_attachmentBytes += bytes.size();
    if (m_attachmentBytes > m_maxAttachmentBytes) {
        reset();
        Result r;
        r.error = QStringLiteral("binary attachments larger than the largest message allowed");
        return r;
    }
    m_attachments.push_back(bytes);
    if (int(m_attachments.size()) < m_expected) {
        Result r;
        r.status = Status::NeedAttachment;
        return r;
    }
    return finish();
}

void Decoder::reset()
{
    m_pending.reset();
    m_expected = 0;
    m_attachments = {};
    m_attachmentBytes = 0;
}

Decoder::Result Decoder::finish()
{
    Result r;
    Packet p = std::move(*m_pending);
    m_pending.reset();
    const std::vector<QByteArray> attachments = std::move(m_attachments);
    m_attachments.clear();
    std::vector<bool> used(attachments.size(), false);
    if (!reconstruct(*p.data, attachments, used)) {
        r.error = QStringLiteral("placeholder out of range");
        return r;
    }
    // Reconstructed packets travel as plain events and acks: binary is part of the data now.
    if (p.type == PacketType::BinaryEvent)
        p.type = PacketType::Event;
    else if (p.type == PacketType::BinaryAck)
        p.type = PacketType::Ack;
    r.status = Status::Packet;
    r.packet = std::move(p);
    return r;
}

} // namespace ChatHost::SocketIO
