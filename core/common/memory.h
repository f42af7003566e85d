// Giving freed heap memory back to the operating system.
#pragma once

namespace ChatHost {

// After a crowd has come or gone, glibc keeps the freed buffers mapped (RSS stays high). This asks
// it to return what it can (malloc_trim, memory_linux.cpp); a no-op elsewhere. Takes a few
// milliseconds.
void releaseFreeMemory();

} // namespace ChatHost
