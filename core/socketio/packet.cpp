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

Decoder::Result errorResult(QString why)
{
    Decoder::Result r;
    r.error = std::move(why);
    return r;
}

// The attachment count of a binary packet ("3-"), read from pos on; -1 if it is invalid.
int readAttachmentCount(QStringView text, qsizetype &pos)
{
    const qsizetype dash = text.indexOf(u'-', pos);
    bool ok = false;
    int count = 0;
    if (dash > pos && dash - pos <= 3)
        count = text.mid(pos, dash - pos).toInt(&ok);
    if (!ok || count < 1 || count > Decoder::kMaxAttachments)
        return -1;
    for (QChar c : text.mid(pos, dash - pos)) {
        if (!c.isDigit())
            return -1;
    }
    pos = dash + 1;
    return count;
}

// A namespace ("/chat,"), if one starts at pos; nsp keeps its default otherwise.
void readNamespace(QStringView text, qsizetype &pos, QString &nsp)
{
    if (pos >= text.size() || text[pos] != u'/')
        return;
    const qsizetype comma = text.indexOf(u',', pos);
    const qsizetype end = comma < 0 ? text.size() : comma;
    nsp = text.mid(pos, end - pos).toString();
    pos = comma < 0 ? text.size() : comma + 1;
}

// An ack id, if digits start at pos; false if it is past Number.MAX_SAFE_INTEGER's 15 digits.
bool readAckId(QStringView text, qsizetype &pos, qint64 &id)
{
    const qsizetype start = pos;
    while (pos < text.size() && text[pos] >= u'0' && text[pos] <= u'9')
        ++pos;
    if (pos == start)
        return true;
    bool ok = false;
    id = text.mid(start, pos - start).toLongLong(&ok);
    return ok && pos - start <= 15;
}

bool takesAckId(PacketType type)
{
    return type == PacketType::Event || type == PacketType::BinaryEvent || type == PacketType::Ack
            || type == PacketType::BinaryAck;
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
    if (m_pending)
        return errorResult(QStringLiteral("text packet while binary attachments are pending"));
    if (text.isEmpty())
        return errorResult(QStringLiteral("empty packet"));
    const char16_t t = text[0].unicode();
    if (t < u'0' || t > u'6')
        return errorResult(QStringLiteral("unknown packet type"));
    Packet p;
    p.type = PacketType(t - u'0');
    qsizetype pos = 1;
    int attachments = 0;
    if (p.type == PacketType::BinaryEvent || p.type == PacketType::BinaryAck) {
        attachments = readAttachmentCount(text, pos);
        if (attachments < 0)
            return errorResult(QStringLiteral("invalid attachment count"));
    }
    readNamespace(text, pos, p.nsp);
    if (!readAckId(text, pos, p.id))
        return errorResult(QStringLiteral("invalid ack id"));
    if (pos < text.size()) {
        auto parsed = Json::parse(text.mid(pos));
        if (!parsed.value)
            return errorResult(QStringLiteral("invalid JSON: ") + parsed.error);
        p.data = std::move(parsed.value);
    }
    if (!isValidPayload(p))
        return errorResult(QStringLiteral("invalid payload"));
    if (p.id >= 0 && !takesAckId(p.type))
        return errorResult(QStringLiteral("unexpected ack id"));
    Result r;
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
