// The operating system's random generator, in bulk: one call fills a whole buffer. Linux:
// getrandom() (systemrandom_linux.cpp); elsewhere Qt's system generator
// (systemrandom_portable.cpp).
#pragma once

#include <QtGlobal>

namespace ChatHost {

// Fills size bytes at out; false if the system could not (the caller falls back).
bool fillFromSystem(char *out, qsizetype size);

} // namespace ChatHost
