// The addresses people on the LAN can browse to.
#pragma once

#include <QHostAddress>
#include <QStringList>

namespace ChatHost::Http {

// One URL per usable address of this machine: LAN addresses first, loopback last. With a
// specific bind address, only that one.
QStringList reachableUrls(const QHostAddress &bindAddress, quint16 port);
QString urlFor(const QHostAddress &address, quint16 port);

} // namespace ChatHost::Http
