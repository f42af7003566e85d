// The host's window: share the address, watch who is here and what is said, announce, and
// moderate (from the people table and the log, by context menu and keyboard).
#pragma once

#include <QMainWindow>
#include <QPointer>

class QAction;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QSplitter;
class QSystemTrayIcon;
class QTableView;

namespace ChatHost {
class HostServer;
class Settings;
namespace Chat {
class ChatService;
}
namespace Models {
class LogModel;
class PeopleModel;
} // namespace Models
} // namespace ChatHost

namespace ChatHost::Ui {

class AnnouncementEdit;
class LogFilterProxy;
class SharePanel;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    MainWindow(HostServer *host, Chat::ChatService *chat, Settings *settings,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // For tests and scripts.
    Models::PeopleModel *peopleModel() const { return m_people; }
    Models::LogModel *logModel() const { return m_log; }
    SharePanel *sharePanel() const { return m_share; }
    // The host's mDNS name ("box.local") from Avahi; empty without. Shown first in the panel.
    void setLocalHostName(const QString &hostName);
    AnnouncementEdit *announcementEdit() const { return m_announcement; }
    QTableView *peopleView() const { return m_peopleView; }
    QTableView *logView() const { return m_logView; }
    // Whether closing the window asks first (tests turn it off).
    void setConfirmClose(bool confirm) { m_confirmClose = confirm; }

    // The actions behind the menus, acting on a person's public user id (PeopleModel::UserIdRole,
    // LogModel::AuthorIdRole), never the nickname, or on a message id.
    void kickPerson(const QString &userId, const QString &reason);
    // A private message from the host to one person; false (and the status bar says why) when
    // it cannot go.
    bool sendPrivateMessage(const QString &userId, const QString &text);
    void mutePerson(const QString &userId, qint64 durationMs);
    // Every connection from the address, and new ones while it lasts (0: until unmuted).
    void muteAddress(const QString &address, qint64 durationMs);
    void banPerson(const QString &userId, bool byAddress, qint64 durationMs, const QString &reason);
    // The connection of the person who wrote a log entry, found by their user id (not by the
    // nickname, which may now be someone else's); empty if they are gone.
    QString socketIdOfLogEntry(const QModelIndex &index) const;
    // Kicks the author of a log entry; false (and says so) if they are no longer here.
    bool kickLogAuthor(const QModelIndex &index, const QString &reason);
    void sendAnnouncement();
    // Starts the server; if the port is taken, says so and offers a free one.
    void startServer();
    // The tray's "NAME joined" text. Some notification servers render markup, so the nickname
    // (anything a person typed) is escaped.
    static QString joinedNotificationText(const QString &nickname);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *buildCentralWidget();
    void connectServerAndChat();
    void restoreWindowState();
    void buildActions();
    QWidget *buildPeoplePane();
    QWidget *buildLogPane();
    void showPeopleMenu(const QPoint &pos);
    void showLogMenu(const QPoint &pos);
    QString selectedUserId() const;
    void askKick(const QString &userId);
    void askPrivateMessage(const QString &userId);
    void askBan(const QString &userId, bool byAddress);
    void deleteSelectedMessage();
    void stopServer();
    void restartServer();
    void editSettings();
    void exportHistory();
    void askSlowMode();
    void setUpTray();
    void refreshStatus();
    void saveWindowState();

    HostServer *m_host;
    Chat::ChatService *m_chat;
    Settings *m_settings;
    Models::PeopleModel *m_people;
    Models::LogModel *m_log;
    QSortFilterProxyModel *m_peopleProxy;
    LogFilterProxy *m_logProxy;
    SharePanel *m_share;
    QTableView *m_peopleView = nullptr;
    QTableView *m_logView = nullptr;
    QLineEdit *m_peopleFilter = nullptr;
    QLineEdit *m_logFilter = nullptr;
    QComboBox *m_logKind = nullptr;
    QCheckBox *m_pauseScroll = nullptr;
    AnnouncementEdit *m_announcement;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_watchSplitter = nullptr;
    QAction *m_lockAction = nullptr;
    QAction *m_privateAction = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    bool m_confirmClose = true;
    bool m_quitting = false;
};

} // namespace ChatHost::Ui
