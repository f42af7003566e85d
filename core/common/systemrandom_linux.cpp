// See systemrandom.h. Linux: the kernel's generator, one getrandom() per buffer.
#include "common/systemrandom.h"

#include <sys/random.h>

namespace ChatHost {

bool fillFromSystem(char *out, qsizetype size)
{
    return ::getrandom(out, size_t(size), 0) == ssize_t(size);
}

} // namespace ChatHost
