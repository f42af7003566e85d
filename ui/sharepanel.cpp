// See sharepanel.h.
#include "sharepanel.h"

#include "chat/chatservice.h"
#include "qrcode.h"
#include "server/hostserver.h"

#include <QButtonGroup>
#include <QClipboard>
#include <QDesktopServices>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace ChatHost::Ui {

SharePanel::SharePanel(HostServer *host, Chat::ChatService *chat, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_chat(chat)
    , m_urlRows(new QVBoxLayout)
    , m_urlGroup(new QButtonGroup(this))
    , m_qr(new QLabel)
    , m_state(new QLabel)
    , m_details(new QLabel)
    , m_stats(new QLabel)
    , m_open(new QPushButton(tr("Open in browser")))
    , m_start(new QPushButton(tr("Start")))
    , m_stop(new QPushButton(tr("Stop")))
    , m_restart(new QPushButton(tr("Restart")))
{
    auto *layout = new QVBoxLayout(this);
    auto *share = new QGroupBox(tr("Share"));
    auto *shareLayout = new QVBoxLayout(share);
    auto *hint = new QLabel(tr("People on your network open one of these addresses:"));
    hint->setWordWrap(true);
    hint->setTextFormat(Qt::PlainText);
    shareLayout->addWidget(hint);
    shareLayout->addLayout(m_urlRows);
    m_qr->setAlignment(Qt::AlignCenter);
    m_qr->setMinimumSize(200, 200);
    m_qr->setObjectName(QStringLiteral("qrCode"));
    m_qr->setAccessibleName(tr("QR code of the selected address"));
    shareLayout->addWidget(m_qr);
    shareLayout->addWidget(m_open);
    layout->addWidget(share);

    auto *server = new QGroupBox(tr("Server"));
    auto *serverLayout = new QVBoxLayout(server);
    for (QLabel *l : {m_state, m_details, m_stats}) {
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(true);
        serverLayout->addWidget(l);
    }
    m_state->setObjectName(QStringLiteral("serverState"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_restart);
    serverLayout->addLayout(buttons);
    layout->addWidget(server);
    layout->addStretch(1);

    connect(m_open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl(m_selectedUrl)); });
    connect(m_start, &QPushButton::clicked, this, &SharePanel::startRequested);
    connect(m_stop, &QPushButton::clicked, this, &SharePanel::stopRequested);
    connect(m_restart, &QPushButton::clicked, this, &SharePanel::restartRequested);
    connect(host, &HostServer::stateChanged, this, &SharePanel::refresh);
    refresh();
}

void SharePanel::setLocalHostName(const QString &hostName)
{
    m_localHostName = hostName;
    refresh();
}

void SharePanel::refresh()
{
    QStringList urls = m_host->urls();
    if (!urls.isEmpty() && !m_localHostName.isEmpty())
        urls.prepend(QStringLiteral("http://%1:%2").arg(m_localHostName).arg(m_host->port()));
    if (urls != m_urls) {
        m_urls = urls;
        rebuildUrls();
    }
    const bool running = m_host->isListening();
    m_state->setText(running ? tr("Running") : tr("Stopped"));
    const QHostAddress bind = m_host->options().bindAddress;
    const QString bindText = bind == QHostAddress::Any ? tr("all interfaces") : bind.toString();
    //: %1 port number, %2 an address or "all interfaces"
    m_details->setText(running ? tr("Port %1 on %2").arg(m_host->port()).arg(bindText) : QString());
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    m_restart->setEnabled(running);
    m_open->setEnabled(running && !m_selectedUrl.isEmpty());
    refreshStats();
}

void SharePanel::refreshStats()
{
    m_stats->setText(tr("%n person(s) connected", nullptr, m_chat->connectedCount()) + u'\n'
                     + tr("%n message(s) per minute", nullptr, m_chat->messagesPerMinute()));
}

void SharePanel::rebuildUrls()
{
    while (QLayoutItem *item = m_urlRows->takeAt(0)) {
        if (QLayout *row = item->layout()) {
            while (QLayoutItem *child = row->takeAt(0)) {
                delete child->widget();
                delete child;
            }
        }
        delete item; // a row's layout is its own layout item: deleted once
    }
    for (QAbstractButton *b : m_urlGroup->buttons())
        m_urlGroup->removeButton(b);
    if (m_urls.isEmpty()) {
        selectUrl(QString());
        return;
    }
    for (const QString &url : std::as_const(m_urls)) {
        auto *row = new QHBoxLayout;
        auto *choose = new QRadioButton(url);
        choose->setToolTip(tr("Show the QR code of this address"));
        m_urlGroup->addButton(choose);
        auto *copy = new QToolButton;
        copy->setText(tr("Copy"));
        copy->setAccessibleName(tr("Copy %1").arg(url));
        row->addWidget(choose, 1);
        row->addWidget(copy);
        m_urlRows->addLayout(row);
        connect(choose, &QRadioButton::toggled, this, [this, url](bool on) {
            if (on)
                selectUrl(url);
        });
        connect(copy, &QToolButton::clicked, this,
                [url] { QGuiApplication::clipboard()->setText(url); });
    }
    // LAN addresses come first: the first is the one a phone can most likely reach.
    auto *first = m_urlGroup->buttons().constFirst();
    first->setChecked(true);
    selectUrl(m_urls.constFirst());
}

void SharePanel::selectUrl(const QString &url)
{
    m_selectedUrl = url;
    const QImage image = url.isEmpty() ? QImage() : qrCodeImage(url, 5);
    m_qr->setPixmap(image.isNull() ? QPixmap() : QPixmap::fromImage(image));
    m_qr->setToolTip(url);
    m_open->setEnabled(!url.isEmpty() && m_host->isListening());
}

} // namespace ChatHost::Ui
