// See peoplemodel.h.
#include "models/peoplemodel.h"

#include "moderation/ban.h"

#include <QDateTime>

#include <utility>

namespace ChatHost::Models {

PeopleModel::PeopleModel(Chat::ChatService *chat, QObject *parent)
    : QAbstractTableModel(parent)
    , m_roster(&chat->roster())
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, &PeopleModel::flush);
    connect(chat, &Chat::ChatService::userJoined, this, &PeopleModel::upsert);
    connect(chat, &Chat::ChatService::userChanged, this, &PeopleModel::upsert);
    connect(chat, &Chat::ChatService::userRenamed, this,
            [this](const Chat::ChatUser &user, const QString &) { upsert(user); });
    connect(chat, &Chat::ChatService::userLeft, this,
            [this](const Chat::ChatUser &user, const QString &) { remove(user.socketId); });
    const QList<Chat::ChatUser> users = chat->users();
    for (const Chat::ChatUser &u : users)
        upsert(u);
    flush();
}

int PeopleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PeopleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PeopleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Nickname: return tr("Nickname");
    case Address: return tr("Address");
    case Transport: return tr("Transport");
    case ConnectedSince: return tr("Connected since");
    case Messages: return tr("Messages");
    case State: return tr("State");
    case SameAddress: return tr("Same address");
    }
    return {};
}

QHash<int, QByteArray> PeopleModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SocketIdRole, "socketId");
    names.insert(SortRole, "sortValue");
    names.insert(MutedRole, "muted");
    names.insert(AddressRole, "address");
    names.insert(AddressCountRole, "addressCount");
    names.insert(UserIdRole, "userId");
    return names;
}

QVariant PeopleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Chat::ChatUser &u = m_rows.at(index.row());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (role == SocketIdRole)
        return u.socketId;
    if (role == MutedRole)
        return u.isMuted(now);
    if (role == AddressRole)
        return Moderation::normalizedAddress(u.address);
    if (role == AddressCountRole)
        return connectionsFrom(Moderation::normalizedAddress(u.address));
    if (role == UserIdRole)
        return u.userId;
    if (role == Qt::ToolTipRole && index.column() == State && u.isMuted(now)
        && !u.muteReason.isEmpty())
        return QString(QStringLiteral("<p>") + u.muteReason.toHtmlEscaped()
                       + QStringLiteral("</p>")); // escaped
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case Nickname: return u.nickname;
    case Address: return Moderation::normalizedAddress(u.address);
    case Transport: return u.webSocket ? tr("WebSocket") : tr("polling");
    case ConnectedSince:
        if (role == SortRole)
            return u.joinedAt.toMSecsSinceEpoch();
        return u.joinedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    case Messages: return u.messagesSent;
    case SameAddress: {
        const QString address = Moderation::normalizedAddress(u.address);
        const int count = connectionsFrom(address);
        if (role == SortRole)
            return count;
        // Only groups stand out; one person per address is the usual case.
        //: %1 is a network address, e.g. "5 connections from 192.168.1.23"
        return count > 1 ? tr("%n connection(s) from %1", nullptr, count).arg(address) : QString();
    }
    case State:
        if (!u.isMuted(now))
            return role == SortRole ? QVariant(0) : QVariant(QString());
        if (role == SortRole)
            return u.mutedUntilMs;
        if (u.mutedUntilMs == Chat::ChatUser::kForever)
            return tr("muted");
        //: a timed mute; %1 is a time of day
        return tr("timed out until %1")
                .arg(QDateTime::fromMSecsSinceEpoch(u.mutedUntilMs)
                             .toLocalTime()
                             .toString(QStringLiteral("HH:mm")));
    }
    return {};
}

QString PeopleModel::socketIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).socketId : QString();
}

void PeopleModel::upsert(const Chat::ChatUser &user)
{
    m_pendingRemovals.remove(user.socketId);
    m_pendingUpserts.insert(user.socketId, user);
    scheduleFlush();
}

void PeopleModel::remove(const QString &socketId)
{
    m_pendingUpserts.remove(socketId);
    m_pendingRemovals.insert(socketId);
    scheduleFlush();
}

void PeopleModel::scheduleFlush()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void PeopleModel::rebuildIndex()
{
    m_rowOf.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowOf.insert(m_rows.at(i).socketId, i);
}

void PeopleModel::flush()
{
    m_flushTimer.stop();
    applyRemovals();
    applyUpserts();
    // The group sizes shown beside each person changed: one signal for the column.
    if (std::exchange(m_countsChanged, false) && !m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, SameAddress), index(int(m_rows.size()) - 1, SameAddress));
}

// One reset when many leave at once, row by row otherwise.
void PeopleModel::applyRemovals()
{
    QList<int> gone;
    for (const QString &id : std::as_const(m_pendingRemovals)) {
        const auto it = m_rowOf.constFind(id);
        if (it != m_rowOf.constEnd())
            gone.append(*it);
    }
    m_pendingRemovals.clear();
    m_countsChanged = m_countsChanged || !gone.isEmpty();
    std::sort(gone.begin(), gone.end(), std::greater<>());
    if (gone.size() > 32) {
        beginResetModel();
        for (int row : std::as_const(gone))
            m_rows.removeAt(row);
        rebuildIndex();
        endResetModel();
    } else if (!gone.isEmpty()) {
        for (int row : std::as_const(gone)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
        rebuildIndex();
    }
}

// Updates of existing rows: one dataChanged over the range they span; newcomers appended in the
// order they joined.
void PeopleModel::applyUpserts()
{
    int first = -1;
    int last = -1;
    QList<Chat::ChatUser> added;
    for (auto it = m_pendingUpserts.cbegin(); it != m_pendingUpserts.cend(); ++it) {
        const auto row = m_rowOf.constFind(it.key());
        if (row == m_rowOf.constEnd()) {
            added.append(it.value());
            continue;
        }
        m_rows[*row] = it.value();
        first = first < 0 ? *row : std::min(first, *row);
        last = std::max(last, *row);
    }
    m_pendingUpserts.clear();
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    if (added.isEmpty())
        return;
    m_countsChanged = true;
    std::sort(added.begin(), added.end(), [](const Chat::ChatUser &a, const Chat::ChatUser &b) {
        return a.joinedAt < b.joinedAt;
    });
    const int start = int(m_rows.size());
    beginInsertRows({}, start, start + int(added.size()) - 1);
    for (const Chat::ChatUser &u : std::as_const(added)) {
        m_rowOf.insert(u.socketId, int(m_rows.size()));
        m_rows.append(u);
    }
    endInsertRows();
}

} // namespace ChatHost::Models
