// One ChatHost window per user, port and data folder: a later start with the same three asks the
// running one (over a local socket only this user may open) to bring its window to the front and
// exits; another port or data folder starts normally.
#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace ChatHost {

class SingleInstance final : public QObject
{
    Q_OBJECT
public:
    enum class Answer {
        NoneRunning, // nothing listens on the name (or only a stale socket file)
        Shown, // the running instance showed its window
        NoAnswer, // something listens but did not answer in time
    };

    // The local socket's name for this user, port and data folder (a hash of the three; a path
    // in XDG_RUNTIME_DIR when that is set, else a name Qt places in the temporary folder).
    static QString serverName(uint userId, quint16 port, const QString &dataDir);
    // Asks the instance listening on name to show itself. Blocks at most timeoutMs; needs no
    // event loop (so it also works from another thread).
    static Answer askRunning(const QString &name, int timeoutMs = 2000);

    explicit SingleInstance(QString name, QObject *parent = nullptr);
    ~SingleInstance() override;
    // Starts answering later instances; replaces a stale socket file. False when it cannot.
    bool listen();
    QString name() const { return m_name; }

Q_SIGNALS:
    // A later instance with the same user, port and data folder asked for the window.
    void activationRequested();

private:
    void answer();

    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace ChatHost
