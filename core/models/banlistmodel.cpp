// See banlistmodel.h.
#include "models/banlistmodel.h"

#include "chat/moderator.h"

#include <QDateTime>

namespace ChatHost::Models {

BanListModel::BanListModel(Chat::ChatService *chat, QObject *parent)
    : QAbstractTableModel(parent)
    , m_chat(chat)
{
    connect(chat, &Chat::ChatService::moderationAction, this, [this](const QString &action) {
        if (action == u"ban" || action == u"unban")
            refresh();
    });
    refresh();
}

void BanListModel::refresh()
{
    beginResetModel();
    m_bans = m_chat->moderator()->activeBans();
    endResetModel();
}

int BanListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_bans.size());
}

int BanListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BanListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Kind: return tr("Banned");
    case Value: return tr("Nickname or address");
    case Reason: return tr("Reason");
    case Since: return tr("Since");
    case Until: return tr("Until");
    }
    return {};
}

QVariant BanListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Moderation::Ban &b = m_bans.at(index.row());
    if (role == BanIdRole)
        return b.id;
    if (role != Qt::DisplayRole)
        return {};
    const auto time = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(
                QStringLiteral("yyyy-MM-dd HH:mm"));
    };
    switch (index.column()) {
    case Kind: return b.kind == Moderation::Ban::Kind::Nickname ? tr("nickname") : tr("address");
    case Value: return b.value;
    case Reason: return b.reason;
    case Since: return time(b.createdMs);
    case Until: return b.expiresMs == 0 ? tr("permanent") : time(b.expiresMs);
    }
    return {};
}

qint64 BanListModel::banIdAt(int row) const
{
    return row >= 0 && row < m_bans.size() ? m_bans.at(row).id : 0;
}

} // namespace ChatHost::Models
