// See memory.h. The portable build (no CHATHOST_EPOLL_TRANSPORT): nothing to ask the allocator.
#include "common/memory.h"

namespace ChatHost {

void releaseFreeMemory() { }

} // namespace ChatHost
