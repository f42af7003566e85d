// See ban.h.
#include "moderation/ban.h"

#include "rules/nickname.h"

namespace ChatHost::Moderation {

QString normalizedAddress(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    QHostAddress plain = address;
    plain.setScopeId(QString());
    return plain.toString();
}

bool Ban::matches(const QString &nickname, const QHostAddress &address) const
{
    if (kind == Kind::Nickname)
        return !nickname.isEmpty()
                && Chat::nicknameKey(nickname.trimmed()) == Chat::nicknameKey(value);
    return !address.isNull()
            && normalizedAddress(address) == normalizedAddress(QHostAddress(value));
}

QString Ban::kindName(Kind kind)
{
    return kind == Kind::Nickname ? QStringLiteral("nickname") : QStringLiteral("address");
}

} // namespace ChatHost::Moderation
