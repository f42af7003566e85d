// Per-connection Socket.IO packet handling.
#include "socketio/client.h"

#include "common/logging.h"
#include "socketio/namespace.h"
#include "socketio/server.h"
#include "socketio/socket.h"

namespace ChatHost::SocketIO {

Client::Client(Server *server, EngineIO::Session *session)
    : QObject(session)
    , m_server(server)
    , m_session(session)
{
    connect(session, &EngineIO::Session::messageReceived, this, &Client::onMessage);
    connect(session, &EngineIO::Session::binaryReceived, this, &Client::onBinary);
    connect(session, &EngineIO::Session::closed, this, &Client::onClosed);
    connect(session, &EngineIO::Session::upgraded, this, [this] {
        const auto sockets = m_sockets;
        for (Socket *s : sockets)
            Q_EMIT s->upgraded();
    });
    m_connectTimer.setCallback([this] {
        if (m_sockets.isEmpty()) {
            qCDebug(lcSocketIo) << "no namespace joined in time, closing";
            close();
        }
    });
    if (TimerWheel *wheel = session->wheel())
        m_connectTimer.start(wheel, server->options().connectTimeout);
    m_attachmentTimer.setCallback(
            [this] { fail(QStringLiteral("binary attachments did not arrive in time")); });
    m_decoder.setMaxAttachmentBytes(server->engine()->options().maxPayload);
}

Client::~Client()
{
    const auto sockets = m_sockets;
    m_sockets.clear();
    for (Socket *s : sockets)
        s->onDisconnect(QStringLiteral("server shutting down"));
}

void Client::send(const Packet &packet)
{
    sendFrames(frames(encode(packet)));
}

Client::Frames Client::frames(const EncodedPacket &encoded)
{
    Frames f;
    f.packet = WebSocket::OutgoingMessage::text((u'4' + encoded.text).toUtf8());
    f.attachments.reserve(encoded.attachments.size());
    for (const QByteArray &a : encoded.attachments)
        f.attachments.push_back(WebSocket::OutgoingMessage::binary(a));
    return f;
}

void Client::sendFrames(const Frames &frames)
{
    if (!m_session)
        return;
    m_session->send(frames.packet);
    for (const auto &a : frames.attachments)
        m_session->send(a);
}

Socket *Client::socketFor(const QString &nsp) const
{
    for (Socket *s : m_sockets) {
        if (s->nsp()->name() == nsp)
            return s;
    }
    return nullptr;
}

void Client::removeSocket(Socket *socket)
{
    m_sockets.removeOne(socket);
}

void Client::close()
{
    if (m_session)
        m_session->close(QStringLiteral("forced server close"));
}

void Client::fail(const QString &why)
{
    qCDebug(lcSocketIo) << "closing connection:" << why;
    // A polling session may take a while to close: hold nothing of its half-received packet.
    m_attachmentTimer.stop();
    m_decoder.reset();
    if (m_session)
        m_session->close(QStringLiteral("parse error"));
}

void Client::onMessage(const QString &text)
{
    handleDecoded(m_decoder.addText(text));
}

void Client::onBinary(const QByteArray &data)
{
    handleDecoded(m_decoder.addBinary(data));
}

void Client::handleDecoded(Decoder::Result result)
{
    switch (result.status) {
    case Decoder::Status::Error: fail(result.error); return;
    case Decoder::Status::NeedAttachment:
        // Started by the header only: the attachments together get one deadline.
        if (!m_attachmentTimer.isActive()) {
            if (TimerWheel *wheel = m_session ? m_session->wheel() : nullptr)
                m_attachmentTimer.start(wheel, m_server->options().attachmentTimeout);
        }
        return;
    case Decoder::Status::Packet:
        m_attachmentTimer.stop();
        handlePacket(std::move(result.packet));
        return;
    }
}

void Client::handlePacket(Packet packet)
{
    if (packet.type == PacketType::Connect) {
        connectNamespace(packet);
        return;
    }
    Socket *socket = socketFor(packet.nsp);
    if (!socket) {
        fail(QStringLiteral("packet for a namespace that is not connected"));
        return;
    }
    switch (packet.type) {
    case PacketType::Event:
    case PacketType::BinaryEvent: socket->handleEvent(packet); return;
    case PacketType::Ack:
    case PacketType::BinaryAck: socket->handleAck(packet); return;
    case PacketType::Disconnect:
        socket->onDisconnect(QStringLiteral("client namespace disconnect"));
        return;
    case PacketType::ConnectError:
    case PacketType::Connect: fail(QStringLiteral("unexpected packet from client")); return;
    }
}

void Client::connectNamespace(const Packet &packet)
{
    // The official client sends CONNECT twice when connect() is called on a socket that is
    // already connecting by itself (autoConnect). The reference server accepts that, so do we:
    // the attempt under way answers both; a connected namespace gets its reply again.
    if (m_connecting.contains(packet.nsp))
        return;
    if (Socket *existing = socketFor(packet.nsp)) {
        sendConnected(packet.nsp, existing->id());
        return;
    }
    if (packet.data && packet.data->toJson().size() > m_server->options().maxAuthLength) {
        fail(QStringLiteral("handshake auth too large"));
        return;
    }
    Namespace *nsp = m_server->findNamespace(packet.nsp);
    if (!nsp) {
        sendConnectError(packet.nsp,
                         JsonValue(JsonValue::Object{{QStringLiteral("message"),
                                                      QStringLiteral("Invalid namespace")}}));
        return;
    }
    auto *socket = new Socket(this, nsp, packet.data.value_or(JsonValue(JsonValue::Object{})));
    m_connecting.append(packet.nsp);
    QPointer<Socket> guard(socket);
    QPointer<Client> self(this);
    nsp->runMiddleware(socket, 0, [=](std::optional<ConnectError> error) {
        if (!self || !guard)
            return;
        m_connecting.removeOne(nsp->name());
        if (!m_session || !m_session->isOpen()) {
            guard->deleteLater();
            return;
        }
        if (error) {
            JsonValue body(JsonValue::Object{{QStringLiteral("message"), error->message}});
            if (error->data)
                body.insert(QStringLiteral("data"), *error->data);
            sendConnectError(nsp->name(), std::move(body));
            guard->deleteLater();
            return;
        }
        m_sockets.append(guard);
        m_connectTimer.stop();
        sendConnected(nsp->name(), guard->id());
        guard->m_connected = true;
        nsp->addSocket(guard);
    });
}

void Client::sendConnected(const QString &nsp, const QString &sid)
{
    Packet ok;
    ok.type = PacketType::Connect;
    ok.nsp = nsp;
    ok.data = JsonValue(JsonValue::Object{{QStringLiteral("sid"), sid}});
    send(ok);
}

void Client::sendConnectError(const QString &nsp, JsonValue body)
{
    Packet refusal;
    refusal.type = PacketType::ConnectError;
    refusal.nsp = nsp;
    refusal.data = std::move(body);
    send(refusal);
}

void Client::onClosed(const QString &reason)
{
    m_connectTimer.stop();
    m_attachmentTimer.stop();
    m_decoder.reset();
    const auto sockets = m_sockets;
    m_sockets.clear();
    for (Socket *s : sockets)
        s->onDisconnect(reason);
}

} // namespace ChatHost::SocketIO
