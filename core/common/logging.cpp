// Definitions of core's logging categories (enable with QT_LOGGING_RULES="chathost.*=true").
#include "logging.h"

Q_LOGGING_CATEGORY(lcEngineIo, "chathost.engineio", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSocketIo, "chathost.socketio", QtWarningMsg)
Q_LOGGING_CATEGORY(lcHttp, "chathost.http", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSystem, "chathost.system", QtInfoMsg)
Q_LOGGING_CATEGORY(lcChat, "chathost.chat", QtWarningMsg)
Q_LOGGING_CATEGORY(lcFiles, "chathost.files", QtWarningMsg)
// Debug only: no Avahi is normal, never an error.
Q_LOGGING_CATEGORY(lcDiscovery, "chathost.discovery", QtWarningMsg)
