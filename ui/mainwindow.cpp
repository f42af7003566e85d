// See mainwindow.h.
#include "mainwindow.h"

#include "announcementedit.h"
#include "appsupport/settings.h"
#include "bansdialog.h"
#include "chat/chatservice.h"
#include "chat/historyexport.h"
#include "chat/historystore.h"
#include "chat/moderator.h"
#include "logfilterproxy.h"
#include "models/logmodel.h"
#include "models/peoplemodel.h"
#include "moderation/ban.h"
#include "moderation/moderationstore.h"
#include "server/hostserver.h"
#include "settingsdialog.h"
#include "sharepanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace ChatHost::Ui {

namespace {
constexpr qint64 kMinute = 60 * 1000;

QTableView *makeTable(QAbstractItemModel *model)
{
    auto *view = new QTableView;
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    return view;
}

// A pane's title and its filter box, side by side; the caller adds more widgets to the row.
QHBoxLayout *makePaneHeader(const QString &title, QLineEdit *filter, const QString &placeholder)
{
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(title);
    label->setTextFormat(Qt::PlainText);
    filter->setPlaceholderText(placeholder);
    filter->setClearButtonEnabled(true);
    filter->setAccessibleName(placeholder);
    row->addWidget(label);
    row->addWidget(filter, 1);
    return row;
}
} // namespace

MainWindow::MainWindow(HostServer *host, Chat::ChatService *chat, Settings *settings,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_host(host)
    , m_chat(chat)
    , m_settings(settings)
    , m_people(new Models::PeopleModel(chat, this))
    , m_log(new Models::LogModel(chat, 5000, this))
    , m_peopleProxy(new QSortFilterProxyModel(this))
    , m_logProxy(new LogFilterProxy(this))
    , m_share(new SharePanel(host, chat))
    , m_announcement(new AnnouncementEdit)
{
    setWindowTitle(tr("ChatHost"));
    m_peopleProxy->setSourceModel(m_people);
    m_peopleProxy->setSortRole(Models::PeopleModel::SortRole);
    m_peopleProxy->setFilterKeyColumn(-1);
    m_peopleProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_logProxy->setSourceModel(m_log);
    setCentralWidget(buildCentralWidget());
    buildActions();
    connectServerAndChat();

    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &MainWindow::refreshStatus);
    timer->start(1000);
    setUpTray();
    restoreWindowState();
    refreshStatus();
}

QWidget *MainWindow::buildCentralWidget()
{
    m_watchSplitter = new QSplitter(Qt::Vertical);
    m_watchSplitter->addWidget(buildPeoplePane());
    m_watchSplitter->addWidget(buildLogPane());
    m_watchSplitter->setStretchFactor(1, 2);
    m_mainSplitter = new QSplitter(Qt::Horizontal);
    m_mainSplitter->addWidget(m_share);
    m_mainSplitter->addWidget(m_watchSplitter);
    m_mainSplitter->setStretchFactor(1, 1);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_mainSplitter, 1);
    auto *announceRow = new QHBoxLayout;
    auto *send = new QPushButton(tr("Send"));
    send->setToolTip(tr("Send the announcement to everyone (Enter)"));
    announceRow->addWidget(m_announcement, 1);
    announceRow->addWidget(send);
    layout->addLayout(announceRow);
    connect(send, &QPushButton::clicked, this, &MainWindow::sendAnnouncement);
    connect(m_announcement, &AnnouncementEdit::sendRequested, this, &MainWindow::sendAnnouncement);
    return central;
}

