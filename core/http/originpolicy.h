// Which web pages may open a Socket.IO connection: against cross-site WebSocket hijacking, only
// pages served by ChatHost itself (same origin) and the host's allow list. Clients that send no
// Origin (Node, Python, curl) are not browsers acting for another site and stay allowed.
#pragma once

#include <QByteArray>
#include <QStringList>

namespace ChatHost::Http {

// origin: the Origin header ("" when absent); host: the Host header the browser used;
// allowList: origins like "http://192.168.1.5:8080", or "*" for any.
bool originAllowed(const QByteArray &origin, const QByteArray &host, const QStringList &allowList);

// The canonical form of an origin for comparisons ("HTTP://Example:80" -> "http://example"),
// empty if it is not an http(s) origin.
QString normalizedOrigin(const QString &origin);

} // namespace ChatHost::Http
