// Where the chat's parts read the time: the wall clock in the app, a fake one in tests (every part
// takes a Clock, so limits, windows and expiries test without waiting).
#pragma once

#include <QDateTime>

#include <functional>

namespace ChatHost::Chat {

// Milliseconds since the epoch (UTC).
using Clock = std::function<qint64()>;

inline Clock systemClock()
{
    return [] { return QDateTime::currentMSecsSinceEpoch(); };
}

} // namespace ChatHost::Chat
