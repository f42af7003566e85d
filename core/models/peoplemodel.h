// Who is connected, for the host's window: one row per person. Changes are collected and
// applied at most every 100 ms, so a thousand people chatting do not cause a repaint storm.
#pragma once

#include "chat/chatservice.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QTimer>

namespace ChatHost::Models {

class PeopleModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PeopleModel)
public:
    // SameAddress groups people by network address ("5 connections from 192.168.1.23").
    enum Column {
        Nickname,
        Address,
        Transport,
        ConnectedSince,
        Messages,
        State,
        SameAddress,
        ColumnCount
    };
    enum Role {
        SocketIdRole = Qt::UserRole,
        SortRole, // the raw value to sort by (times and counts as numbers)
        MutedRole,
        AddressRole, // the normalized address, to act on all its connections
        AddressCountRole, // how many people are connected from that address
        UserIdRole, // the public user id, stable across reconnects
    };

    explicit PeopleModel(Chat::ChatService *chat, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString socketIdAt(int row) const;
    // How many people are connected from this (normalized) address: the chat's roster keeps the
    // one count.
    int connectionsFrom(const QString &address) const { return m_roster->peopleAt(address); }
    // Applies pending changes now (tests, and before a context menu acts on a row).
    void flush();

private:
    void upsert(const Chat::ChatUser &user);
    void remove(const QString &socketId);
    void scheduleFlush();
    void rebuildIndex();
    void applyRemovals();
    void applyUpserts();

    QList<Chat::ChatUser> m_rows;
    QHash<QString, int> m_rowOf;
    const Chat::Roster *m_roster;
    bool m_countsChanged = false; // rows came or went: the group sizes shown may have changed
    QHash<QString, Chat::ChatUser> m_pendingUpserts;
    QSet<QString> m_pendingRemovals;
    QTimer m_flushTimer;
};

} // namespace ChatHost::Models
