// See memory.h. Linux (glibc): malloc_trim; memory_portable.cpp is the no-op elsewhere.
#include "common/memory.h"

#include <cstdlib> // defines __GLIBC__ when it is glibc (memory.h includes no C library header)

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ChatHost {

void releaseFreeMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace ChatHost
