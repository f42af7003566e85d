// socketio-test-server: a server built from core that exercises the whole Socket.IO API (acks
// both ways, rooms, middleware, server-side disconnect), for the integration tests' real clients.
#include "common/systemlimits.h"
#include "server/hostserver.h"
#include "socketio/namespace.h"
#include "socketio/socket.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

using namespace ChatHost;
using SocketIO::AckFunction;
using SocketIO::Arguments;
using SocketIO::JsonValue;

namespace {

int intOption(const QCommandLineParser &parser, const QString &name)
{
    return parser.value(name).toInt();
}

void setUpMain(SocketIO::Namespace *nsp)
{
    nsp->onConnection([nsp](SocketIO::Socket *socket) {
        socket->emit(QStringLiteral("auth"), {socket->auth()});
        socket->on(QStringLiteral("message"), [socket](const Arguments &args, const AckFunction &) {
            socket->emit(QStringLiteral("message-back"), args);
        });
        socket->on(QStringLiteral("message-with-ack"),
                   [](const Arguments &args, const AckFunction &ack) {
                       if (ack)
                           ack(args);
                   });
        // The server asks the client for an ack and reports what came back.
        socket->on(QStringLiteral("ask"), [socket](const Arguments &args, const AckFunction &) {
            const int timeout = args.empty() ? 1000 : int(args.front().toInteger());
            const Arguments question(args.begin() + (args.empty() ? 0 : 1), args.end());
            socket->emitWithAck(QStringLiteral("question"), question, timeout,
                                [socket](bool timedOut, const Arguments &answer) {
                                    Arguments report{JsonValue(timedOut)};
                                    report.insert(report.end(), answer.begin(), answer.end());
                                    socket->emit(QStringLiteral("answer"), report);
                                });
        });
        socket->on(QStringLiteral("join"), [socket](const Arguments &args, const AckFunction &ack) {
            socket->join(args.at(0).toString());
            if (ack)
                ack({});
        });
        socket->on(QStringLiteral("leave"),
                   [socket](const Arguments &args, const AckFunction &ack) {
                       socket->leave(args.at(0).toString());
                       if (ack)
                           ack({});
                   });
        // To a room, except the sender.
        socket->on(QStringLiteral("to-room"),
                   [socket](const Arguments &args, const AckFunction &ack) {
                       socket->to(args.at(0).toString())
                               .emit(QStringLiteral("room-message"),
                                     Arguments(args.begin() + 1, args.end()));
                       if (ack)
                           ack({});
                   });
        // To a room, sender included.
        socket->on(QStringLiteral("to-room-all"),
                   [nsp](const Arguments &args, const AckFunction &ack) {
                       nsp->to(args.at(0).toString())
                               .emit(QStringLiteral("room-message"),
                                     Arguments(args.begin() + 1, args.end()));
                       if (ack)
                           ack({});
                   });
        socket->on(QStringLiteral("broadcast"),
                   [socket](const Arguments &args, const AckFunction &ack) {
                       socket->broadcast().emit(QStringLiteral("broadcast"), args);
                       if (ack)
                           ack({});
                   });
        socket->on(QStringLiteral("disconnect-me"),
                   [socket](const Arguments &args, const AckFunction &) {
                       const bool close = !args.empty() && args.front().toBool();
                       // Later, so the handler does not run on a deleted socket.
                       QTimer::singleShot(0, socket,
                                          [socket, close] { socket->disconnect(close); });
                   });
        socket->on(QStringLiteral("rooms"), [socket](const Arguments &, const AckFunction &ack) {
            JsonValue::Array rooms;
            const auto names = socket->rooms();
            for (const QString &r : names)
                rooms.push_back(JsonValue(r));
            if (ack)
                ack({JsonValue(std::move(rooms))});
        });
    });
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
            {QStringLiteral("port"), QStringLiteral("Port."), QStringLiteral("N"),
             QStringLiteral("0")},
            {QStringLiteral("ping-interval"), QStringLiteral("ms"), QStringLiteral("MS"),
             QStringLiteral("300")},
            {QStringLiteral("ping-timeout"), QStringLiteral("ms"), QStringLiteral("MS"),
             QStringLiteral("200")},
            {QStringLiteral("connect-timeout"), QStringLiteral("ms"), QStringLiteral("MS"),
             QStringLiteral("1000")},
            {QStringLiteral("max-payload"), QStringLiteral("bytes"), QStringLiteral("N"),
             QStringLiteral("1000000")},
    });
    parser.process(app);
    raiseOpenFileLimit();

    HostOptions options;
    options.bindAddress = QHostAddress::LocalHost;
    options.port = quint16(intOption(parser, QStringLiteral("port")));
    options.engine.pingInterval = intOption(parser, QStringLiteral("ping-interval"));
    options.engine.pingTimeout = intOption(parser, QStringLiteral("ping-timeout"));
    options.engine.maxPayload = intOption(parser, QStringLiteral("max-payload"));
    options.socketIo.connectTimeout = intOption(parser, QStringLiteral("connect-timeout"));
    // A test server: every client comes from 127.0.0.1, hundreds at once (the per-address caps
    // that protect a real host are tested against chathost itself).
    options.limits.maxPerAddress = options.limits.maxConnections;
    options.limits.newPerAddress = 0;
    HostServer host(options);

    setUpMain(host.io()->of(QStringLiteral("/")));

    // Refuses unless the auth payload carries the right token.
    SocketIO::Namespace *priv = host.io()->of(QStringLiteral("/private"));
    priv->use([](SocketIO::Socket *socket, const SocketIO::NextFunction &next) {
        if (socket->auth()[u"token"].toString() == u"secret")
            next(std::nullopt);
        else
            next(SocketIO::ConnectError{
                    QStringLiteral("not authorized"),
                    JsonValue(JsonValue::Object{{QStringLiteral("code"), 401}})});
    });
    priv->onConnection([](SocketIO::Socket *socket) { socket->emit(QStringLiteral("welcome")); });

    // Middleware that decides later (asynchronously), then lets everyone in.
    SocketIO::Namespace *slow = host.io()->of(QStringLiteral("/slow"));
    slow->use([](SocketIO::Socket *socket, const SocketIO::NextFunction &next) {
        QTimer::singleShot(50, socket, [next] { next(std::nullopt); });
    });
    slow->onConnection([](SocketIO::Socket *socket) { socket->emit(QStringLiteral("welcome")); });

    if (!host.start()) {
        QTextStream(stderr) << host.errorString() << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << "listening on http://127.0.0.1:" << host.port() << Qt::endl;
    return app.exec();
}
