// conformance-server: the behaviour the Socket.IO project's protocol test suites expect
// (shared/docs/protocol.md section 3), built from core. Used by the integration tests.
#include "common/systemlimits.h"
#include "engineio/server.h"
#include "http/httpfront.h"
#include "server/hostserver.h"
#include "socketio/namespace.h"
#include "socketio/socket.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace ChatHost;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("conformance-server"));
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("port"), QStringLiteral("Port (0: any free one)."),
                      QStringLiteral("N"), QStringLiteral("3000")});
    parser.process(app);
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port > 65535) {
        QTextStream(stderr) << "invalid --port" << Qt::endl;
        return 2;
    }
    raiseOpenFileLimit();

    HostOptions options;
    options.bindAddress = QHostAddress::Any;
    options.port = quint16(port);
    options.engine.pingInterval = 300;
    options.engine.pingTimeout = 200;
    options.engine.maxPayload = 1000000;
    options.socketIo.connectTimeout = 1000;
    // Conformance suites connect from one address, many at once: no per-address caps here.
    options.limits.maxPerAddress = options.limits.maxConnections;
    options.limits.newPerAddress = 0;
    HostServer host(options);

    // A raw Engine.IO server at /engine.io/ that echoes every message.
    auto *echo = new EngineIO::Server(host.wheel(), options.engine, &host);
    QObject::connect(echo, &EngineIO::Server::connection, &app, [](EngineIO::Session *session) {
        QObject::connect(session, &EngineIO::Session::messageReceived, session,
                         [session](const QString &text) { session->sendMessage(text); });
        QObject::connect(session, &EngineIO::Session::binaryReceived, session,
                         [session](const QByteArray &data) { session->sendBinary(data); });
    });

    auto setUp = [](SocketIO::Namespace *nsp, bool withMessages) {
        nsp->onConnection([withMessages](SocketIO::Socket *socket) {
            socket->emit(QStringLiteral("auth"), {socket->auth()});
            if (!withMessages)
                return;
            socket->on(QStringLiteral("message"),
                       [socket](const SocketIO::Arguments &args, const SocketIO::AckFunction &) {
                           socket->emit(QStringLiteral("message-back"), args);
                       });
            socket->on(QStringLiteral("message-with-ack"),
                       [](const SocketIO::Arguments &args, const SocketIO::AckFunction &ack) {
                           if (ack)
                               ack(args);
                       });
        });
    };
    setUp(host.io()->of(QStringLiteral("/")), true);
    setUp(host.io()->of(QStringLiteral("/custom")), false);

    if (!host.start()) {
        QTextStream(stderr) << host.errorString() << Qt::endl;
        return 1;
    }
    host.front()->mount(QStringLiteral("/engine.io/"), echo);
    QTextStream(stdout) << "listening on http://127.0.0.1:" << host.port() << Qt::endl;
    return app.exec();
}
