// A ban: of a nickname or of a network address, timed or permanent.
#pragma once

#include <QHostAddress>
#include <QString>

namespace ChatHost::Moderation {

struct Ban
{
    enum class Kind { Nickname, Address };

    qint64 id = 0;
    Kind kind = Kind::Nickname;
    QString value; // the nickname, or the address as text
    QString reason;
    qint64 createdMs = 0;
    qint64 expiresMs = 0; // 0: permanent

    bool isActive(qint64 nowMs) const { return expiresMs == 0 || expiresMs > nowMs; }
    // Nicknames match ignoring case; addresses match with IPv4-mapped IPv6 folded to IPv4.
    bool matches(const QString &nickname, const QHostAddress &address) const;
    static QString kindName(Kind kind);
};

// The canonical text of an address for comparisons and storage (::ffff:1.2.3.4 -> 1.2.3.4).
QString normalizedAddress(const QHostAddress &address);

} // namespace ChatHost::Moderation
