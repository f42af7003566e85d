// The Engine.IO v4 server: handshakes, routing of polling requests and WebSockets to sessions,
// and the error answers of the reference server. It does not listen itself: an HTTP front
// (http/HttpFront) hands it the requests under its path.
#pragma once

#include "engineio/errors.h"
#include "engineio/options.h"
#include "engineio/session.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;
class QWebSocket;

namespace ChatHost::EngineIO {

class Server final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Server)
public:
    explicit Server(const Options &options = {}, QObject *parent = nullptr);
    ~Server() override;

    const Options &options() const { return m_options; }
    void setOptions(const Options &options) { m_options = options; }

    // Decides whether a new connection may open (e.g. Origin checks). Return an error to refuse.
    using AllowRequest = std::function<std::optional<ErrorCode>(const QHttpServerRequest &)>;
    void setAllowRequest(AllowRequest check) { m_allowRequest = std::move(check); }

    // A request that is not a WebSocket upgrade. Always answers (now or, for a held GET, later).
    void handlePollingRequest(const QHttpServerRequest &request,
                              std::unique_ptr<QHttpServerResponder> responder);
    // A WebSocket upgrade request, before the 101: nullopt accepts it.
    std::optional<HttpError> checkUpgradeRequest(const QHttpServerRequest &request);
    // The WebSocket after the 101; the server takes ownership.
    void handleWebSocket(QWebSocket *socket);

    int sessionCount() const { return int(m_sessions.size()); }
    Session *session(const QString &id) const { return m_sessions.value(id); }
    // Closes every session (e.g. on shutdown).
    void closeAll();

Q_SIGNALS:
    void connection(ChatHost::EngineIO::Session *session);

private:
    friend class Session;
    struct Check
    {
        std::optional<HttpError> error;
        Session *session = nullptr;
    };
    Check checkRequest(const QHttpServerRequest &request, bool isUpgrade);
    Session *createSession(Session::Transport transport, const QHttpServerRequest *request,
                           QWebSocket *socket);
    void removeSession(Session *session);

    Options m_options;
    AllowRequest m_allowRequest;
    QHash<QString, Session *> m_sessions;
};

} // namespace ChatHost::EngineIO
