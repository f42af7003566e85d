// libFuzzer harness: the Socket.IO decoder with binary attachments. The input is split at 0xFF
// bytes: the first part is a text packet, the rest are binary attachments. Invariants: no crash,
// and a decoded packet re-encodes and decodes to the same packet.
#include "socketio/packet.h"

#include <QString>

#include <cstdint>
#include <cstdlib>

using namespace ChatHost::SocketIO;

namespace {
Packet roundTrip(const Packet &p)
{
    const EncodedPacket e = encode(p);
    Decoder d;
    auto r = d.addText(e.text);
    for (const QByteArray &a : e.attachments)
        r = d.addBinary(a);
    if (r.status != Decoder::Status::Packet)
        std::abort();
    return r.packet;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray all(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<QByteArray> parts = all.split('\xff');
    Decoder decoder;
    Decoder::Result r = decoder.addText(QString::fromUtf8(parts.front()));
    for (qsizetype i = 1; i < parts.size() && r.status == Decoder::Status::NeedAttachment; ++i)
        r = decoder.addBinary(parts[i]);
    if (r.status == Decoder::Status::Packet) {
        const Packet again = roundTrip(r.packet);
        if (!(again == r.packet))
            std::abort();
    }
    return 0;
}
