// See logmodel.h.
#include "models/logmodel.h"

#include "rules/mention.h"

#include <QDateTime>

namespace ChatHost::Models {

namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

LogModel::LogModel(Chat::ChatService *chat, int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogModel::flush);
    if (!chat)
        return;
    connect(chat, &Chat::ChatService::messagePosted, this,
            [this, chat](const Chat::ChatMessage &m) {
                const Kind kind = m.kind == Chat::ChatMessage::Kind::User ? Kind::Message
                        : m.kind == Chat::ChatMessage::Kind::Host         ? Kind::Host
                                                                          : Kind::Notice;
                Entry e{m.timestamp, kind, m.author, m.text, m.id, m.deleted, m.authorId};
                e.isPrivate = m.isPrivate();
                e.recipient = m.recipientName;
                e.mentionsHost = kind == Kind::Message
                        && Rules::mentions(m.text, chat->options().hostName);
                append(std::move(e));
            });
    connect(chat, &Chat::ChatService::messageRefused, this,
            [this](const QString &nickname, const QString &code, const QString &reason) {
                append({now(),
                        Kind::Refused,
                        nickname,
                        reason + QStringLiteral(" [") + code + u']',
                        0,
                        false,
                        {}});
            });
    connect(chat, &Chat::ChatService::connectionRefused, this,
            [this](const QString &address, const QString &nickname, const QString &reason) {
                //: %1 an address, %2 the reason
                append({now(),
                        Kind::Connection,
                        nickname,
                        tr("Refused a connection from %1: %2").arg(address, reason),
                        0,
                        false,
                        {}});
            });
    connect(chat, &Chat::ChatService::moderationAction, this,
            [this](const QString &action, const QString &target, const QString &detail) {
                QString text = action;
                if (!target.isEmpty())
                    text += u' ' + target;
                if (!detail.isEmpty())
                    text += QStringLiteral(" (") + detail + u')';
                append({now(), Kind::Moderation, QString(), text, 0, false, {}});
            });
    connect(chat, &Chat::ChatService::storageProblem, this, [this](const QString &message) {
        append({now(), Kind::Problem, QString(), message, 0, false, {}});
    });
    connect(chat, &Chat::ChatService::messageDeleted, this, &LogModel::markDeleted);
    connect(chat, &Chat::ChatService::messageEdited, this, &LogModel::markEdited);
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogModel::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Message: return tr("message");
    case Kind::Host: return tr("announcement");
    case Kind::Notice: return tr("notice");
    case Kind::Refused: return tr("refused");
    case Kind::Connection: return tr("connection");
    case Kind::Moderation: return tr("moderation");
    case Kind::Problem: return tr("problem");
    }
    return {};
}

QString LogModel::privateAuthor(const QString &author, const QString &recipient)
{
    //: the Author column of a private message: %1 wrote to %2
    return tr("🔒 %1 → %2").arg(author, recipient);
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case KindColumn: return tr("Kind");
    case Author: return tr("Author");
    case Text: return tr("Text");
    }
    return {};
}

QHash<int, QByteArray> LogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(MessageIdRole, "messageId");
    names.insert(AuthorRole, "author");
    names.insert(TimestampRole, "timestamp");
    names.insert(DeletedRole, "deleted");
    names.insert(AuthorIdRole, "authorId");
    names.insert(EditedRole, "edited");
    names.insert(PrivateRole, "private");
    names.insert(RecipientRole, "recipient");
    names.insert(MentionRole, "mention");
    return names;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(size_t(index.row()));
    switch (role) {
    case KindRole: return int(e.kind);
    case MessageIdRole: return e.messageId;
    case AuthorRole: return e.author;
    case TimestampRole: return e.timestamp;
    case DeletedRole: return e.deleted;
    case AuthorIdRole: return e.authorId;
    case EditedRole: return e.edited;
    case PrivateRole: return e.isPrivate;
    case RecipientRole: return e.recipient;
    case MentionRole: return e.mentionsHost;
    case Qt::DisplayRole: // no ToolTipRole: Qt would guess user text to be rich text
        switch (index.column()) {
        case Time:
            return QDateTime::fromMSecsSinceEpoch(e.timestamp)
                    .toLocalTime()
                    .toString(QStringLiteral("HH:mm:ss"));
        case KindColumn:
            if (e.isPrivate)
                return e.mentionsHost ? tr("private, mentions you") : tr("private");
            return e.mentionsHost ? tr("%1, mentions you").arg(kindName(e.kind)) : kindName(e.kind);
        case Author: return e.isPrivate ? privateAuthor(e.author, e.recipient) : e.author;
        case Text: return displayText(e);
        }
    }
    return {};
}

QString LogModel::displayText(const Entry &e)
{
    //: a message its author changed after sending it
    const QString text = e.edited > 0 ? tr("%1 (edited)").arg(e.text) : e.text;
    return e.deleted ? tr("[deleted] %1").arg(text) : text;
}

void LogModel::append(Entry entry)
{
    m_pending.append(std::move(entry));
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LogModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    QList<Entry> batch = std::exchange(m_pending, {});
    if (batch.size() > m_capacity)
        batch = batch.mid(batch.size() - m_capacity);
    const qsizetype overflow = qsizetype(m_entries.size()) + batch.size() - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow) - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + overflow);
        endRemoveRows();
    }
    const int start = int(m_entries.size());
    beginInsertRows({}, start, start + int(batch.size()) - 1);
    for (Entry &e : batch)
        m_entries.push_back(std::move(e));
    endInsertRows();
}

void LogModel::markDeleted(qint64 messageId)
{
    flush();
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].messageId == messageId) {
            m_entries[i].deleted = true;
            Q_EMIT dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
        }
    }
}

void LogModel::markEdited(qint64 messageId, const QString &text, qint64 edited)
{
    flush();
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].messageId == messageId) {
            m_entries[i].text = text;
            m_entries[i].edited = edited;
            Q_EMIT dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
        }
    }
}

} // namespace ChatHost::Models
