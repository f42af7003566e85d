// See randomid.h.
#include "common/randomid.h"

#include <QByteArray>
#include <QRandomGenerator>

namespace ChatHost {

QString randomId(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (int i = 0; i < bytes; ++i)
        raw[i] = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace ChatHost