void MainWindow::connectServerAndChat()
{
    connect(m_share, &SharePanel::startRequested, this, &MainWindow::startServer);
    // Connections refused at the door: once per address while it lasts, then how many.
    connect(m_host, &HostServer::connectionRefused, this,
            [this](const QHostAddress &address, const QString &reason) {
                //: %1 an address, %2 the reason
                m_log->append({QDateTime::currentMSecsSinceEpoch(),
                               Models::LogModel::Kind::Connection, QString(),
                               tr("Refusing connections from %1: %2")
                                       .arg(Moderation::normalizedAddress(address), reason),
                               0, false, QString()});
            });
    connect(m_host, &HostServer::refusalsEnded, this, [this](const QString &address, int refused) {
        m_log->append(
                {QDateTime::currentMSecsSinceEpoch(), Models::LogModel::Kind::Connection, QString(),
                 tr("Stopped refusing %1: %n connection(s) refused", nullptr, refused).arg(address),
                 0, false, QString()});
    });
    connect(m_share, &SharePanel::stopRequested, this, &MainWindow::stopServer);
    connect(m_share, &SharePanel::restartRequested, this, &MainWindow::restartServer);
    connect(m_chat, &Chat::ChatService::roomChanged, this, [this] {
        m_lockAction->setChecked(m_chat->options().locked);
        m_privateAction->setChecked(m_chat->options().privateMessages);
    });
    connect(m_chat, &Chat::ChatService::storageProblem, this, [this](const QString &message) {
        statusBar()->showMessage(message);
        QMessageBox::warning(this, tr("History"), message);
    });
}

void MainWindow::restoreWindowState()
{
    resize(1240, 760);
    if (m_settings) {
        restoreGeometry(m_settings->windowState(QStringLiteral("geometry")));
        m_mainSplitter->restoreState(m_settings->windowState(QStringLiteral("mainSplitter")));
        m_watchSplitter->restoreState(m_settings->windowState(QStringLiteral("watchSplitter")));
    }
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::buildPeoplePane()
{
    auto *pane = new QWidget;
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    m_peopleFilter = new QLineEdit;
    layout->addLayout(makePaneHeader(tr("People"), m_peopleFilter, tr("Filter people")));
    m_peopleView = makeTable(m_peopleProxy);
    m_peopleView->setObjectName(QStringLiteral("people"));
    m_peopleView->setAccessibleName(tr("People"));
    m_peopleView->setSortingEnabled(true);
    m_peopleView->sortByColumn(Models::PeopleModel::ConnectedSince, Qt::AscendingOrder);
    // Fixed widths: sizing to contents would measure every row of a big room.
    const QFontMetrics fm = m_peopleView->fontMetrics();
    m_peopleView->setColumnWidth(Models::PeopleModel::Nickname,
                                 fm.horizontalAdvance(QLatin1Char('M')) * 14);
    m_peopleView->setColumnWidth(Models::PeopleModel::Address,
                                 fm.horizontalAdvance(QStringLiteral("255.255.255.255__")));
    m_peopleView->setColumnWidth(Models::PeopleModel::Transport,
                                 fm.horizontalAdvance(QStringLiteral("WebSocket____")));
    m_peopleView->setColumnWidth(
            Models::PeopleModel::ConnectedSince,
            fm.horizontalAdvance(
                    m_people->headerData(Models::PeopleModel::ConnectedSince, Qt::Horizontal)
                            .toString())
                    + 40);
    m_peopleView->setColumnWidth(
            Models::PeopleModel::Messages,
            fm.horizontalAdvance(
                    m_people->headerData(Models::PeopleModel::Messages, Qt::Horizontal).toString())
                    + 40);
    layout->addWidget(m_peopleView);
    connect(m_peopleFilter, &QLineEdit::textChanged, m_peopleProxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_peopleView, &QWidget::customContextMenuRequested, this, &MainWindow::showPeopleMenu);

    // Keyboard moderation on the selected person.
    auto addShortcut = [this](const QKeySequence &keys, auto slot) {
        auto *a = new QAction(m_peopleView);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_peopleView->addAction(a);
    };
    addShortcut(QKeySequence(Qt::Key_Delete), [this] { askKick(selectedUserId()); });
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_M),
                [this] { mutePerson(selectedUserId(), 5 * kMinute); });
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_B), [this] { askBan(selectedUserId(), false); });
    return pane;
}

