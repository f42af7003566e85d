// Where to browse to (every address, copy buttons, a QR code, open in browser) and the
// server's state with start / stop / restart.
#pragma once

#include <QWidget>

class QButtonGroup;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace ChatHost {
class HostServer;
namespace Chat {
class ChatService;
}
} // namespace ChatHost

namespace ChatHost::Ui {

class SharePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SharePanel)
public:
    SharePanel(HostServer *host, Chat::ChatService *chat, QWidget *parent = nullptr);

    QString selectedUrl() const { return m_selectedUrl; }
    QStringList urls() const { return m_urls; }
    void refresh(); // addresses and state
    // The host's mDNS name ("box.local"): its address leads the list and the QR code.
    void setLocalHostName(const QString &hostName);
    void refreshStats(); // people, messages per minute

Q_SIGNALS:
    void startRequested();
    void stopRequested();
    void restartRequested();

private:
    void rebuildUrls();
    void selectUrl(const QString &url);

    HostServer *m_host;
    Chat::ChatService *m_chat;
    QStringList m_urls;
    QString m_localHostName;
    QString m_selectedUrl;
    QVBoxLayout *m_urlRows;
    QButtonGroup *m_urlGroup;
    QLabel *m_qr;
    QLabel *m_state;
    QLabel *m_details;
    QLabel *m_stats;
    QPushButton *m_open;
    QPushButton *m_start;
    QPushButton *m_stop;
    QPushButton *m_restart;
};

} // namespace ChatHost::Ui
