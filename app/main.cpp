// chathost: parses the command line, starts the server, and shows the window (or, with
// --headless, logs to the terminal until SIGINT/SIGTERM).
#include "appsupport/commandline.h"
#include "appsupport/consolecommands.h"
#include "appsupport/consolewriter.h"
#include "appsupport/filesharing.h"
#include "appsupport/optiontable.h"
#include "appsupport/resolveoptions.h"
#include "appsupport/settings.h"
#include "appsupport/singleinstance.h"
#include "chat/chatservice.h"
#include "chat/historystore.h"
#include "common/systemlimits.h"
#include "common/unixsignals.h"
#include "discovery/serviceannouncer.h"
#include "mainwindow.h"
#include "moderation/ban.h"
#include "moderation/moderationstore.h"
#include "server/hostserver.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>
#include <optional>

#include <fcntl.h>
#include <unistd.h>

using namespace ChatHost;

namespace {

bool wantsHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--headless") == 0 || std::strcmp(argv[i], "-headless") == 0)
            return true;
        // --help and --version print and exit: they need no display either.
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0
            || std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0)
            return true;
    }
    return false;
}

// --lang, read before the command line is parsed so that --help is translated too.
QString requestedLanguage(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if ((a == u"--lang" || a == u"-lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (a.startsWith(u"--lang="))
            return a.mid(7);
    }
    return {};
}

// The catalogues installed beside the executable (bin/../share/chathost/translations, wherever
// the package or `cmake --install` put it), else the ones built into the executable.
bool loadCatalogue(QTranslator *translator, const QLocale &locale)
{
    const QString installed = QDir(QCoreApplication::applicationDirPath())
                                      .filePath(QStringLiteral("../share/chathost/translations"));
    for (const QString &folder : {installed, QStringLiteral(":/i18n")}) {
        if (translator->load(locale, QStringLiteral("chathost"), QStringLiteral("_"), folder))
            return true;
    }
    return false;
}

void installTranslators(QCoreApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    // English first: it holds the plural forms of the source texts; a later one wins.
    auto *english = new QTranslator(&app);
    if (loadCatalogue(english, QLocale(QLocale::English)))
        QCoreApplication::installTranslator(english);
    auto *own = new QTranslator(&app);
    if (loadCatalogue(own, locale))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

QString scriptUrl(const HostServer &host)
{
    const QHostAddress bind = host.options().bindAddress;
    const bool any = bind == QHostAddress::Any || bind == QHostAddress::AnyIPv4
            || bind == QHostAddress::LocalHost;
    if (any)
        return QStringLiteral("http://127.0.0.1:%1").arg(host.port());
    if (bind == QHostAddress::AnyIPv6 || bind == QHostAddress::LocalHostIPv6)
        return QStringLiteral("http://[::1]:%1").arg(host.port());
    return host.urls().value(0);
}

// Sets the names (before the server exists: they appear in the Server header), installs the
// translators and parses the command line; prints help, version or an error and sets exitCode
// for them.
CommandLine startUp(QCoreApplication &app, QTextStream &err, int *exitCode)
{
    QCoreApplication::setApplicationName(QStringLiteral("ChatHost"));
    QCoreApplication::setOrganizationName(QStringLiteral("ChatHost"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHATHOST_VERSION));
    if (auto *gui = qobject_cast<QGuiApplication *>(&app)) {
        // The menu entry's id: docks and Wayland compositors match the window to it and its icon.
        gui->setDesktopFileName(QStringLiteral("io.github.chathost.ChatHost"));
        QGuiApplication::setWindowIcon(
                QIcon::fromTheme(QStringLiteral("io.github.chathost.ChatHost")));
    }
    installTranslators(app, requestedLanguage(QCoreApplication::arguments()));
    QCommandLineParser parser;
    CommandLine cli = parseCommandLine(parser, QCoreApplication::arguments());
    if (!cli.error.isEmpty()) {
        err << cli.error << Qt::endl
            << QCoreApplication::translate("main", "Run '%1 --help' for the options.")
                        .arg(QCoreApplication::applicationName().toLower())
            << Qt::endl;
        *exitCode = 2;
    } else if (cli.exitNow) {
        if (parser.isSet(QStringLiteral("version")))
            parser.showVersion();
        if (parser.isSet(QStringLiteral("help-all")))
            parser.showHelp(0);
        QTextStream(stdout) << optionsHelpText(QCoreApplication::applicationName().toLower());
        *exitCode = 0;
    }
    return cli;
}

QString dataFolder(const QString &requestedDir)
{
    return requestedDir.isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            : requestedDir;
}

// Opens the history and moderation stores in the data folder. No usable data folder is not
// fatal: the chat runs with its history in memory.
void openStores(const QString &dataDir, Chat::HistoryStore &history,
                Moderation::ModerationStore &moderation, QTextStream &err)
{
    QString storageError;
    if (!QDir().mkpath(dataDir)) {
        storageError = QCoreApplication::translate("main", "Cannot create the data folder %1.")
                               .arg(dataDir);
    } else {
        const QString database = QDir(dataDir).filePath(QStringLiteral("history.sqlite"));
        if (history.open(database, &storageError))
            moderation.open(database, &storageError);
    }
    if (!storageError.isEmpty())
        err << QCoreApplication::translate(
                       "main", "Warning: %1 The chat runs, but its history is kept in memory only.")
                        .arg(storageError)
            << Qt::endl;
}

void raiseFileLimit(QTextStream &err)
{
    QString limitError;
    const long fileLimit = raiseOpenFileLimit(&limitError);
    if (fileLimit >= 0 && fileLimit < 4096)
        err << QCoreApplication::translate(
                       "main", "Warning: only %1 open files allowed; fewer people can connect.")
                        .arg(fileLimit)
            << Qt::endl;
}

// One rule for every option in both modes: the command line wins over the saved settings (the
// window's; --headless reads none), the saved settings over the defaults.
ResolvedOptions resolve(const CommandLine &cli, const Settings *settings)
{
    const OptionLayer defaults{ResolvedOptions{}, {}};
    const OptionLayer saved = settings ? settings->savedOptions() : OptionLayer{};
    return resolveOptions(defaults, saved, cli.layer());
}

void announce(QTextStream &out, const HostServer &host, const Discovery::ServiceAnnouncer &lan)
{
    out << QCoreApplication::translate("main",
                                       "ChatHost is running. People on your network can open:")
        << Qt::endl;
    QStringList urls = host.urls();
    // The host's .local name (where Avahi runs) first: it survives a new DHCP lease.
    if (const QString local = lan.localUrl(host.port()); !local.isEmpty())
        urls.prepend(local);
    for (const QString &url : urls)
        out << "  " << url << Qt::endl;
    out << "listening on " << scriptUrl(host) << Qt::endl;
}

// --headless: the console commands on standard input, and the chat and refusals as log lines.
// journal: the output is the systemd journal, which stamps each line itself.
void connectConsole(Chat::ChatService &chat, HostServer &host, ConsoleWriter &out, bool journal)
{
    QObject *app = QCoreApplication::instance();
    auto *commands = new ConsoleCommands(&chat, app);
    QObject::connect(commands, &ConsoleCommands::output, app,
                     [&out](const QString &text) { out.writeLines(text); });
    commands->listenOnStdin();
    QObject::connect(&chat, &Chat::ChatService::messagePosted, app,
                     [&out, journal](const Chat::ChatMessage &m) {
                         const QString time = journal
                                 ? QString()
                                 : QDateTime::fromMSecsSinceEpoch(m.timestamp)
                                           .toString(QStringLiteral("HH:mm:ss "));
                         if (m.kind == Chat::ChatMessage::Kind::System)
                             out.writeLine(time + u"* " + m.text);
                         else if (m.isPrivate()) // the host sees them all: it moderates
                             out.writeLine(time + u"\U0001F512 <" + m.author + u" \u2192 "
                                           + m.recipientName + u"> " + m.text);
                         else
                             out.writeLine(time + u'<' + m.author + u"> " + m.text);
                     });
    // Said once per address and episode, then once with the count.
    QObject::connect(
            &host, &HostServer::connectionRefused, app,
            [&out](const QHostAddress &address, const QString &reason) {
                out.writeLine(
                        QCoreApplication::translate("main", "refusing connections from %1: %2")
                                .arg(Moderation::normalizedAddress(address), reason));
            });
    QObject::connect(
            &host, &HostServer::refusalsEnded, app, [&out](const QString &address, int refused) {
                out.writeLine(QCoreApplication::translate(
                                      "main", "stopped refusing %1: %n connection(s) refused",
                                      nullptr, refused)
                                      .arg(address));
            });
    QObject::connect(
            &chat, &Chat::ChatService::messageRefused, app,
            [&out](const QString &nickname, const QString &code, const QString &) {
                out.writeLine(QCoreApplication::translate("main", "refused a message from %1 (%2)")
                                      .arg(nickname, code));
            });
}

int runWindow(HostServer &host, Chat::ChatService &chat, Settings *settings, bool started,
              QTextStream &out, SingleInstance *instance, Discovery::ServiceAnnouncer &lan)
{
    Ui::MainWindow window(&host, &chat, settings);
    if (instance) {
        QObject::connect(instance, &SingleInstance::activationRequested, &window, [&window] {
            window.setWindowState((window.windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
            window.show();
            window.raise();
            window.activateWindow();
        });
    }
    window.setLocalHostName(lan.hostName());
    QObject::connect(&lan, &Discovery::ServiceAnnouncer::hostNameChanged, &window,
                     &Ui::MainWindow::setLocalHostName);
    QObject::connect(&host, &HostServer::stateChanged, &window, [&host, &out, &lan] {
        if (host.isListening())
            announce(out, host, lan);
    });
    window.show();
    if (!started) // the window says why and offers a free port
        QTimer::singleShot(0, &window, &Ui::MainWindow::startServer);
    return QCoreApplication::exec();
}

// Started with 0, 1 or 2 closed, the next descriptors opened (Qt's event-loop eventfd first)
// would take their numbers, and log lines would be written into them.
void keepStandardDescriptorsOpen()
{
    for (int fd = 0; fd <= 2; ++fd) {
        if (::fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            const int opened = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
            if (opened >= 0 && opened != fd) {
                ::dup2(opened, fd);
                ::close(opened);
            }
        }
    }
}

} // namespace

int main(int argc, char *argv[])
{
    keepStandardDescriptorsOpen();
    std::signal(SIGPIPE, SIG_IGN); // a reader of our output that goes away is EPIPE, not death
    const bool headless = wantsHeadless(argc, argv);
    std::unique_ptr<QCoreApplication> app(headless ? new QCoreApplication(argc, argv)
                                                   : new QApplication(argc, argv));
    QTextStream out(stdout);
    QTextStream err(stderr);
    std::optional<ConsoleWriter> console; // headless: outlives every object that writes to it
    int exitCode = -1; // set when the command line says to stop (help, version, an error)
    const CommandLine cli = startUp(*app, err, &exitCode);
    if (exitCode >= 0)
        return exitCode;

    const std::unique_ptr<Settings> settings = headless ? nullptr : std::make_unique<Settings>();
    const ResolvedOptions options = resolve(cli, settings.get());
    const QString dataDir = dataFolder(cli.dataDir);
    std::unique_ptr<SingleInstance> instance; // window mode on a fixed port only
    if (!headless && options.host.port != 0) {
        instance = std::make_unique<SingleInstance>(
                SingleInstance::serverName(::getuid(), options.host.port, dataDir));
        if (SingleInstance::askRunning(instance->name()) == SingleInstance::Answer::Shown) {
            out << QCoreApplication::translate("main",
                                               "ChatHost already runs on port %1 with the data "
                                               "folder %2: its window was brought to the front.")
                            .arg(options.host.port)
                            .arg(QDir::toNativeSeparators(dataDir))
                << Qt::endl;
            return 0;
        }
        if (!instance->listen())
            instance.reset(); // no local socket: this window just cannot be found by a later one
    }

    Chat::HistoryStore history;
    Moderation::ModerationStore moderation;
    openStores(dataDir, history, moderation, err);
    raiseFileLimit(err);

    HostServer host(options.host);
    Chat::ChatService chat(host.io(), &history, options.chat, &moderation);
    QObject::connect(
            &chat, &Chat::ChatService::storageProblem, app.get(), [&err](const QString &m) {
                err << QCoreApplication::translate("main", "Warning: %1").arg(m) << Qt::endl;
            });
    // Files and pictures (docs/chat-protocol.md, "Files"): stored by content in the data folder.
    FileSharing files(&host, &chat, QDir(dataDir).filePath(QStringLiteral("files")));
    if (QString filesError; !files.open(&filesError))
        err << QCoreApplication::translate("main", "Warning: %1").arg(filesError) << Qt::endl;
    const bool started = host.start();
    if (!started && headless) {
        err << host.errorString() << Qt::endl;
        return 1;
    }
    // A name on the LAN (where Avahi runs): announced while the server listens, renamed with
    // the room.
    Discovery::ServiceAnnouncer lan;
    const auto announceOnLan = [&host, &chat, &lan] {
        if (host.isListening())
            lan.announce(chat.options().roomTitle, host.port());
        else
            lan.withdraw();
    };
    QObject::connect(&host, &HostServer::stateChanged, &lan, announceOnLan);
    QObject::connect(&chat, &Chat::ChatService::roomChanged, &lan, announceOnLan);
    if (started) {
        lan.hostNameNow(); // at most a second, once, so the .local address leads the list
        announceOnLan();
        announce(out, host, lan);
    }

    UnixSignalWatcher signals;
    QObject::connect(&signals, &UnixSignalWatcher::terminationRequested, app.get(), [&](int) {
        const QString bye = QCoreApplication::translate("main", "Shutting down…");
        if (console) // behind the chat's lines, never blocking on an unread output
            console->writeLine(bye);
        else
            out << bye << Qt::endl;
        host.stop();
        QCoreApplication::quit();
    });
    if (!headless)
        return runWindow(host, chat, settings.get(), started, out, instance.get(), lan);
    console.emplace(STDOUT_FILENO);
    connectConsole(chat, host, *console, ConsoleWriter::writesToJournal(STDOUT_FILENO));
    return app->exec();
}
