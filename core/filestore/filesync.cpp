#include "filestore/filesync.h"

#include <QFile>
#include <QtGlobal>

#if defined(Q_OS_WIN)
#include <io.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace ChatHost::FileStorage {

bool syncFile(QFile &file)
{
    if (!file.flush())
        return false;
#if defined(Q_OS_WIN)
    return _commit(file.handle()) == 0;
#else
    return ::fsync(file.handle()) == 0;
#endif
}

bool syncDirectory(const QString &dir)
{
#if defined(Q_OS_WIN)
    Q_UNUSED(dir);
    return true; // NTFS journals the rename itself; there is no handle to flush a folder
#else
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
#endif
}

} // namespace ChatHost::FileStorage
