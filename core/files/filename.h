// The name a shared file is shown and downloaded under, made from the name the uploader gave:
// only the last path part, no control or invisible direction characters, none of the characters
// or device names Windows refuses, no leading dots, at most kMaxNameBytes of UTF-8 (the extension
// kept), never empty. And the Content-Disposition header that sends it back (RFC 6266, with the
// RFC 5987 UTF-8 form for names that are not plain ASCII).
#pragma once

#include <QByteArray>
#include <QString>

namespace ChatHost::Files {

inline constexpr qsizetype kMaxNameBytes = 200;

QString cleanFileName(const QString &given);

enum class Disposition { Inline, Attachment };

// name must already be clean.
QByteArray contentDisposition(Disposition disposition, const QString &name);

} // namespace ChatHost::Files
