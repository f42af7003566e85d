// See bansdialog.h.
#include "bansdialog.h"

#include "chat/chatservice.h"
#include "chat/moderator.h"
#include "models/banlistmodel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace ChatHost::Ui {

BansDialog::BansDialog(Chat::ChatService *chat, QWidget *parent)
    : QDialog(parent)
    , m_chat(chat)
    , m_model(new Models::BanListModel(chat, this))
    , m_view(new QTableView)
{
    setWindowTitle(tr("Bans"));
    resize(640, 360);
    auto *layout = new QVBoxLayout(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();
    layout->addWidget(m_view);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *lift = buttons->addButton(tr("&Lift ban"), QDialogButtonBox::ActionRole);
    auto *add = buttons->addButton(tr("&Add ban…"), QDialogButtonBox::ActionRole);
    connect(lift, &QPushButton::clicked, this, &BansDialog::liftSelected);
    connect(add, &QPushButton::clicked, this, &BansDialog::addBan);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void BansDialog::liftSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    QList<qint64> ids;
    for (const QModelIndex &r : rows)
        ids.append(m_model->banIdAt(r.row()));
    for (qint64 id : std::as_const(ids))
        m_chat->moderator()->liftBan(id);
}

void BansDialog::addBan()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add ban"));
    auto *form = new QFormLayout(&dialog);
    auto *kind = new QComboBox;
    kind->addItem(tr("Nickname"));
    kind->addItem(tr("Address"));
    auto *value = new QLineEdit;
    auto *duration = new QComboBox;
    duration->addItem(tr("1 hour"), 3600);
    duration->addItem(tr("1 day"), 86400);
    duration->addItem(tr("1 week"), 7 * 86400);
    duration->addItem(tr("Permanent"), 0);
    auto *reason = new QLineEdit;
    form->addRow(tr("&Ban:"), kind);
    form->addRow(tr("&Nickname or address:"), value);
    form->addRow(tr("&For:"), duration);
    form->addRow(tr("&Reason (shown to them):"), reason);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted || value->text().trimmed().isEmpty())
        return;
    const auto banKind = kind->currentIndex() == 0 ? Moderation::Ban::Kind::Nickname
                                                   : Moderation::Ban::Kind::Address;
    if (banKind == Moderation::Ban::Kind::Address
        && QHostAddress(value->text().trimmed()).isNull()) {
        QMessageBox::warning(this, tr("Add ban"),
                             tr("'%1' is not an IPv4 or IPv6 address.").arg(value->text()));
        return;
    }
    m_chat->moderator()->ban(banKind, value->text().trimmed(),
                             qint64(duration->currentData().toInt()) * 1000,
                             reason->text().trimmed());
}

} // namespace ChatHost::Ui
