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

bool SqliteConnection::open(const QString &path, QString *error)
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
    QSqlQuery(db).exec(QStringLiteral("PRAGMA busy_timeout=2000"));
    return true;
}

} // namespace ChatHost