QWidget *MainWindow::buildLogPane()
{
    auto *pane = new QWidget;
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    m_logFilter = new QLineEdit;
    auto *top = makePaneHeader(tr("Log"), m_logFilter, tr("Filter the log"));
    m_logKind = new QComboBox;
    m_logKind->setAccessibleName(tr("Kind of entries"));
    m_logKind->addItem(tr("Everything"), -1);
    for (auto kind : {Models::LogModel::Kind::Message, Models::LogModel::Kind::Host,
                      Models::LogModel::Kind::Notice, Models::LogModel::Kind::Refused,
                      Models::LogModel::Kind::Connection, Models::LogModel::Kind::Moderation,
                      Models::LogModel::Kind::Problem})
        m_logKind->addItem(Models::LogModel::kindName(kind), int(kind));
    m_pauseScroll = new QCheckBox(tr("Pause scrolling"));
    top->addWidget(m_logKind);
    top->addWidget(m_pauseScroll);
    layout->addLayout(top);
    m_logView = makeTable(m_logProxy);
    m_logView->setObjectName(QStringLiteral("log"));
    m_logView->setAccessibleName(tr("Log"));
    m_logView->horizontalHeader()->setSectionResizeMode(Models::LogModel::Time,
                                                        QHeaderView::ResizeToContents);
    m_logView->horizontalHeader()->setSectionResizeMode(Models::LogModel::KindColumn,
                                                        QHeaderView::ResizeToContents);
    m_logView->setColumnWidth(Models::LogModel::Author, 140);
    layout->addWidget(m_logView);
    connect(m_logFilter, &QLineEdit::textChanged, m_logProxy, &LogFilterProxy::setText);
    connect(m_logKind, &QComboBox::currentIndexChanged, this, [this] {
        const int kind = m_logKind->currentData().toInt();
        m_logProxy->setKinds(kind < 0 ? QSet<int>() : QSet<int>{kind});
    });
    connect(m_logProxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_pauseScroll->isChecked())
            m_logView->scrollToBottom();
    });
    connect(m_logView, &QWidget::customContextMenuRequested, this, &MainWindow::showLogMenu);
    auto *del = new QAction(m_logView);
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetShortcut);
    connect(del, &QAction::triggered, this, &MainWindow::deleteSelectedMessage);
    m_logView->addAction(del);
    return pane;
}

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *exportAction
            = file->addAction(tr("&Export history…"), this, &MainWindow::exportHistory);
    QAction *settingsAction = file->addAction(tr("&Settings…"), this, &MainWindow::editSettings);
    settingsAction->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, [this] {
        m_quitting = true;
        close();
    });
    quit->setShortcut(QKeySequence::Quit);

    QMenu *room = menuBar()->addMenu(tr("&Room"));
    m_lockAction = room->addAction(tr("&Lock room"));
    m_lockAction->setCheckable(true);
    m_lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_lockAction->setToolTip(tr("Only you can write while the room is locked"));
    m_lockAction->setChecked(m_chat->options().locked);
    connect(m_lockAction, &QAction::toggled, m_chat->moderator(), &Chat::Moderator::setLocked);
    m_privateAction = room->addAction(tr("&Private messages"));
    m_privateAction->setCheckable(true);
    m_privateAction->setToolTip(
            tr("Whether people may write to one person (you always can, and see them all)"));
    m_privateAction->setChecked(m_chat->options().privateMessages);
    connect(m_privateAction, &QAction::toggled, m_chat->moderator(),
            &Chat::Moderator::setPrivateMessages);
    QAction *slow = room->addAction(tr("&Slow mode…"), this, &MainWindow::askSlowMode);
    QAction *bans = room->addAction(tr("&Bans…"), this, [this] {
        BansDialog dialog(m_chat, this);
        dialog.exec();
    });

    QToolBar *bar = addToolBar(tr("Room"));
    bar->setObjectName(QStringLiteral("roomToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_lockAction);
    bar->addAction(m_privateAction);
    bar->addAction(slow);
    bar->addAction(bans);
    bar->addSeparator();
    bar->addAction(exportAction);
    bar->addAction(settingsAction);
}

QString MainWindow::selectedUserId() const
{
    const QModelIndexList rows = m_peopleView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.constFirst().data(Models::PeopleModel::UserIdRole).toString();
}

QString MainWindow::socketIdOfLogEntry(const QModelIndex &index) const
{
    const auto kind = Models::LogModel::Kind(index.data(Models::LogModel::KindRole).toInt());
    const QString authorId = index.data(Models::LogModel::AuthorIdRole).toString();
    if (kind != Models::LogModel::Kind::Message || authorId.isEmpty())
        return {};
    return m_chat->socketIdOfUser(authorId);
}

bool MainWindow::kickLogAuthor(const QModelIndex &index, const QString &reason)
{
    if (socketIdOfLogEntry(index).isEmpty()) {
        //: %1 is a nickname
        statusBar()->showMessage(tr("%1 is no longer here.")
                                         .arg(index.data(Models::LogModel::AuthorRole).toString()),
                                 5000);
        return false;
    }
    kickPerson(index.data(Models::LogModel::AuthorIdRole).toString(), reason);
    return true;
}

void MainWindow::showPeopleMenu(const QPoint &pos)
{
    const QModelIndex index = m_peopleView->indexAt(pos);
    if (!index.isValid())
        return;
    const QString id = index.data(Models::PeopleModel::UserIdRole).toString();
    const bool muted = index.data(Models::PeopleModel::MutedRole).toBool();
    QMenu menu(this);
    menu.addAction(tr("Send &private message…"), this, [this, id] { askPrivateMessage(id); });
    menu.addSeparator();
    menu.addAction(tr("&Kick…"), this, [this, id] { askKick(id); });
    QMenu *mute = menu.addMenu(tr("&Mute"));
    mute->addAction(tr("For 5 minutes"), this, [this, id] { mutePerson(id, 5 * kMinute); });
    mute->addAction(tr("For 15 minutes"), this, [this, id] { mutePerson(id, 15 * kMinute); });
    mute->addAction(tr("For 1 hour"), this, [this, id] { mutePerson(id, 60 * kMinute); });
    mute->addAction(tr("Until I unmute"), this, [this, id] { mutePerson(id, 0); });
    QAction *unmute
            = menu.addAction(tr("&Unmute"), this, [this, id] { m_chat->moderator()->unmute(id); });
    unmute->setEnabled(muted);
    menu.addSeparator();
    menu.addAction(tr("Ban &nickname…"), this, [this, id] { askBan(id, false); });
    menu.addAction(tr("Ban &address…"), this, [this, id] { askBan(id, true); });
    // Everyone from the same address at once: tabs, a household, or one machine flooding.
    const QString address = index.data(Models::PeopleModel::AddressRole).toString();
    const int sameAddress = index.data(Models::PeopleModel::AddressCountRole).toInt();
    //: %1 is a network address; %n how many people are connected from it
    QMenu *everyone = menu.addMenu(
            tr("Everyone from %1 (%n connection(s))", nullptr, sameAddress).arg(address));
    everyone->addAction(tr("Mute for 15 minutes"), this,
                        [this, address] { muteAddress(address, 15 * kMinute); });
    everyone->addAction(tr("Mute until I unmute"), this,
                        [this, address] { muteAddress(address, 0); });
    QAction *unmuteAll = everyone->addAction(
            tr("Unmute"), this, [this, address] { m_chat->moderator()->unmuteAddress(address); });
    unmuteAll->setEnabled(m_chat->moderator()->isAddressMuted(address));
    everyone->addAction(tr("Ban the address…"), this, [this, id] { askBan(id, true); });
    menu.exec(m_peopleView->viewport()->mapToGlobal(pos));
}

void MainWindow::askPrivateMessage(const QString &userId)
{
    const std::optional<Chat::ChatUser> person = m_chat->userById(userId);
    if (!person)
        return;
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("privateMessageDialog"));
    //: %1 is a nickname
    dialog.setWindowTitle(tr("Private message to %1").arg(person->nickname));
    dialog.setLabelText(tr("Only %1 sees it (and you, in the log):").arg(person->nickname));
    dialog.setInputMode(QInputDialog::TextInput);
    if (dialog.exec() != QDialog::Accepted || dialog.textValue().trimmed().isEmpty())
        return;
    sendPrivateMessage(userId, dialog.textValue());
}

