// See mainwindow.h.
#include "mainwindow.h"

#include "chat/chatservice.h"
#include "hosting/hostserver.h"

#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace ChatHost::Ui {

MainWindow::MainWindow(HostServer *host, Chat::ChatService *chat, QWidget *parent)
    : QMainWindow(parent)
    , m_host(host)
    , m_chat(chat)
    , m_urls(new QStringListModel(this))
    , m_urlView(new QListView)
    , m_status(new QLabel)
    , m_log(new QPlainTextEdit)
    , m_input(new QLineEdit)
{
    setWindowTitle(tr("ChatHost"));
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    auto *urlsLabel = new QLabel(tr("People on your network can open:"));
    urlsLabel->setTextFormat(Qt::PlainText);
    layout->addWidget(urlsLabel);
    m_urlView->setModel(m_urls);
    m_urlView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_urlView->setObjectName(QStringLiteral("urls"));
    m_urlView->setMaximumHeight(120);
    layout->addWidget(m_urlView);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setObjectName(QStringLiteral("status"));
    layout->addWidget(m_status);
    m_log->setReadOnly(true); // plain text: user text is never rendered as rich text
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setMaximumBlockCount(5000);
    layout->addWidget(m_log, 1);
    auto *row = new QHBoxLayout;
    m_input->setPlaceholderText(tr("Announcement to everyone"));
    m_input->setObjectName(QStringLiteral("announcement"));
    auto *send = new QPushButton(tr("Send"));
    row->addWidget(m_input, 1);
    row->addWidget(send);
    layout->addLayout(row);
    setCentralWidget(central);
    resize(720, 560);

    connect(send, &QPushButton::clicked, this, &MainWindow::sendAnnouncement);
    connect(m_input, &QLineEdit::returnPressed, this, &MainWindow::sendAnnouncement);
    connect(chat, &Chat::ChatService::userJoined, this, &MainWindow::refreshStatus);
    connect(chat, &Chat::ChatService::userLeft, this, &MainWindow::refreshStatus);
    connect(chat, &Chat::ChatService::messagePosted, this, [this](const Chat::ChatMessage &m) {
        if (m.kind == Chat::ChatMessage::Kind::System)
            appendLog(u"* " + m.text);
        else
            appendLog(m.author + u": " + m.text);
    });
    refreshStatus();
}

void MainWindow::refreshStatus()
{
    m_urls->setStringList(m_host->urls());
    if (m_host->isListening())
        m_status->setText(
                tr("Running on port %1, %n person(s) connected", nullptr, m_chat->connectedCount())
                        .arg(m_host->port()));
    else
        m_status->setText(tr("Stopped"));
}

void MainWindow::appendLog(const QString &line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss "))
                           + line);
}

void MainWindow::sendAnnouncement()
{
    const QString text = m_input->text().trimmed();
    if (text.isEmpty())
        return;
    m_chat->broadcastAsHost(text);
    m_input->clear();
}

} // namespace ChatHost::Ui
