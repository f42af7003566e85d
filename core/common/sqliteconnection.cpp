// See sqliteconnection.h.
#include "common/sqliteconnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace ChatHost {

SqliteConnection::SqliteConnection(const QString &purpose)
    : m_name(purpose + u'-' + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

SqliteConnection::~SqliteConnection()
{
    {
        QSqlDatabase db = database();
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

bool SqliteConnection::open(const QString &path, const QStringList &setup, QString *error)
{
    QSqlDatabase db = QSqlDatabase::contains(m_name)
            ? database()
            : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    db.setDatabaseName(path);
    if (!db.open()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    const QStringList statements = QStringList{QStringLiteral("PRAGMA busy_timeout=2000")} + setup;
    for (const QString &sql : statements) {
        if (!q.exec(sql)) {
            if (error)
                *error = q.lastError().text();
            db.close();
            return false;
        }
    }
    return true;
}

QString sqliteText(const QString &text)
{
    if (text.isEmpty() || (text.front() != QChar(0xFEFF) && text.front() != QChar(0xFFFE)))
        return text;
    return QChar(0xFEFF) + text;
}

} // namespace ChatHost
