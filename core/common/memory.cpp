// See memory.h.
#include "common/memory.h"

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
