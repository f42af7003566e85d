// One named Qt Sql connection to an SQLite file, closed and removed with its owner (each store
// has its own, so stores can share a file).
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace ChatHost {

class SqliteConnection
{
public:
    explicit SqliteConnection(const QString &purpose);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    // Opens (creating if needed) the file and runs the setup statements (schema, pragmas); on
    // any failure it closes again and returns false with error set.
    bool open(const QString &path, const QStringList &setup, QString *error);
    QSqlDatabase database() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

} // namespace ChatHost
