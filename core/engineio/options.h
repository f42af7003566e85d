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
    // Bytes a polling session may have waiting for its next GET; past it the session is closed
    // (a client that never polls would otherwise make the server hold all it is sent). The same
    // as what a WebSocket peer that stops reading may leave unsent; far above one full history.
    qint64 maxPollingQueueBytes = 16 * 1024 * 1024;
    // Open sessions in all and from one address (0: no limit). A handshake is one cheap request
    // and a session lives until its ping timeout: without a cap one client could open sessions
    // faster than they time out (HostServer sets these from --max-connections and twice
    // --max-per-address).
    int maxSessions = 0;
    int maxSessionsPerAddress = 0;
    bool allowPolling = true;
    bool allowWebSocket = true;
};

} // namespace ChatHost::EngineIO
