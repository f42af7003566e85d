// Flushing a file's bytes and a folder's entries to the disk: the one platform-specific part of
// the store.
#pragma once

#include <QString>

class QFile;

namespace ChatHost::FileStorage {

// The file's data and size reach the disk before this returns true.
bool syncFile(QFile &file);
// A rename or removal in dir is on the disk (a no-op where the platform has no such call).
bool syncDirectory(const QString &dir);

} // namespace ChatHost::FileStorage
