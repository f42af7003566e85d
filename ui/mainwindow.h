// The host's window: where to browse to, who is connected, and announcements.
#pragma once

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QStringListModel;

namespace ChatHost {
class HostServer;
namespace Chat {
class ChatService;
}
} // namespace ChatHost

namespace ChatHost::Ui {

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    MainWindow(HostServer *host, Chat::ChatService *chat, QWidget *parent = nullptr);

private:
    void refreshStatus();
    void appendLog(const QString &line);
    void sendAnnouncement();

    HostServer *m_host;
    Chat::ChatService *m_chat;
    QStringListModel *m_urls;
    QListView *m_urlView;
    QLabel *m_status;
    QPlainTextEdit *m_log;
    QLineEdit *m_input;
};

} // namespace ChatHost::Ui
