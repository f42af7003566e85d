// See originpolicy.h.
#include "http/originpolicy.h"

#include <QUrl>

namespace ChatHost::Http {

QString normalizedOrigin(const QString &origin)
{
    const QUrl url(origin.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty()
        || !(url.path().isEmpty() || url.path() == u"/") || url.hasQuery() || url.hasFragment()
        || !url.userInfo().isEmpty())
        return {};
    const int defaultPort = scheme == u"https" ? 443 : 80;
    const int port = url.port(defaultPort);
    QString host = url.host().toLower();
    if (host.contains(u':'))
        host = u'[' + host + u']';
    return scheme + QStringLiteral("://") + host
            + (port == defaultPort ? QString() : u':' + QString::number(port));
}

bool originAllowed(const QByteArray &origin, const QByteArray &host, const QStringList &allowList)
{
    if (origin.isEmpty())
        return true; // not a browser page acting for some site
    if (allowList.contains(QStringLiteral("*")))
        return true;
    const QString wanted = normalizedOrigin(QString::fromUtf8(origin));
    if (wanted.isEmpty())
        return false; // "null" (sandboxed frames, file://) and anything malformed
    // Same origin: the page was served from the address the browser is talking to.
    if (!host.isEmpty()) {
        const QString self = normalizedOrigin(QStringLiteral("http://") + QString::fromUtf8(host));
        const QString selfTls
                = normalizedOrigin(QStringLiteral("https://") + QString::fromUtf8(host));
        if (wanted == self || wanted == selfTls)
            return true;
    }
    for (const QString &allowed : allowList) {
        if (normalizedOrigin(allowed) == wanted)
            return true;
    }
    return false;
}

} // namespace ChatHost::Http
