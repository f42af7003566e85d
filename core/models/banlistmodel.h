// The active bans, for the host's ban list.
#pragma once

#include "chat/chatservice.h"
#include "moderation/ban.h"

#include <QAbstractTableModel>

namespace ChatHost::Models {

class BanListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BanListModel)
public:
    enum Column { Kind, Value, Reason, Since, Until, ColumnCount };
    enum Role { BanIdRole = Qt::UserRole };

    explicit BanListModel(Chat::ChatService *chat, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    qint64 banIdAt(int row) const;
    void refresh();

private:
    Chat::ChatService *m_chat;
    QList<Moderation::Ban> m_bans;
};

} // namespace ChatHost::Models
