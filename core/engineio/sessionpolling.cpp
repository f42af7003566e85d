// Engine.IO v4 session, the polling transport: the held GET and the POSTed packets.
#include "engineio/session.h"

#include "common/httpliterals.h"
#include "common/httpreply.h"
#include "common/logging.h"
#include "engineio/server.h"

#include <QHttpServerResponder>
#include <QStringDecoder>
#include <QTcpSocket>

namespace ChatHost::EngineIO {

namespace {

namespace L = HttpLiterals;

void writeText(QHttpServerResponder &responder, const QByteArray &body)
{
    writeReply(responder, L::Status::Ok,
               {{L::contentTypeHeader(), L::engineIoTextPlain()},
                {L::cacheControlHeader(), L::noStoreValue()}},
               body);
}

void writeJsonError(QHttpServerResponder &responder, const HttpError &error)
{
    writeReply(responder, error.status, {{L::contentTypeHeader(), error.contentType}}, error.body);
}

bool socketUsable(const QPointer<QTcpSocket> &socket)
{
    return socket && socket->state() == QAbstractSocket::ConnectedState;
}

} // namespace

QByteArray Session::pollingBody() const
{
    QByteArray body;
    bool first = true;
    for (const Outgoing &o : std::as_const(m_queue)) {
        if (!first)
            body.append(char(kRecordSeparator));
        first = false;
        if (o.isBinary()) {
            body.append('b');
            body.append(o.payload().toByteArray().toBase64());
        } else {
            body.append(o.payload());
        }
    }
    return body;
}

void Session::flushPolling()
{
    if (!m_pendingGet || m_queue.isEmpty())
        return;
    const QByteArray body = pollingBody();
    clearQueue();
    answerPendingGet(body);
}

void Session::answerPendingGet(const QByteArray &body)
{
    if (!m_pendingGet)
        return;
    std::unique_ptr<QHttpServerResponder> responder = std::move(m_pendingGet);
    disconnect(m_pendingGetWatch);
    const QPointer<QTcpSocket> socket = m_pendingGetSocket;
    m_pendingGetSocket.clear();
    if (socketUsable(socket))
        writeText(*responder, body);
}

// ---- polling -------------------------------------------------------------------------------

void Session::handleGet(std::unique_ptr<QHttpServerResponder> responder)
{
    if (m_pendingGet) {
        // A second GET while one is held: the reference closes the session.
        qCDebug(lcEngineIo) << m_id << "overlapping GET";
        writeJsonError(*responder, httpError(ErrorCode::BadRequest));
        answerPendingGet(QByteArrayLiteral("1"));
        finishClose(QStringLiteral("transport error"));
        return;
    }
    if (m_state == State::Closing) {
        QByteArray body = pollingBody();
        if (!body.isEmpty())
            body.append(char(kRecordSeparator));
        body.append('1');
        clearQueue();
        writeText(*responder, body);
        finishClose(m_closeReason);
        return;
    }
    QTcpSocket *socket = responder->socket();
    m_pendingGet = std::move(responder);
    m_pendingGetSocket = socket;
    // If the client goes away, Qt deletes the socket: never write to it after that.
    m_pendingGetWatch = connect(socket, &QAbstractSocket::disconnected, this, [this] {
        m_pendingGet.reset();
        m_pendingGetSocket.clear();
    });
    if (isUpgrading() && m_queue.isEmpty()) {
        answerPendingGet(QByteArrayLiteral("6"));
        return;
    }
    flushPolling();
}

void Session::handlePost(const QByteArray &body, QHttpServerResponder &responder, bool binaryBody)
{
    if (binaryBody) {
        writeJsonError(responder, httpError(ErrorCode::BadRequest));
        finishClose(QStringLiteral("transport error"));
        return;
    }
    if (body.size() > m_server->options().maxPayload) {
        writeReply(responder, L::Status::ContentTooLarge,
                   {{L::contentTypeHeader(), L::engineIoTextPlain()}},
                   QByteArrayLiteral("Payload Too Large")); // the reference server's body
        finishClose(QStringLiteral("transport error"));
        return;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(body);
    if (decoder.hasError()) {
        writeJsonError(responder, httpError(ErrorCode::BadRequest));
        finishClose(QStringLiteral("parse error"));
        return;
    }
    writeReply(responder, L::Status::Ok, {{L::contentTypeHeader(), L::textHtml()}},
               QByteArrayLiteral("ok"));
    const DecodedPayload payload = decodePayload(text);
    QPointer<Session> self(this);
    for (const Packet &p : payload.packets) {
        handlePacket(p);
        if (!self || m_state != State::Open)
            return;
    }
    if (payload.error)
        finishClose(QStringLiteral("parse error"));
}

} // namespace ChatHost::EngineIO
