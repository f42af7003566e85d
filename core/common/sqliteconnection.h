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

// Text as a bind value that SQLite stores unchanged. Qt binds a QString as UTF-16, and SQLite
// takes a leading U+FEFF (or U+FFFE) of UTF-16 input for a byte-order mark: it drops it (or swaps
// every byte of the text). A native-order BOM in front is the one SQLite consumes; the text's own
// first character then survives.
QString sqliteText(const QString &text);

} // namespace ChatHost
