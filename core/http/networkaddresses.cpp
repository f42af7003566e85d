// See networkaddresses.h.
#include "http/networkaddresses.h"

#include <QNetworkInterface>

namespace ChatHost::Http {

QString urlFor(const QHostAddress &address, quint16 port)
{
    QHostAddress plain = address;
    plain.setScopeId(QString());
    const QString host = plain.protocol() == QAbstractSocket::IPv6Protocol
            ? u'[' + plain.toString() + u']'
            : plain.toString();
    return QStringLiteral("http://") + host + u':' + QString::number(port);
}

QStringList reachableUrls(const QHostAddress &bindAddress, quint16 port)
{
    const bool any = bindAddress == QHostAddress::Any || bindAddress == QHostAddress::AnyIPv4
            || bindAddress == QHostAddress::AnyIPv6;
    if (!any)
        return {urlFor(bindAddress, port)};
    QStringList lan;
    QStringList loopback;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &iface : interfaces) {
        if (!(iface.flags() & QNetworkInterface::IsUp)
            || !(iface.flags() & QNetworkInterface::IsRunning))
            continue;
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            const QHostAddress a = entry.ip();
            if (a.isLinkLocal())
                continue; // fe80:: needs a scope a browser URL cannot carry
            if (bindAddress == QHostAddress::AnyIPv4
                && a.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            if (bindAddress == QHostAddress::AnyIPv6
                && a.protocol() != QAbstractSocket::IPv6Protocol)
                continue;
            (a.isLoopback() ? loopback : lan).append(urlFor(a, port));
        }
    }
    // IPv4 first in each group: easier to type on a phone.
    auto ipv4First = [](const QString &x, const QString &y) {
        return !x.contains(u'[') && y.contains(u'[');
    };
    std::stable_sort(lan.begin(), lan.end(), ipv4First);
    std::stable_sort(loopback.begin(), loopback.end(), ipv4First);
    return lan + loopback;
}

} // namespace ChatHost::Http
