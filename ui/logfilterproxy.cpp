// See logfilterproxy.h.
#include "logfilterproxy.h"

#include "models/logmodel.h"

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
