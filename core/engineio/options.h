// Engine.IO server settings, with the reference server's defaults.
#pragma once

#include <QtGlobal>

namespace ChatHost::EngineIO {

struct Options
{
    int pingInterval = 25000; // ms between server pings
    int pingTimeout = 20000; // ms the client has to answer a ping
    qint64 maxPayload = 1000000; // largest POST body or WebSocket message accepted, in bytes
    int upgradeTimeout = 10000; // ms a probing WebSocket has to finish the upgrade
    bool allowPolling = true;
    bool allowWebSocket = true;
};

} // namespace ChatHost::EngineIO
