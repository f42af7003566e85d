// See systemlimits.h.
#include "systemlimits.h"

#include <cerrno>
#include <cstring>
#include <sys/resource.h>

namespace ChatHost {

long raiseOpenFileLimit(QString *error)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        if (error)
            *error = QString::fromLocal8Bit(std::strerror(errno));
        return -1;
    }
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            return long(raised.rlim_cur);
        if (error)
            *error = QString::fromLocal8Bit(std::strerror(errno));
    }
    return long(limit.rlim_cur);
}

} // namespace ChatHost