bool MainWindow::sendPrivateMessage(const QString &userId, const QString &text)
{
    QString why;
    if (m_chat->sendPrivateAsHost(userId, text, &why))
        return true;
    statusBar()->showMessage(why, 5000);
    return false;
}

void MainWindow::showLogMenu(const QPoint &pos)
{
    const QModelIndex index = m_logView->indexAt(pos);
    if (!index.isValid())
        return;
    const qint64 messageId = index.data(Models::LogModel::MessageIdRole).toLongLong();
    const bool deleted = index.data(Models::LogModel::DeletedRole).toBool();
    const auto kind = Models::LogModel::Kind(index.data(Models::LogModel::KindRole).toInt());
    // The person who wrote it, by user id: after a rename or a reconnect the nickname shown may
    // belong to someone else now. The menu names them as they are called now.
    const QString userId = socketIdOfLogEntry(index).isEmpty()
            ? QString()
            : index.data(Models::LogModel::AuthorIdRole).toString();
    const auto person = userId.isEmpty() ? std::nullopt : m_chat->userById(userId);
    const QString author
            = person ? person->nickname : index.data(Models::LogModel::AuthorRole).toString();
    QMenu menu(this);
    QAction *del = menu.addAction(tr("&Delete message"), this, [this, messageId] {
        m_chat->moderator()->deleteMessage(messageId);
    });
    del->setEnabled(messageId > 0 && !deleted && kind != Models::LogModel::Kind::Notice);
    menu.addSeparator();
    QAction *kick = menu.addAction(tr("&Kick %1…").arg(author), this,
                                   [this, userId] { askKick(userId); });
    QAction *mute = menu.addAction(tr("&Mute %1 for 5 minutes").arg(author), this,
                                   [this, userId] { mutePerson(userId, 5 * kMinute); });
    QAction *ban = menu.addAction(tr("&Ban %1…").arg(author), this,
                                  [this, userId] { askBan(userId, false); });
    for (QAction *a : {kick, mute, ban})
        a->setEnabled(!userId.isEmpty());
    menu.exec(m_logView->viewport()->mapToGlobal(pos));
}

