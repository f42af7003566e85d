#include "files/filetype.h"

namespace ChatHost::Files {

namespace {

FileType picture(FileKind kind, const char *mime)
{
    return {kind, QByteArray(mime), true};
}

} // namespace

FileType sniff(QByteArrayView head)
{
    if (head.startsWith(QByteArrayView("\x89PNG\r\n\x1a\n", 8)))
        return picture(FileKind::Png, "image/png");
    if (head.startsWith(QByteArrayView("\xff\xd8\xff", 3)))
        return picture(FileKind::Jpeg, "image/jpeg");
    if (head.startsWith("GIF87a") || head.startsWith("GIF89a"))
        return picture(FileKind::Gif, "image/gif");
    if (head.size() >= 12 && head.startsWith("RIFF") && head.sliced(8, 4) == "WEBP")
        return picture(FileKind::Webp, "image/webp");
    return {};
}

} // namespace ChatHost::Files
