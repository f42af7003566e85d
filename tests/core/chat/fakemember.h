// Helpers for the chat parts' tests: a fake clock and members without sockets.
#pragma once

#include "chat/clock.h"
#include "chat/roster.h"
#include "moderation/ban.h"

#include <memory>

namespace ChatHost::Chat::Testing {

// A clock the test moves by hand.
struct FakeClock
{
    qint64 now = 1'700'000'000'000;
    Clock clock()
    {
        return [this] { return now; };
    }
};

inline std::shared_ptr<Member> makeMember(const QString &socketId, const QString &userId,
                                          const QString &nickname,
                                          const QString &address = QStringLiteral("192.0.2.1"),
                                          const QString &token = {})
{
    auto m = std::make_shared<Member>();
    m->user.socketId = socketId;
    m->user.userId = userId;
    m->user.nickname = nickname;
    m->user.address = QHostAddress(address);
    m->addressKey = Moderation::normalizedAddress(m->user.address);
    m->resumeToken = token.isEmpty() ? u"token-" + socketId : token;
    return m;
}

} // namespace ChatHost::Chat::Testing