void MainWindow::askKick(const QString &userId)
{
    const auto user = m_chat->userById(userId);
    if (!user)
        return;
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Kick %1").arg(user->nickname),
                                                 tr("Reason (shown to them, optional):"),
                                                 QLineEdit::Normal, QString(), &ok);
    if (ok)
        kickPerson(userId, reason.trimmed());
}

void MainWindow::kickPerson(const QString &userId, const QString &reason)
{
    m_chat->moderator()->kick(userId, reason);
}

void MainWindow::mutePerson(const QString &userId, qint64 durationMs)
{
    m_chat->moderator()->mute(userId, durationMs);
}

void MainWindow::muteAddress(const QString &address, qint64 durationMs)
{
    m_chat->moderator()->muteAddress(address, durationMs);
}

void MainWindow::askBan(const QString &userId, bool byAddress)
{
    const auto user = m_chat->userById(userId);
    if (!user)
        return;
    const QStringList durations = {tr("1 hour"), tr("1 day"), tr("1 week"), tr("Permanent")};
    bool ok = false;
    const QString choice
            = QInputDialog::getItem(this,
                                    byAddress ? tr("Ban address of %1").arg(user->nickname)
                                              : tr("Ban %1").arg(user->nickname),
                                    tr("For how long?"), durations, 1, false, &ok);
    if (!ok)
        return;
    const QString reason = QInputDialog::getText(this, tr("Ban %1").arg(user->nickname),
                                                 tr("Reason (shown to them, optional):"),
                                                 QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    const qint64 hour = 60 * kMinute;
    const qint64 duration = choice == durations[0] ? hour
            : choice == durations[1]               ? 24 * hour
            : choice == durations[2]               ? 7 * 24 * hour
                                                   : 0;
    banPerson(userId, byAddress, duration, reason.trimmed());
}

void MainWindow::banPerson(const QString &userId, bool byAddress, qint64 durationMs,
                           const QString &reason)
{
    const auto user = m_chat->userById(userId);
    if (!user)
        return;
    if (byAddress)
        m_chat->moderator()->ban(Moderation::Ban::Kind::Address, user->address.toString(),
                                 durationMs, reason);
    else
        m_chat->moderator()->ban(Moderation::Ban::Kind::Nickname, user->nickname, durationMs,
                                 reason);
}

void MainWindow::deleteSelectedMessage()
{
    const QModelIndexList rows = m_logView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const qint64 id = rows.constFirst().data(Models::LogModel::MessageIdRole).toLongLong();
    if (id > 0)
        m_chat->moderator()->deleteMessage(id);
}

void MainWindow::sendAnnouncement()
{
    const QString text = m_announcement->takeText();
    if (!text.isEmpty())
        m_chat->broadcastAsHost(text);
}

void MainWindow::askSlowMode()
{
    bool ok = false;
    const int seconds = QInputDialog::getInt(
            this, tr("Slow mode"),
            tr("Seconds each person must wait between messages (0 turns it off):"),
            m_chat->options().slowModeSeconds, 0, 3600, 5, &ok);
    if (ok)
        m_chat->moderator()->setSlowMode(seconds);
}

void MainWindow::startServer()
{
    if (m_host->start())
        return;
    if (m_host->portInUse()) {
        const auto answer = QMessageBox::question(
                this, tr("Port in use"),
                tr("Another program already uses port %1. Start ChatHost on a free port instead?")
                        .arg(m_host->options().port),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer == QMessageBox::Yes) {
            m_host->setListenAddress(m_host->options().bindAddress, 0);
            if (m_host->start())
                return;
        } else {
            return;
        }
    }
    QMessageBox::critical(this, tr("Cannot start"), m_host->errorString());
}

void MainWindow::stopServer()
{
    m_host->stop();
}

void MainWindow::restartServer()
{
    m_host->stop();
    startServer();
}

void MainWindow::editSettings()
{
    SettingsDialog::Values values;
    values.port = m_host->options().port;
    values.bindAddress = m_host->options().bindAddress;
    values.chat = m_chat->options();
    values.notifyNewPeople = !m_settings || m_settings->notifyNewPeople();
    SettingsDialog dialog(values, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const SettingsDialog::Values v = dialog.values();
    m_chat->setOptions(v.chat);
    if (m_settings) {
        m_settings->setChatOptions(v.chat);
        m_settings->setPort(v.port);
        m_settings->setBindAddress(v.bindAddress);
        m_settings->setNotifyNewPeople(v.notifyNewPeople);
    }
    if (v.port != m_host->options().port || v.bindAddress != m_host->options().bindAddress) {
        m_host->setListenAddress(v.bindAddress, v.port);
        if (m_host->isListening()
            && QMessageBox::question(this, tr("Restart the server?"),
                                     tr("The new address takes effect when the server restarts. "
                                        "Everyone connected will reconnect. Restart now?"))
                    == QMessageBox::Yes)
            restartServer();
    }
}

void MainWindow::exportHistory()
{
    QString selectedFilter;
    const QString json = tr("JSON (*.json)");
    const QString csv = tr("CSV (*.csv)");
    QString path = QFileDialog::getSaveFileName(this, tr("Export history"),
                                                QStringLiteral("chathost-history.json"),
                                                json + QStringLiteral(";;") + csv, &selectedFilter);
    if (path.isEmpty())
        return;
    const bool asCsv
            = selectedFilter == csv || path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive);
    // The host's export: private messages too (marked private).
    const auto messages = m_chat->history()->recent(std::numeric_limits<int>::max(), -1, 0,
                                                    Chat::HistoryReader::host());
    QString error;
    const auto audit
            = m_chat->moderator()->auditTrail(std::numeric_limits<int>::max()); // moderation too
    if (!Chat::exportHistory(messages, audit,
                             asCsv ? Chat::ExportFormat::Csv : Chat::ExportFormat::Json, path,
                             &error))
        QMessageBox::warning(this, tr("Export history"), error);
    else
        statusBar()->showMessage(
                tr("Exported %n entry(s) to %1", nullptr, int(messages.size())).arg(path), 5000);
}

void MainWindow::setUpTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
    auto *menu = new QMenu(this);
    menu->addAction(tr("Show ChatHost"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    menu->addAction(tr("Stop hosting and quit"), this, [this] {
        m_quitting = true;
        close();
    });
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger) {
            showNormal();
            activateWindow();
        }
    });
    connect(m_chat, &Chat::ChatService::userJoined, this, [this](const Chat::ChatUser &u) {
        if (m_tray && (!m_settings || m_settings->notifyNewPeople()))
            m_tray->showMessage(tr("ChatHost"), joinedNotificationText(u.nickname),
                                QSystemTrayIcon::Information, 3000);
    });
    m_tray->show();
}

