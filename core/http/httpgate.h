// The socket handed to Qt's HTTP server, with a gate in front of Qt's parser. Qt 6.4's
// QAbstractHttpServer reads whatever a socket holds, buffers request heads and bodies without a
// limit and answers pipelined requests whether or not the peer reads the answers. This socket's
// own readyRead slot runs before Qt's: it takes the new bytes out of the socket's buffer, frames
// the requests with a RequestFramer and puts back one complete request at a time for Qt's slot
// to read, and only when the answer to the one before has begun and mostly been sent. A request
// that ends the connection ("Connection: close", HTTP/1.0 without keep-alive) is the last one
// read: once its answer is sent, the connection is closed (Qt's server ignores the header). Broken
// limits get a clear answer from here (431, 413, 400, 501, 503) and the connection is closed; Qt
// never sees them.
#pragma once

#include "http/requestframer.h"
#include "http/streamroute.h"

#include "common/timerwheel.h"

#include <QTcpSocket>

#include <functional>
#include <memory>

namespace ChatHost::Http {

struct ConnectionLimits;

// What all gated connections of one server share: the limits, the body policy and the bytes
// held for all of them (unread request bytes and unsent answers).
struct GateShared
{
    TimerWheel *wheel = nullptr; // the host's one wheel: every connection's deadline is a node
    qsizetype maxHead = 16 * 1024;
    int headerTimeoutMs = 10000;
    int idleTimeoutMs = 60000;
    int sendTimeoutMs = 30000;
    qint64 writeCap = 64 * 1024;
    qint64 maxHeldBytes = 256 * 1024 * 1024;
    BodyPolicy policy;
    // Told of each request refused with 413 before its body was read (method, target).
    std::function<void(const QByteArray &, const QByteArray &)> bodyRefused;
    // Uploads and downloads that bypass Qt's parser (the policy's stream rules name them).
    QList<StreamRouteRule> streamRoutes;
    qint64 held = 0;
};

class GatedSocket final : public QTcpSocket
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatedSocket)
public:
    // headDeadlineMs: what is left of the header timeout counted from accept; release runs
    // once when the socket is destroyed (it frees the connection's slot).
    GatedSocket(std::shared_ptr<GateShared> shared, int headDeadlineMs,
                std::function<void()> release, QObject *parent);
    ~GatedSocket() override;

    // Takes over a connected descriptor; false (fd not taken) on failure.
    bool adopt(qintptr fd);
    // For a socket made with no release (before it was admitted).
    void setRelease(std::function<void()> release) { m_release = std::move(release); }

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    enum class TimerKind { None, Head, Body, Idle, Send, Linger };
    // A streamed route's request (see streamroute.h): the body going to a sink, the sink
    // finishing, the answer being read from a source. Each ends with the connection.
    enum class Stream { None, Upload, Finishing, Download };

    void onReadyRead();
    void onBytesWritten();
    void ingest();
    QByteArray takeArrived(); // what Qt's buffer holds, for ingest()
    bool frameStash(); // finds the requests complete in m_stash; false if one was refused
    void pump(bool emitReadyRead);
    void feedQt(qsizetype length);
    void schedulePump();
    void rearmReading();
    void refuse(int status, const QByteArray &reason);
    void closeAfterAnswer();
    void finishClose();
    void updateTimer();
    void setTimer(TimerKind kind, int ms);
    void onTimeout();
    void updateHeld();
    void drop();
    void startStream(const QByteArray &head);
    void feedSink();
    void onSinkFinished(StreamAnswer answer);
    // Writes the answer (and starts streaming its source) and closes the connection after it.
    void sendAnswer(StreamAnswer answer);
    void pumpSource();
    void endStream();

    std::shared_ptr<GateShared> m_shared;
    std::function<void()> m_release;
    RequestFramer m_framer;
    QByteArray m_stash; // bytes read from the kernel and not yet given to Qt
    qsizetype m_framed = 0; // of m_stash, how much the framer has seen
    QList<qsizetype> m_ready; // lengths of the complete requests at the front of m_stash
    qint64 m_held = 0; // this connection's share of GateShared::held
    qint64 m_drained = 0; // bytes thrown away after a refusal
    WheelTimer m_timer;
    TimerKind m_timerKind = TimerKind::None;
    int m_headDeadlineMs;
    bool m_firstRequest = true;
    bool m_inFlight = false; // Qt has a request and has not begun its answer
    bool m_passThrough = false; // upgraded: the bytes are the WebSocket's
    bool m_upgradeSeen = false; // the last framed request asks for an upgrade
    bool m_closing = false; // refused, or the last answer sent: close
    bool m_closeSeen = false; // a framed request ends the connection ("Connection: close")
    bool m_closeAfterAnswer = false; // that request is Qt's: close once its answer is sent
    bool m_pumpScheduled = false;
    bool m_feeding = false; // readyRead emitted here, for Qt's slot
    Stream m_stream = Stream::None;
    std::unique_ptr<StreamSink> m_sink;
    qint64 m_bodyLeft = 0; // of the upload's declared body
    // Body bytes since the body timer was last re-armed: it is re-armed only for real progress
    // (kUploadProgressBytes), so a body trickled a byte at a time still meets the idle timeout.
    qint64 m_uploadProgress = 0;
    static constexpr qint64 kUploadProgressBytes = 16 * 1024;
    std::unique_ptr<QIODevice> m_source;
    qint64 m_sourceLeft = 0;
};

} // namespace ChatHost::Http
