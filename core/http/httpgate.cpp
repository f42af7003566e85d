// See httpgate.h.
#include "http/httpgate.h"

#include "common/httpliterals.h"
#include "common/logging.h"
#include "websocket/handshake.h"

#include <QPointer>

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace ChatHost::Http {

namespace Status = HttpLiterals::Status;

namespace {
constexpr qsizetype kReadChunk = 64 * 1024; // read from the kernel per wake-up
constexpr qint64 kMaxDrain = 4 * 1024 * 1024; // thrown away after a refusal before closing
constexpr int kLingerMs = 2000; // after a refusal: time to deliver it before closing
// Complete requests waiting (pipelined) past which the connection is refused.
constexpr qsizetype kMaxBacklog = 2 * 1024 * 1024;
} // namespace

GatedSocket::GatedSocket(std::shared_ptr<GateShared> shared, int headDeadlineMs,
                         std::function<void()> release, QObject *parent)
    : QTcpSocket(parent)
    , m_shared(std::move(shared))
    , m_release(std::move(release))
    , m_framer(&m_shared->policy, m_shared->maxHead)
    , m_headDeadlineMs(qMax(1, headDeadlineMs))
{
    m_timer.setCallback([this] { onTimeout(); });
}

GatedSocket::~GatedSocket()
{
    m_shared->held -= m_held;
    // Here, not on destroyed(): Qt's HTTP server disconnects every signal of a socket whose
    // request it cannot parse, and the connection's slot must come back however it ends.
    if (m_release)
        m_release();
}

bool GatedSocket::adopt(qintptr fd)
{
    if (!setSocketDescriptor(fd))
        return false;
    // Qt reads the kernel into the socket's buffer at most this much ahead (see ingest()).
    setReadBufferSize(kReadChunk);
    // Connected before Qt's server connects its own: these run first on every signal.
    connect(this, &QIODevice::readyRead, this, &GatedSocket::onReadyRead);
    connect(this, &QIODevice::bytesWritten, this, &GatedSocket::onBytesWritten);
    connect(this, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
    setTimer(TimerKind::Head, m_headDeadlineMs);
    return true;
}

qint64 GatedSocket::writeData(const char *data, qint64 size)
{
    m_inFlight = false; // the answer has begun
    const qint64 written = QTcpSocket::writeData(data, size);
    updateHeld();
    if (!m_closing && !m_passThrough)
        updateTimer();
    return written;
}

void GatedSocket::onReadyRead()
{
    if (m_passThrough || m_feeding)
        return;
    if (m_stream == Stream::Finishing || m_stream == Stream::Download) {
        // The connection ends with this answer: what the peer sends meanwhile is thrown away
        // (Qt's parser must not see it and answer in the middle of this one).
        m_drained += read(bytesAvailable()).size();
        if (m_drained > kMaxDrain)
            drop();
        return;
    }
    ingest();
    if (!m_closing && state() == ConnectedState)
        pump(false);
}

void GatedSocket::onBytesWritten()
{
    updateHeld();
    if (m_stream == Stream::Download) {
        pumpSource();
        return;
    }
    if (m_closing) {
        if (bytesToWrite() > 0 && m_timerKind == TimerKind::Linger)
            setTimer(TimerKind::Linger, qMax(kLingerMs, m_shared->sendTimeoutMs)); // progress
        finishClose();
        return;
    }
    if (m_passThrough)
        return;
    if (m_closeAfterAnswer && !m_inFlight && bytesToWrite() == 0) {
        // The last answer is sent whole (every answer is written in one go: writeReply()).
        closeAfterAnswer();
        return;
    }
    if (bytesToWrite() > 0)
        setTimer(TimerKind::Send, m_shared->sendTimeoutMs); // progress: a fresh send timeout
    schedulePump();
}

void GatedSocket::ingest()
{
    const QByteArray data = takeArrived();
    if (data.isEmpty())
        return;
    if (m_closing || m_closeSeen) {
        // Refused, or the peer said its last request ends the connection: what the peer still
        // sends is dropped, so that the close does not reset the connection before the peer has
        // read the answer.
        m_drained += data.size();
        if (m_drained > kMaxDrain)
            drop();
        return;
    }
    if (m_stream == Stream::Upload) {
        m_stash.append(data);
        feedSink();
        return;
    }
    // Counted as the bytes come, in a request or between requests: a trickled body is held too.
    if (m_shared->held + data.size() > m_shared->maxHeldBytes) {
        qCWarning(lcHttp) << "refusing a request: the server holds" << m_shared->held
                          << "bytes of requests and answers";
        refuse(Status::ServiceUnavailable, QByteArrayLiteral("Server busy, try again later"));
        return;
    }
    m_stash.append(data);
    if (!frameStash())
        return;
    if (m_ready.size() > 1 && m_stash.size() > kMaxBacklog) {
        qCInfo(lcHttp) << "refused a connection from" << peerAddress()
                       << ": too many pipelined requests";
        refuse(Status::ServiceUnavailable, QByteArrayLiteral("Too many pipelined requests"));
        return;
    }
    if (m_timerKind == TimerKind::Body)
        setTimer(TimerKind::Body, m_shared->idleTimeoutMs); // progress
    updateHeld();
    updateTimer();
}

QByteArray GatedSocket::takeArrived()
{
    // What Qt has read from the kernel into the socket's buffer is taken out of it here, before
    // Qt's own slot runs. While a complete request waits, the bytes stay in the buffer (inside a
    // transaction, so that Qt does not see them): once it holds kReadChunk bytes Qt stops reading
    // the kernel, and TCP makes the peer wait.
    const bool hold = !m_closing && !m_ready.isEmpty();
    if (hold) {
        if (!isTransactionStarted())
            startTransaction();
    } else if (isTransactionStarted()) {
        commitTransaction(); // Qt only ever had whole requests: nothing of them is lost
    }
    return read(QIODevice::bytesAvailable());
}

bool GatedSocket::frameStash()
{
    qsizetype readyBytes = 0;
    for (qsizetype length : std::as_const(m_ready))
        readyBytes += length;
    while (!m_upgradeSeen && !m_closeSeen && m_framed < m_stash.size()) {
        const RequestFramer::Step step = m_framer.feed(QByteArrayView(m_stash).sliced(m_framed));
        m_framed += step.consumed;
        if (step.kind == RequestFramer::Step::Refuse) {
            qCInfo(lcHttp) << "refused a request from" << peerAddress() << ":" << step.status
                           << step.reason;
            refuse(step.status, step.reason);
            if (step.status == Status::ContentTooLarge && m_shared->bodyRefused)
                m_shared->bodyRefused(m_framer.method(), m_framer.target());
            return false;
        }
        if (step.kind == RequestFramer::Step::NeedMore)
            break;
        if (step.kind == RequestFramer::Step::Streamed) {
            if (!m_ready.isEmpty() || m_inFlight) {
                refuse(Status::ServiceUnavailable,
                       QByteArrayLiteral("An upload or download must not be pipelined"));
                return false;
            }
            m_stash.remove(0, m_framed);
            m_framed = 0;
            startStream(m_framer.streamedHead());
            return false;
        }
        m_ready.append(m_framed - readyBytes);
        readyBytes = m_framed;
        if (m_framer.isUpgrade())
            m_upgradeSeen = true; // the bytes after it are the new protocol's
        if (m_framer.wantsClose()) {
            m_closeSeen = true; // its answer is the last: nothing after it is read
            m_stash.truncate(m_framed);
        }
    }
    return true;
}

void GatedSocket::pump(bool emitReadyRead)
{
    if (m_passThrough || m_closing || state() != ConnectedState)
        return;
    if (!m_ready.isEmpty() && !m_inFlight && bytesToWrite() <= m_shared->writeCap) {
        qsizetype length = m_ready.takeFirst();
        m_inFlight = true;
        m_firstRequest = false;
        m_closeAfterAnswer = m_closeSeen && m_ready.isEmpty();
        if (m_ready.isEmpty() && m_upgradeSeen) {
            // Qt takes this one and the socket with it (or answers and closes): the bytes after
            // the head are the new protocol's.
            m_passThrough = true;
            setTimer(TimerKind::None, 0);
            length = m_stash.size();
            // A WebSocket frame is read whole: the socket's buffer may hold what the WebSocket's
            // own limit (maxPayload, set on the QWebSocket) allows, not only kReadChunk.
            setReadBufferSize(0);
        }
        feedQt(length);
        updateTimer();
        schedulePump(); // once Qt has handled it
        if (emitReadyRead) {
            m_feeding = true; // onReadyRead() must not take the request back
            Q_EMIT readyRead();
            m_feeding = false;
        }
        return;
    }
    if (m_ready.isEmpty())
        rearmReading();
    updateTimer();
}

void GatedSocket::feedQt(qsizetype length)
{
    // Qt's slot reads everything the socket's buffer holds in one go: the request is put back
    // at the front of that buffer (which holds nothing else now: ingest() has taken it all).
    if (isTransactionStarted())
        commitTransaction(); // held bytes: they are in m_stash
    for (qsizetype i = length - 1; i >= 0; --i)
        ungetChar(m_stash.at(i));
    m_stash.remove(0, length);
    m_framed = qMax<qsizetype>(0, m_framed - length);
    updateHeld();
}

void GatedSocket::schedulePump()
{
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_pumpScheduled = false;
                if (m_closing || m_passThrough || state() != ConnectedState)
                    return;
                if (receivers(SIGNAL(readyRead())) == 0) {
                    // Qt's parser gave up on a request (and disconnected every signal).
                    connect(this, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
                    refuse(Status::BadRequest, QByteArrayLiteral("Malformed request"));
                    return;
                }
                pump(true);
            },
            Qt::QueuedConnection);
}

void GatedSocket::rearmReading()
{
    // QAbstractSocket stops watching the descriptor while its buffer is full; a read turns the
    // watching back on.
    if (isTransactionStarted() && m_ready.isEmpty())
        commitTransaction();
    char none = 0;
    QTcpSocket::readData(&none, 0);
}

void GatedSocket::refuse(int status, const QByteArray &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_stash.clear();
    m_ready.clear();
    m_framed = 0;
    WebSocket::HeaderList extra;
    if (status == Status::ServiceUnavailable)
        extra.append({HttpLiterals::retryAfterHeader(), QByteArrayLiteral("10")});
    write(WebSocket::httpResponse(status, HttpLiterals::textPlainUtf8(), QByteArray(reason + '\n'),
                                  extra));
    updateHeld();
    setTimer(TimerKind::Linger, kLingerMs);
    finishClose();
    rearmReading();
}

void GatedSocket::closeAfterAnswer()
{
    // As after a refusal: no more from this side, what the peer still sends is drained, and the
    // connection ends when the peer closes or the linger time is over.
    m_closing = true;
    m_stash.clear();
    m_framed = 0;
    updateHeld();
    setTimer(TimerKind::Linger, kLingerMs);
    finishClose();
    rearmReading();
}

void GatedSocket::finishClose()
{
    if (bytesToWrite() > 0)
        return;
    // Everything is sent: no more from this side; what the peer still sends is drained.
    ::shutdown(int(socketDescriptor()), SHUT_WR);
}

void GatedSocket::setTimer(TimerKind kind, int ms)
{
    m_timerKind = kind;
    if (kind == TimerKind::None || ms <= 0)
        m_timer.stop();
    else
        m_timer.start(m_shared->wheel, ms);
}

void GatedSocket::updateTimer()
{
    if (m_closing || m_passThrough || m_stream != Stream::None)
        return;
    TimerKind kind = TimerKind::None;
    int ms = 0;
    if (bytesToWrite() > 0) {
        kind = TimerKind::Send;
        ms = m_shared->sendTimeoutMs;
    } else if (m_firstRequest && m_ready.isEmpty() && !m_framer.headDone()) {
        kind = TimerKind::Head; // counted from accept; the body then has the idle timeout
        ms = m_headDeadlineMs;
    } else if (m_framer.inRequest() && !m_framer.headDone()) {
        kind = TimerKind::Head;
        ms = m_shared->headerTimeoutMs;
    } else if (m_framer.inRequest()) {
        kind = TimerKind::Body;
        ms = m_shared->idleTimeoutMs;
    } else if (!m_inFlight && m_ready.isEmpty()) {
        kind = TimerKind::Idle;
        ms = m_shared->idleTimeoutMs;
    }
    if (kind == TimerKind::Head && m_firstRequest && m_timerKind == TimerKind::Head)
        return; // the accept deadline keeps running
    if (kind != m_timerKind)
        setTimer(kind, ms);
}

void GatedSocket::onTimeout()
{
    switch (m_timerKind) {
    case TimerKind::Head:
        qCDebug(lcHttp) << "header timeout" << peerAddress();
        drop();
        break;
    case TimerKind::Body:
        qCDebug(lcHttp) << "request body stalled" << peerAddress();
        drop();
        break;
    case TimerKind::Idle:
        qCDebug(lcHttp) << "idle keep-alive connection closed" << peerAddress();
        disconnectFromHost();
        break;
    case TimerKind::Send:
        qCInfo(lcHttp) << "closed a connection that did not read its answers" << peerAddress()
                       << bytesToWrite() << "bytes unsent";
        drop();
        break;
    case TimerKind::Linger: drop(); break;
    case TimerKind::None: break;
    }
}

void GatedSocket::updateHeld()
{
    const qint64 now = m_stash.size() + bytesToWrite();
    m_shared->held += now - m_held;
    m_held = now;
}

void GatedSocket::drop()
{
    m_timer.stop();
    m_timerKind = TimerKind::None;
    // A reset, not a FIN: a FIN waits behind unsent data that a peer that does not read never
    // takes, and the kernel would keep that data (and the connection) for minutes.
    const linger reset{1, 0};
    ::setsockopt(int(socketDescriptor()), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    abort();
}

void GatedSocket::startStream(const QByteArray &head)
{
    StreamRequest request;
    request.peer = peerAddress();
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.append({line.first(colon), line.sliced(colon + 1).trimmed()});
    }
    const QByteArrayView path
            = QByteArrayView(request.target)
                      .first(request.target.contains('?') ? request.target.indexOf('?')
                                                          : request.target.size());
    const StreamRoute *route = nullptr;
    for (const StreamRouteRule &rule : std::as_const(m_shared->streamRoutes)) {
        const bool methodMatches = request.method == rule.method
                || (rule.method == "GET" && request.method == "HEAD");
        if (methodMatches && path.startsWith(rule.pathPrefix)) {
            route = &rule.route;
            break;
        }
    }
    if (!route) { // a stream rule without a route: a programming error, answered plainly
        refuse(Status::NotFound, QByteArrayLiteral("Not found"));
        return;
    }
    StreamStart start = (*route)(request);
    if (!start.sink) {
        sendAnswer(std::move(start.answer));
        return;
    }
    m_stream = Stream::Upload;
    m_sink = std::move(start.sink);
    m_bodyLeft = start.bodyLength;
    m_uploadProgress = 0;
    setTimer(TimerKind::Body, m_shared->idleTimeoutMs);
    feedSink();
}

void GatedSocket::feedSink()
{
    // The body goes to the sink as it arrives: the socket's buffer (kReadChunk) and this stash
    // hold at most one read's worth.
    if (!m_stash.isEmpty() && m_bodyLeft > 0) {
        const qsizetype take = qsizetype(qMin<qint64>(m_bodyLeft, m_stash.size()));
        if (!m_sink->write(QByteArrayView(m_stash).first(take))) {
            StreamAnswer failed = m_sink->failure();
            m_sink.reset(); // aborts the upload
            m_stream = Stream::None;
            sendAnswer(std::move(failed));
            return;
        }
        m_bodyLeft -= take;
        m_uploadProgress += take;
        if (m_uploadProgress >= kUploadProgressBytes) { // progress: a fresh idle timeout
            m_uploadProgress = 0;
            setTimer(TimerKind::Body, m_shared->idleTimeoutMs);
        }
    }
    // Bytes after the declared body (a longer body, a pipelined request) are not read: the
    // connection ends with the answer.
    m_stash.clear();
    updateHeld();
    if (m_bodyLeft > 0)
        return;
    m_stream = Stream::Finishing;
    setTimer(TimerKind::None, 0);
    m_sink->finish([self = QPointer<GatedSocket>(this)](StreamAnswer answer) {
        if (self)
            self->onSinkFinished(std::move(answer));
    });
}

void GatedSocket::onSinkFinished(StreamAnswer answer)
{
    m_sink.reset();
    m_stream = Stream::None;
    if (state() != ConnectedState)
        return;
    sendAnswer(std::move(answer));
}

void GatedSocket::sendAnswer(StreamAnswer answer)
{
    if (m_closing)
        return;
    m_closing = true; // every streamed answer ends its connection
    m_stash.clear();
    m_ready.clear();
    m_framed = 0;
    QByteArray head = HttpLiterals::statusLine(answer.status);
    for (const auto &[name, value] : std::as_const(answer.headers))
        head += name + ": " + value + "\r\n";
    const qint64 length = answer.source ? answer.length : answer.body.size();
    if (answer.status != Status::NotModified) // a 304 has no body and names none
        head += HttpLiterals::contentLengthHeader() + ": " + QByteArray::number(length) + "\r\n";
    head += HttpLiterals::connectionHeader() + ": close\r\n\r\n";
    const bool stream = answer.source && !answer.headOnly && answer.length > 0;
    if (!answer.source && !answer.headOnly)
        head += answer.body;
    write(head);
    setTimer(TimerKind::Linger, qMax(kLingerMs, m_shared->sendTimeoutMs));
    if (stream) {
        m_stream = Stream::Download;
        m_source = std::move(answer.source);
        m_sourceLeft = answer.length;
        pumpSource();
        return;
    }
    updateHeld();
    finishClose();
    rearmReading();
}

void GatedSocket::pumpSource()
{
    // One chunk at a time, as the peer takes them: at most writeCap unsent bytes are held.
    while (m_sourceLeft > 0 && bytesToWrite() < m_shared->writeCap && state() == ConnectedState) {
        const QByteArray chunk = m_source->read(qMin<qint64>(m_sourceLeft, kReadChunk));
        if (chunk.isEmpty()) {
            qCWarning(lcHttp) << "a file being sent could not be read:" << m_source->errorString();
            drop(); // the length was promised: the peer sees a cut answer
            return;
        }
        m_sourceLeft -= chunk.size();
        write(chunk);
    }
    if (bytesToWrite() > 0)
        setTimer(TimerKind::Linger, qMax(kLingerMs, m_shared->sendTimeoutMs)); // progress
    updateHeld();
    if (m_sourceLeft <= 0)
        endStream();
}

void GatedSocket::endStream()
{
    m_stream = Stream::None;
    m_source.reset();
    finishClose();
    rearmReading();
}

} // namespace ChatHost::Http
