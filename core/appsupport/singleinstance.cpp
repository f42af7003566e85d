// See singleinstance.h.
#include "appsupport/singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTimer>

namespace ChatHost {

namespace {

constexpr char kRequest[] = "show\n";
constexpr char kReply[] = "shown\n";
constexpr qsizetype kMaxRequest = 64; // anything longer is not ours
constexpr int kClientTimeoutMs = 2000; // a silent client is dropped after this

} // namespace

QString SingleInstance::serverName(uint userId, quint16 port, const QString &dataDir)
{
    const QString folder = QDir::cleanPath(QFileInfo(dataDir).absoluteFilePath());
    const QByteArray key
            = QByteArray::number(userId) + '\0' + QByteArray::number(port) + '\0' + folder.toUtf8();
    const QString name
            = QStringLiteral("chathost-")
            + QString::fromLatin1(
                      QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(32));
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QFileInfo(runtime).isDir())
        return QDir(runtime).filePath(name);
    return name;
}

SingleInstance::Answer SingleInstance::askRunning(const QString &name, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(name);
    if (!socket.waitForConnected(timeoutMs))
        return Answer::NoneRunning; // no such socket, or a stale file nobody listens on
    socket.write(kRequest);
    if (!socket.waitForBytesWritten(timeoutMs))
        return Answer::NoAnswer;
    QByteArray reply;
    while (!reply.contains('\n') && reply.size() < kMaxRequest) {
        if (!socket.waitForReadyRead(timeoutMs))
            break;
        reply += socket.readAll();
    }
    return reply == kReply ? Answer::Shown : Answer::NoAnswer;
}

SingleInstance::SingleInstance(QString name, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
{ }

SingleInstance::~SingleInstance() = default;

bool SingleInstance::listen()
{
    if (m_server)
        return m_server->isListening();
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name)) {
        // Left behind by an instance that crashed: nobody answers on it (askRunning() said so).
        QLocalServer::removeServer(m_name);
        if (!m_server->listen(m_name))
            return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::answer);
    return true;
}

void SingleInstance::answer()
{
    while (QLocalSocket *client = m_server->nextPendingConnection()) {
        connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
        QTimer::singleShot(kClientTimeoutMs, client, &QLocalSocket::abort);
        connect(client, &QLocalSocket::readyRead, this, [this, client] {
            const QByteArray request = client->peek(kMaxRequest);
            if (!request.contains('\n') && request.size() < kMaxRequest)
                return; // wait for the rest of the line
            client->readAll();
            if (request == kRequest) {
                Q_EMIT activationRequested();
                client->write(kReply);
            }
            client->disconnectFromServer();
        });
    }
}

} // namespace ChatHost
