// libFuzzer harness: Engine.IO polling payloads and packets. Invariants: decoding never crashes,
// and whatever decodes re-encodes to something that decodes to the same packets.
#include "engineio/packet.h"

#include <QString>

#include <cstdint>
#include <cstdlib>

using namespace ChatHost::EngineIO;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const DecodedPayload decoded = decodePayload(text);
    if (!decoded.packets.isEmpty()) {
        const DecodedPayload again = decodePayload(encodePayload(decoded.packets));
        if (again.error || again.packets != decoded.packets)
            std::abort();
    }
    if (auto p = decodePacket(text)) {
        const auto back = decodePacket(encodePacket(*p));
        if (!back || !(*back == *p))
            std::abort();
    }
    return 0;
}
