// Filters the live log by text and by kind of entry, and colours what the host should notice:
// private messages (purple text) and messages that mention the host (bold on yellow).
#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

namespace ChatHost::Ui {

class LogFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterProxy)
public:
    explicit LogFilterProxy(QObject *parent = nullptr);
    void setText(const QString &text);
    // An empty set shows every kind.
    void setKinds(const QSet<int> &kinds);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QSet<int> m_kinds;
};

} // namespace ChatHost::Ui