QString MainWindow::joinedNotificationText(const QString &nickname)
{
    return tr("%1 joined the chat").arg(nickname.toHtmlEscaped());
}

void MainWindow::refreshStatus()
{
    m_share->refreshStats();
    const QString tip = tr("ChatHost: %n person(s) connected", nullptr, m_chat->connectedCount());
    if (m_tray)
        m_tray->setToolTip(tip);
}

void MainWindow::saveWindowState()
{
    if (!m_settings)
        return;
    m_settings->setWindowState(QStringLiteral("geometry"), saveGeometry());
    m_settings->setWindowState(QStringLiteral("mainSplitter"), m_mainSplitter->saveState());
    m_settings->setWindowState(QStringLiteral("watchSplitter"), m_watchSplitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    if (!m_confirmClose || m_quitting || !m_host->isListening()) {
        event->accept();
        QApplication::quit();
        return;
    }
    QMessageBox box(this);
    box.setWindowTitle(tr("Close ChatHost"));
    box.setText(tr("%n person(s) are connected. Stop hosting the chat?", nullptr,
                   m_chat->connectedCount()));
    QPushButton *stop = box.addButton(tr("Stop hosting and quit"), QMessageBox::DestructiveRole);
    QPushButton *keep = m_tray
            ? box.addButton(tr("Keep running in the tray"), QMessageBox::AcceptRole)
            : nullptr;
    box.addButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == stop) {
        event->accept();
        QApplication::quit();
    } else if (keep && box.clickedButton() == keep) {
        event->ignore();
        hide();
        m_tray->showMessage(tr("ChatHost"),
                            tr("Still hosting the chat. Click the icon to open the window."));
    } else {
        event->ignore();
    }
}

void MainWindow::setLocalHostName(const QString &hostName)
{
    m_share->setLocalHostName(hostName);
}

} // namespace ChatHost::Ui
