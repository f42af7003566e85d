// Time per message of the codecs on the fan-out path, with typical chat-sized input: client
// WebSocket frames read, HTTP requests framed, Socket.IO packets decoded and encoded, JSON parsed
// and written. Prints one line per case (best of five runs):
//     case  iterations  ns/op
#include "http/requestframer.h"
#include "socketio/packet.h"
#include "websocket/frame.h"
#include "json/jsonvalue.h"

#include <QElapsedTimer>
#include <QString>

#include <cstdio>
#include <functional>

namespace Json = ChatHost::Json;
namespace WebSocket = ChatHost::WebSocket;
namespace SocketIO = ChatHost::SocketIO;
namespace Http = ChatHost::Http;

namespace {

// A chat message as Socket.IO sends it (an EVENT packet); Engine.IO puts "4" before it.
const QString kEvent = QStringLiteral(
        R"(2["chat message",{"text":"Hello everyone, the meeting starts at 10:30 in room B \u00e9","id":"m-0123456789","from":"Ann","ts":1764763200000,"tags":["a","b"]}])");

// One masked client frame carrying text (RFC 6455 5.3).
QByteArray maskedFrame(const QByteArray &payload)
{
    QByteArray frame = WebSocket::frameHeader(WebSocket::Opcode::Text, payload.size());
    frame[1] = char(quint8(frame[1]) | 0x80);
    const char key[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(key, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ key[i % 4]));
    return frame;
}

void run(const char *name, int iterations, const std::function<void()> &op)
{
    double best = 1e300;
    for (int round = 0; round < 5; ++round) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < iterations; ++i)
            op();
        best = qMin(best, double(timer.nsecsElapsed()) / iterations);
    }
    std::printf("%-22s %9d %9.0f\n", name, iterations, best);
}

} // namespace

int main()
{
    std::printf("%-22s %9s %9s\n", "case", "iterations", "ns/op");
    const QByteArray eventUtf8 = "4" + kEvent.toUtf8();

    // 64 frames in one read, as a busy client's socket delivers them.
    QByteArray frames;
    for (int i = 0; i < 64; ++i)
        frames += maskedFrame(eventUtf8);
    qsizetype delivered = 0;
    run("ws-read-64-frames", 2000, [&] {
        WebSocket::MessageReader reader;
        reader.feed(frames, [&](WebSocket::MessageReader::Message &&m) {
            delivered += m.text.size();
            return true;
        });
    });
    run("ws-encode-text", 200000,
        [&] { delivered += WebSocket::OutgoingMessage::text(eventUtf8).wire().size(); });

    const QByteArray body = eventUtf8;
    const QByteArray request = "POST /socket.io/?EIO=4&transport=polling&sid=abcdefghijklmnopqrst "
                               "HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: bench\r\n"
                               "Accept: */*\r\nContent-Type: text/plain;charset=UTF-8\r\n"
                               "Content-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    Http::BodyPolicy policy;
    policy.allow("POST", "/socket.io/", 1000000);
    run("http-frame-request", 50000, [&] {
        Http::RequestFramer framer(&policy, 16 * 1024);
        delivered += framer.feed(request).consumed;
    });

    run("sio-decode-event", 100000, [&] {
        SocketIO::Decoder decoder;
        const auto r = decoder.addText(kEvent);
        delivered += r.status == SocketIO::Decoder::Status::Packet ? 1 : 0;
    });
    const auto decoded = SocketIO::Decoder().addText(kEvent);
    if (decoded.status != SocketIO::Decoder::Status::Packet)
        return 1;
    std::printf("# event packet: %lld characters encoded\n",
                qlonglong(SocketIO::encode(decoded.packet).text.size()));
    run("sio-encode-event", 100000,
        [&] { delivered += SocketIO::encode(decoded.packet).text.size(); });

    const QString json = kEvent.mid(1);
    run("json-parse", 100000, [&] { delivered += Json::parse(json).value ? 1 : 0; });
    const Json::JsonValue value = *Json::parse(json).value;
    run("json-write", 200000, [&] { delivered += value.toJson().size(); });

    std::printf("(checksum %lld)\n", qlonglong(delivered));
    return 0;
}
