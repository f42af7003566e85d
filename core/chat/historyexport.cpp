// See historyexport.h.
#include "chat/historyexport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace ChatHost::Chat {

namespace {
QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}
} // namespace

QString csvField(const QString &value)
{
    QString v = value;
    // A cell starting like a formula would run in a spreadsheet.
    if (!v.isEmpty() && QStringLiteral("=+-@\t\r").contains(v.front()))
        v.prepend(u'\'');
    if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r')
        || v != value) {
        v.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return u'"' + v + u'"';
    }
    return v;
}

bool exportHistory(const QList<ChatMessage> &messages, const QList<Moderation::AuditEntry> &audit,
                   ExportFormat format, const QString &path, QString *error)
{
    QByteArray bytes;
    if (format == ExportFormat::Json) {
        QJsonArray list;
        for (const ChatMessage &m : messages) {
            QJsonObject o{{QStringLiteral("id"), m.id},
                          {QStringLiteral("time"), isoTime(m.timestamp)},
                          {QStringLiteral("kind"), ChatMessage::kindName(m.kind)},
                          {QStringLiteral("author"), m.author},
                          {QStringLiteral("text"), m.text},
                          {QStringLiteral("deleted"), m.deleted}};
            if (m.isPrivate()) {
                o.insert(QStringLiteral("private"), true);
                o.insert(QStringLiteral("to"),
                         QJsonObject{{QStringLiteral("userId"), m.recipientId},
                                     {QStringLiteral("nickname"), m.recipientName}});
            }
            list.append(o);
        }
        QJsonArray trail;
        for (const Moderation::AuditEntry &a : audit)
            trail.append(QJsonObject{{QStringLiteral("id"), a.id},
                                     {QStringLiteral("time"), isoTime(a.timestamp)},
                                     {QStringLiteral("action"), a.action},
                                     {QStringLiteral("target"), a.target},
                                     {QStringLiteral("detail"), a.detail}});
        const QJsonObject root{
                {QStringLiteral("exportedAt"), isoTime(QDateTime::currentMSecsSinceEpoch())},
                {QStringLiteral("messages"), list},
                {QStringLiteral("moderation"), trail}};
        bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else {
        QString csv = QStringLiteral("id,time,kind,author,text,deleted\r\n");
        // A private message: kind "private:user" (or "private:host"), author "Ann → Bob".
        for (const ChatMessage &m : messages)
            csv += QString::number(m.id) + u',' + isoTime(m.timestamp) + u','
                    + (m.isPrivate() ? QStringLiteral("private:") : QString())
                    + ChatMessage::kindName(m.kind) + u','
                    + csvField(m.isPrivate() ? m.author + QStringLiteral(" → ") + m.recipientName
                                             : m.author)
                    + u',' + csvField(m.text) + u','
                    + (m.deleted ? QStringLiteral("true") : QStringLiteral("false"))
                    + QStringLiteral("\r\n");
        for (const Moderation::AuditEntry &a : audit)
            csv += QStringLiteral("audit-") + QString::number(a.id) + u',' + isoTime(a.timestamp)
                    + QStringLiteral(",moderation:") + csvField(a.action) + u','
                    + csvField(a.target) + u',' + csvField(a.detail) + QStringLiteral(",false\r\n");
        bytes = csv.toUtf8();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("Chat", "Cannot write %1: %2")
                             .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ChatHost::Chat
