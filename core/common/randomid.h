// Unguessable identifiers (session ids, socket ids, resume tokens).
#pragma once

#include <QString>

namespace ChatHost {

// `bytes` random bytes from the system's generator, as URL-safe base64 without padding
// (15 bytes: 20 characters, 120 bits).
QString randomId(int bytes = 15);

} // namespace ChatHost
