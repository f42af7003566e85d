// chathost-manpage OUTPUT: writes the manual page chathost(1), made from the option table, to
// OUTPUT (the build runs it; see manpage.h).
#include "appsupport/manpage.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4) {
        QTextStream(stderr) << "usage: chathost-manpage OUTPUT VERSION DATE\n";
        return 2;
    }
    QFile file(args.at(1));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        QTextStream(stderr) << "chathost-manpage: " << file.errorString() << '\n';
        return 1;
    }
    file.write(
            ChatHost::optionsManPage(QStringLiteral("chathost"), args.at(2), args.at(3)).toUtf8());
    return file.flush() ? 0 : 1;
}
