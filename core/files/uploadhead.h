// What an upload asks for, read from its request head before one byte of its body is taken:
// POST /upload?name=...&caption=...&replyTo=...&to=... with a Content-Length and the person's
// X-Upload-Token. The size is checked against the limit here, so a file that is too large is
// refused before it is sent. Pure: a target and headers in, the request or a refusal out.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <variant>

namespace ChatHost::Files {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct UploadLimits
{
    qint64 maxFileBytes = 100LL * 1024 * 1024;
    int maxCaptionLength = 2000; // characters (code points)
};

struct UploadHead
{
    qint64 size = 0; // the declared Content-Length
    QByteArray token; // X-Upload-Token: whose connection this upload is for
    QString name; // cleaned (cleanFileName)
    QString caption; // may be empty
    QByteArray replyTo; // a message id, or empty
    QByteArray to; // a userId for a private file, or empty
};

struct UploadRefusal
{
    int status = 400;
    QByteArray code; // too-big, length-required, no-token, bad-request, caption-too-long
    QByteArray reason; // plain text for logs and the page's fallback
};

using UploadParse = std::variant<UploadHead, UploadRefusal>;

inline constexpr qsizetype kMaxUploadQuery = 8 * 1024;
inline constexpr qsizetype kMaxGivenNameBytes = 1024;

// target is the request target ("/upload?name=a.png"); the path is the caller's business.
UploadParse parseUploadHead(QByteArrayView target, const HeaderList &headers,
                            const UploadLimits &limits);

} // namespace ChatHost::Files
