// See logfilterproxy.h.
#include "logfilterproxy.h"

#include "models/logmodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace ChatHost::Ui {

LogFilterProxy::LogFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{ }

void LogFilterProxy::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void LogFilterProxy::setKinds(const QSet<int> &kinds)
{
    m_kinds = kinds;
    invalidateFilter();
}

QVariant LogFilterProxy::data(const QModelIndex &index, int role) const
{
    if (role != Qt::FontRole && role != Qt::ForegroundRole && role != Qt::BackgroundRole)
        return QSortFilterProxyModel::data(index, role);
    const bool mention = index.data(Models::LogModel::MentionRole).toBool();
    const bool isPrivate = index.data(Models::LogModel::PrivateRole).toBool();
    switch (role) {
    case Qt::FontRole:
        if (mention) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    case Qt::ForegroundRole:
        if (mention)
            return QBrush(Qt::black); // on the yellow, whatever the palette
        if (isPrivate)
            return QBrush(QColor(0x8e, 0x24, 0xaa)); // purple: only two people saw it
        break;
    case Qt::BackgroundRole:
        if (mention)
            return QBrush(QColor(0xff, 0xf1, 0x76));
        break;
    }
    return QSortFilterProxyModel::data(index, role);
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, Models::LogModel::Text, sourceParent);
    if (!m_kinds.isEmpty() && !m_kinds.contains(i.data(Models::LogModel::KindRole).toInt()))
        return false;
    if (m_text.isEmpty())
        return true;
    return i.data().toString().contains(m_text, Qt::CaseInsensitive)
            || i.data(Models::LogModel::AuthorRole)
                       .toString()
                       .contains(m_text, Qt::CaseInsensitive);
}

} // namespace ChatHost::Ui
