// The Engine.IO v4 server: handshakes, routing of polling requests and WebSockets to sessions,
// and the error answers of the reference server. It does not listen itself: an HTTP front
// (http/HttpFront) hands it the requests under its path.
#pragma once

#include "engineio/errors.h"
#include "engineio/options.h"
#include "engineio/session.h"

#include "common/timerwheel.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;

namespace ChatHost::EngineIO {

class Server final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Server)
public:
    // wheel: the host's one timer wheel; it must outlive the server and its sessions.
    explicit Server(TimerWheel *wheel, const Options &options = {}, QObject *parent = nullptr);
    ~Server() override;

    const Options &options() const { return m_options; }
    void setOptions(const Options &options) { m_options = options; }

    // Decides whether a new connection may open (e.g. Origin checks). Return an error to refuse.
    using AllowRequest = std::function<std::optional<ErrorCode>(const Handshake &)>;
    void setAllowRequest(AllowRequest check) { m_allowRequest = std::move(check); }

    // A request that is not a WebSocket upgrade. Always answers (now or, for a held GET, later).
    void handlePollingRequest(const QHttpServerRequest &request,
                              std::unique_ptr<QHttpServerResponder> responder);
    // A WebSocket upgrade request (a GET), before the 101: nullopt accepts it.
    std::optional<HttpError> checkUpgradeRequest(const Handshake &request);
    // The WebSocket after the 101, with the request that opened it; see Link for ownership.
    void handleWebSocket(WebSocket::Link *link, Handshake request);
    // The request as Engine.IO keeps it.
    static Handshake handshakeFrom(const QHttpServerRequest &request);

    // Requests with a longer query are refused (400, code 3 "Bad request").
    static constexpr qsizetype kMaxQueryItems = 64;
    static constexpr qsizetype kMaxQueryLength = 8192; // bytes, encoded

    // Every protocol deadline of its sessions (heartbeats, upgrade, close, and the Socket.IO
    // connect, attachment and ack timeouts above them) runs on the host's one wheel.
    TimerWheel *wheel() const { return m_wheel; }

    int sessionCount() const { return int(m_sessions.size()); }
    Session *session(const QString &id) const { return m_sessions.value(id); }
    // Closes every session (e.g. on shutdown).
    void closeAll();
    // A POST for this query was refused before its body was read (over maxPayload): its session
    // ends as if the body had been read (a transport error).
    void bodyRefused(const QUrlQuery &query);

Q_SIGNALS:
    void connection(ChatHost::EngineIO::Session *session);

private:
    struct Check
    {
        std::optional<HttpError> error;
        Session *session = nullptr;
        bool isNew = false; // no sid: a handshake
    };
    // The query's checks; for a request without sid, refuseNewSession() runs the allow check.
    Check checkRequest(const QUrlQuery &query, bool isGet, bool isUpgrade);
    // Size, transport, protocol version and whether the transport matches the request.
    std::optional<HttpError> checkQuery(const QUrlQuery &query, bool isUpgrade) const;
    std::optional<HttpError> refuseNewSession(const Handshake &request);
    Session *createSession(Session::Transport transport, Handshake request);
    void removeSession(Session *session);

    Options m_options;
    AllowRequest m_allowRequest;
    QHash<QString, Session *> m_sessions;
    QHash<QString, int> m_sessionsPerAddress; // by addressKey()
    TimerWheel *m_wheel;
};

} // namespace ChatHost::EngineIO
