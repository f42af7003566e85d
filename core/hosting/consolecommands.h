// The host's commands in headless mode, typed on standard input (/say, /who, /help), since a
// server has no window.
#pragma once

#include <QObject>
#include <QString>

class QSocketNotifier;

namespace ChatHost::Chat {
class ChatService;
}

namespace ChatHost {

class ConsoleCommands final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleCommands)
public:
    explicit ConsoleCommands(Chat::ChatService *chat, QObject *parent = nullptr);

    // Runs one command line and returns what to print (translated).
    QString execute(const QString &line);
    // Starts reading lines from standard input.
    void listenOnStdin();

Q_SIGNALS:
    void output(const QString &text);

private:
    void readStdin();
    QString userIdOf(const QString &nickname) const;

    Chat::ChatService *m_chat;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_buffer;
};

} // namespace ChatHost
