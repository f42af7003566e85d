// What a shared file is, decided from its first bytes only: never from its name or from what the
// uploader claimed. Only the four picture types a browser shows safely are ever shown inline;
// everything else is sent as an attachment of type application/octet-stream.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace ChatHost::Files {

enum class FileKind { Png, Jpeg, Gif, Webp, Other };

struct FileType
{
    FileKind kind = FileKind::Other;
    QByteArray mimeType = "application/octet-stream";
    // Whether a page may show it inline (an <img>); false means Content-Disposition: attachment.
    bool picture = false;
};

// How many leading bytes sniff() looks at; give at least these (or the whole file if shorter).
inline constexpr qsizetype kSniffBytes = 12;

FileType sniff(QByteArrayView head);

} // namespace ChatHost::Files
