// Where each option's value comes from (resolveoptions.h), through the real command-line parser
// and the real Settings on a temporary INI file: one row per option and mode.
#include "appsupport/commandline.h"
#include "appsupport/optiontable.h"
#include "appsupport/resolveoptions.h"
#include "appsupport/settings.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace ChatHost;
using namespace Qt::StringLiterals;

namespace {

// The resolved value of one option, as text, so one column can hold every option's value.
QString valueOf(const QString &option, const ResolvedOptions &o)
{
    if (option == u"port")
        return QString::number(o.host.port);
    if (option == u"bind")
        return o.host.bindAddress.toString();
    if (option == u"ping-interval")
        return QString::number(o.host.engine.pingInterval);
    if (option == u"ping-timeout")
        return QString::number(o.host.engine.pingTimeout);
    if (option == u"max-payload")
        return QString::number(o.host.engine.maxPayload);
    if (option == u"web-root")
        return o.host.webRoot;
    if (option == u"allow-origin")
        return o.host.allowedOrigins.join(u',');
    if (option == u"max-connections")
        return QString::number(o.host.limits.maxConnections);
    if (option == u"max-per-address") {
        // One option, two limits: connections and people from one address.
        if (o.host.limits.maxPerAddress != o.chat.maxPeoplePerAddress)
            return u"<connections %1 but people %2>"_s.arg(o.host.limits.maxPerAddress)
                    .arg(o.chat.maxPeoplePerAddress);
        return QString::number(o.host.limits.maxPerAddress);
    }
    if (option == u"rate-per-address")
        return u"%1/%2"_s.arg(o.chat.effectiveAddressRateCount())
                .arg(o.chat.effectiveAddressRatePeriodMs() / 1000);
    if (option == u"connect-rate-per-address")
        return u"%1/%2"_s.arg(o.host.limits.newPerAddress)
                .arg(o.host.limits.newPerAddressPeriodMs / 1000);
    if (option == u"header-timeout")
        return QString::number(o.host.limits.headerTimeoutMs);
    if (option == u"idle-timeout")
        return QString::number(o.host.limits.idleTimeoutMs);
    if (option == u"send-timeout")
        return QString::number(o.host.limits.sendTimeoutMs);
    if (option == u"host-name")
        return o.chat.hostName;
    if (option == u"title")
        return o.chat.roomTitle;
    if (option == u"max-length")
        return QString::number(o.chat.maxMessageLength);
    if (option == u"rate")
        return u"%1/%2"_s.arg(o.chat.rateCount).arg(o.chat.ratePeriodMs / 1000);
    if (option == u"history")
        return QString::number(o.chat.historyOnJoin);
    if (option == u"edit-window")
        return QString::number(o.chat.editWindowSeconds);
    if (option == u"password")
        return o.chat.password;
    if (option == u"max-people")
        return QString::number(o.chat.maxPeople);
    if (option == u"no-private-messages")
        return o.chat.privateMessages ? u"on"_s : u"off"_s;
    if (option == u"files") {
        using Sharing = Chat::ChatOptions::FileSharing;
        return o.chat.fileSharing == Sharing::Off         ? u"off"_s
                : o.chat.fileSharing == Sharing::Pictures ? u"pictures"_s
                                                          : u"on"_s;
    }
    if (option == u"max-file-size")
        return QString::number(o.chat.maxFileBytes / (1024 * 1024));
    if (option == u"files-quota")
        return QString::number(o.chat.filesQuotaBytes / (1024 * 1024));
    if (option == u"uploads-per-minute")
        return QString::number(o.chat.uploadsPerMinute);
    if (option == u"filter")
        return o.chat.filterWords.join(u',')
                + (o.chat.filterMode == Moderation::WordFilter::Mode::Mask ? u":mask"_s
                                                                           : u":refuse"_s);
    return u"<no such option>"_s;
}

} // namespace

class TestResolveOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void resolve_data();
    void resolve();
    void everyOptionIsMerged();
    void everyMergedOptionHasARow();
    void refusesBadValues_data();
    void refusesBadValues();
    void helpStatesEachDefaultOnce();
    void settingsRoundTrip();

private:
    QTemporaryDir m_dir;
    QString m_passwordFile;
    QSet<QString> m_rowOptions; // the options resolve_data() has rows for
};

void TestResolveOptions::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_passwordFile = m_dir.filePath(u"password.txt"_s);
    QFile f(m_passwordFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("from-file\nsecond line ignored\n");
}

void TestResolveOptions::resolve_data()
{
    m_rowOptions.clear();
    QTest::addColumn<QString>("option");
    QTest::addColumn<QStringList>("arguments"); // the command line (empty: option not given)
    QTest::addColumn<QVariantMap>("saved"); // INI keys in the settings file (empty: none)
    QTest::addColumn<bool>("headless");
    QTest::addColumn<QString>("expected");

    struct Row
    {
        QString option;
        QStringList arguments; // gives the option on the command line
        QString commandLineValue;
        QVariantMap saved; // the settings hold the option (empty: the settings cannot)
        QString savedValue;
        QString defaultValue;
    };
    const QString webRoot = m_dir.path();
    const QList<Row> rows = {
            {u"port"_s,
             {u"--port"_s, u"4100"_s},
             u"4100"_s,
             {{u"server/port"_s, 4200}},
             u"4200"_s,
             u"3000"_s},
            {u"bind"_s,
             {u"--bind"_s, u"127.0.0.2"_s},
             u"127.0.0.2"_s,
             {{u"server/bind"_s, u"127.0.0.3"_s}},
             u"127.0.0.3"_s,
             QHostAddress(QHostAddress::Any).toString()},
            {u"ping-interval"_s, {u"--ping-interval"_s, u"1500"_s}, u"1500"_s, {}, {}, u"25000"_s},
            {u"ping-timeout"_s, {u"--ping-timeout"_s, u"1600"_s}, u"1600"_s, {}, {}, u"20000"_s},
            {u"max-payload"_s, {u"--max-payload"_s, u"4096"_s}, u"4096"_s, {}, {}, u"1000000"_s},
            {u"web-root"_s,
             {u"--web-root"_s, webRoot},
             QDir(webRoot).absolutePath(),
             {},
             {},
             QString()},
            {u"allow-origin"_s,
             {u"--allow-origin"_s, u"http://a:1"_s, u"--allow-origin"_s, u"*"_s},
             u"http://a:1,*"_s,
             {},
             {},
             QString()},
            {u"max-connections"_s, {u"--max-connections"_s, u"50"_s}, u"50"_s, {}, {}, u"20000"_s},
            {u"max-per-address"_s, {u"--max-per-address"_s, u"7"_s}, u"7"_s, {}, {}, u"64"_s},
            {u"rate-per-address"_s,
             {u"--rate-per-address"_s, u"20/10"_s},
             u"20/10"_s,
             {},
             {},
             u"50/5"_s},
            {u"connect-rate-per-address"_s,
             {u"--connect-rate-per-address"_s, u"8/2"_s},
             u"8/2"_s,
             {},
             {},
             u"64/4"_s},
            {u"header-timeout"_s, {u"--header-timeout"_s, u"700"_s}, u"700"_s, {}, {}, u"10000"_s},
            {u"idle-timeout"_s, {u"--idle-timeout"_s, u"900"_s}, u"900"_s, {}, {}, u"60000"_s},
            {u"send-timeout"_s, {u"--send-timeout"_s, u"800"_s}, u"800"_s, {}, {}, u"30000"_s},
            {u"host-name"_s,
             {u"--host-name"_s, u"Ann"_s},
             u"Ann"_s,
             {{u"chat/hostName"_s, u"Saved Host"_s}},
             u"Saved Host"_s,
             u"Host"_s},
            {u"title"_s,
             {u"--title"_s, u"Party"_s},
             u"Party"_s,
             {{u"chat/title"_s, u"Saved Room"_s}},
             u"Saved Room"_s,
             u"ChatHost"_s},
            {u"max-length"_s,
             {u"--max-length"_s, u"300"_s},
             u"300"_s,
             {{u"chat/maxLength"_s, 400}},
             u"400"_s,
             u"2000"_s},
            {u"rate"_s,
             {u"--rate"_s, u"3/7"_s},
             u"3/7"_s,
             {{u"chat/rateCount"_s, 9}, {u"chat/ratePeriodMs"_s, 11000}},
             u"9/11"_s,
             u"5/5"_s},
            {u"history"_s,
             {u"--history"_s, u"12"_s},
             u"12"_s,
             {{u"chat/history"_s, 34}},
             u"34"_s,
             u"100"_s},
            {u"edit-window"_s,
             {u"--edit-window"_s, u"30"_s},
             u"30"_s,
             {{u"chat/editWindow"_s, 0}},
             u"0"_s,
             u"300"_s},
            {u"password"_s, {u"--password"_s, u"s3cret"_s}, u"s3cret"_s, {}, {}, QString()},
            {u"password"_s,
             {u"--password-file"_s, m_passwordFile},
             u"from-file"_s,
             {},
             {},
             QString()},
            {u"max-people"_s, {}, {}, {{u"room/maxPeople"_s, 8}}, u"8"_s, u"0"_s},
            {u"no-private-messages"_s,
             {u"--no-private-messages"_s},
             u"off"_s,
             {{u"room/privateMessages"_s, false}},
             u"off"_s,
             u"on"_s},
            {u"files"_s,
             {u"--files"_s, u"pictures"_s},
             u"pictures"_s,
             {{u"files/sharing"_s, u"off"_s}},
             u"off"_s,
             u"on"_s},
            {u"max-file-size"_s,
             {u"--max-file-size"_s, u"5"_s},
             u"5"_s,
             {{u"files/maxFileMB"_s, 7}},
             u"7"_s,
             u"100"_s},
            {u"files-quota"_s,
             {u"--files-quota"_s, u"50"_s},
             u"50"_s,
             {{u"files/quotaMB"_s, 60}},
             u"60"_s,
             u"2048"_s},
            {u"uploads-per-minute"_s,
             {u"--uploads-per-minute"_s, u"3"_s},
             u"3"_s,
             {{u"files/uploadsPerMinute"_s, 0}},
             u"0"_s,
             u"10"_s},
            {u"filter"_s,
             {},
             {},
             {{u"room/filterWords"_s, QStringList{u"foo"_s, u"bar"_s}},
              {u"room/filterMode"_s, u"mask"_s}},
             u"foo,bar:mask"_s,
             u":refuse"_s},
    };
    // Saved settings that hold other options: with them present the option must still come
    // from where it belongs (this is what dropped --password before).
    const QVariantMap unrelated{{u"chat/title"_s, u"Other Room"_s}, {u"server/port"_s, 4300}};
    for (const Row &r : rows) {
        m_rowOptions.insert(r.option);
        const QByteArray tag = (r.option + u' ' + r.arguments.value(0)).toUtf8();
        QVariantMap savedPlusUnrelated = unrelated;
        for (auto it = r.saved.begin(); it != r.saved.end(); ++it)
            savedPlusUnrelated.insert(it.key(), it.value());
        QVariantMap unrelatedOnly = unrelated;
        for (auto it = r.saved.begin(); it != r.saved.end(); ++it)
            unrelatedOnly.remove(it.key()); // the row's own keys are not saved
        const bool ownUnrelated = r.option == u"port" || r.option == u"title";
        if (!r.arguments.isEmpty()) {
            QTest::addRow("%s | window: command line wins over saved", tag.constData())
                    << r.option << r.arguments << savedPlusUnrelated << false << r.commandLineValue;
            QTest::addRow("%s | headless: command line wins", tag.constData())
                    << r.option << r.arguments << savedPlusUnrelated << true << r.commandLineValue;
        }
        if (!r.saved.isEmpty()) {
            QTest::addRow("%s | window: saved wins over default", tag.constData())
                    << r.option << QStringList() << savedPlusUnrelated << false << r.savedValue;
            QTest::addRow("%s | headless: saved settings are not read", tag.constData())
                    << r.option << QStringList() << savedPlusUnrelated << true << r.defaultValue;
        }
        if (!ownUnrelated) {
            QTest::addRow("%s | window: nothing given, other settings saved: default",
                          tag.constData())
                    << r.option << QStringList() << unrelatedOnly << false << r.defaultValue;
        }
        QTest::addRow("%s | window: nothing saved or given: default", tag.constData())
                << r.option << QStringList() << QVariantMap() << false << r.defaultValue;
        QTest::addRow("%s | headless: nothing given: default", tag.constData())
                << r.option << QStringList() << QVariantMap() << true << r.defaultValue;
    }
}

void TestResolveOptions::resolve()
{
    QFETCH(QString, option);
    QFETCH(QStringList, arguments);
    QFETCH(QVariantMap, saved);
    QFETCH(bool, headless);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    const QString ini = dir.filePath(u"settings.ini"_s);
    {
        QSettings s(ini, QSettings::IniFormat);
        for (auto it = saved.begin(); it != saved.end(); ++it)
            s.setValue(it.key(), it.value());
    }
    QStringList argv{u"chathost"_s};
    if (headless)
        argv.append(u"--headless"_s);
    argv += arguments;
    QCommandLineParser parser;
    const CommandLine cli = parseCommandLine(parser, argv);
    QVERIFY2(cli.error.isEmpty(), qPrintable(cli.error));
    QCOMPARE(cli.headless, headless);
    for (const QString &name : mergedOptionNames()) // only what was really given counts
        QCOMPARE(cli.given.contains(name), !arguments.isEmpty() && name == option);

    const Settings settings(ini);
    // As app/main.cpp does: the parser's defaults, the window's settings, the command line.
    const OptionLayer defaults{{cli.host, cli.chat}, {}};
    const ResolvedOptions resolved = resolveOptions(
            defaults, headless ? OptionLayer{} : settings.savedOptions(), cli.layer());
    QCOMPARE(valueOf(option, resolved), expected);
}

void TestResolveOptions::everyOptionIsMerged()
{
    // Every option the parser declares either sets a host or chat option (and so is merged),
    // or is one of the few that only steer the start-up itself.
    const QStringList startUpOnly{u"help"_s,     u"help-all"_s, u"version"_s,      u"headless"_s,
                                  u"data-dir"_s, u"lang"_s,     u"password-file"_s};
    QCommandLineParser parser;
    parseCommandLine(parser, {u"chathost"_s});
    const QStringList merged = mergedOptionNames();
    // QCommandLineParser lists its options only in the help text.
    static const QRegularExpression longName(u"--([a-z-]+)"_s);
    QStringList declared;
    for (auto it = longName.globalMatch(parser.helpText()); it.hasNext();)
        declared.append(it.next().captured(1));
    declared.removeDuplicates();
    QVERIFY(declared.size() >= 20);
    for (const QString &name : std::as_const(declared))
        QVERIFY2(startUpOnly.contains(name) || merged.contains(name), qPrintable(name));
    QVERIFY(merged.contains(u"max-people"_s)); // held by the settings only
    QVERIFY(merged.contains(u"filter"_s));
}

void TestResolveOptions::everyMergedOptionHasARow()
{
    // A new row in the option table needs its rows in resolve_data(), or it is not tested.
    resolve_data();
    for (const QString &name : mergedOptionNames())
        QVERIFY2(m_rowOptions.contains(name), qPrintable(name));
}

void TestResolveOptions::refusesBadValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    QTest::newRow("port too big") << QStringList{u"--port"_s, u"70000"_s}
                                  << u"--port must be between 0 and 65535, not '70000'."_s;
    QTest::newRow("port not a number") << QStringList{u"--port"_s, u"abc"_s}
                                       << u"--port must be between 0 and 65535, not 'abc'."_s;
    QTest::newRow("ping interval 0")
            << QStringList{u"--ping-interval"_s, u"0"_s}
            << u"--ping-interval must be between 1 and 3600000, not '0'."_s;
    QTest::newRow("max-payload negative")
            << QStringList{u"--max-payload"_s, u"-5"_s}
            << u"--max-payload must be between 1024 and 1073741824, not '-5'."_s;
    QTest::newRow("bind") << QStringList{u"--bind"_s, u"nowhere"_s}
                          << u"--bind must be an IPv4 or IPv6 address, not 'nowhere'."_s;
    QTest::newRow("rate without slash")
            << QStringList{u"--rate"_s, u"5"_s}
            << u"--rate must be COUNT/SECONDS with COUNT between 0 and 100000 and SECONDS "
               u"between 1 and 86400, e.g. 5/5, not '5'."_s;
    QTest::newRow("connect rate 0 seconds")
            << QStringList{u"--connect-rate-per-address"_s, u"5/0"_s}
            << u"--connect-rate-per-address must be COUNT/SECONDS with COUNT between 0 and "
               u"1000000 and SECONDS between 1 and 86400, e.g. 5/5, not '5/0'."_s;
    QTest::newRow("host name blank") << QStringList{u"--host-name"_s, u"  "_s}
                                     << u"--host-name must be 1 to 32 characters long, not '  '."_s;
    QTest::newRow("web root missing")
            << QStringList{u"--web-root"_s, u"/no/such/folder"_s}
            << u"--web-root must be an existing folder, not '/no/such/folder'."_s;
    QTest::newRow("origin") << QStringList{u"--allow-origin"_s, u"ftp:/x"_s}
                            << u"--allow-origin must be an origin such as http://host:port, or "
                               u"*, not 'ftp:/x'."_s;
    QTest::newRow("password file missing")
            << QStringList{u"--password-file"_s, u"/no/such/file"_s}
            << u"--password-file must be a readable file whose first line is the password, not "
               u"'/no/such/file'."_s;
    QTest::newRow("both passwords")
            << QStringList{u"--password"_s, u"a"_s, u"--password-file"_s, m_passwordFile}
            << u"Give either --password or --password-file, not both."_s;
    QTest::newRow("positional") << QStringList{u"stray"_s} << u"Unexpected argument: stray"_s;
}

void TestResolveOptions::refusesBadValues()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    QCommandLineParser parser;
    const CommandLine cli = parseCommandLine(parser, QStringList{u"chathost"_s} + arguments);
    QCOMPARE(cli.error, error);
}

void TestResolveOptions::helpStatesEachDefaultOnce()
{
    // The defaults --help states are the option structs' initialisers, not copies of them.
    QCommandLineParser parser;
    parseCommandLine(parser, {u"chathost"_s});
    const QString help = parser.helpText().simplified();
    const QString shown = optionsHelpText(u"chathost"_s).simplified(); // what --help prints
    QVERIFY2(help.contains(u"Default: %1."_s.arg(HostOptions().port)), qPrintable(help));
    QVERIFY(help.contains(u"Default: %1."_s.arg(HostOptions().engine.pingInterval)));
    QVERIFY(help.contains(u"Default: %1."_s.arg(HostOptions().limits.sendTimeoutMs)));
    QVERIFY(help.contains(u"Default: %1."_s.arg(Chat::ChatOptions().hostName)));
    for (const OptionSpec &o : optionTable()) {
        if (!o.onCommandLine)
            continue;
        QVERIFY2(help.contains(u"--"_s + QLatin1String(o.name)), o.name);
        QVERIFY2(help.contains(optionHelp(o).simplified()), o.name);
        QVERIFY2(shown.contains(u"--"_s + QLatin1String(o.name)), o.name);
        QVERIFY2(shown.contains(optionHelp(o).simplified()), o.name);
        // Each row states its default once, and only in the "Default:" part.
        QVERIFY2(optionHelp(o).count(u"Default"_s) == (optionDefault(o).isEmpty() ? 0 : 1), o.name);
    }
}

void TestResolveOptions::settingsRoundTrip()
{
    // What the settings dialog saves comes back as saved, through the table's rows.
    QTemporaryDir dir;
    Chat::ChatOptions chat;
    chat.hostName = u"Saved"_s;
    chat.roomTitle = u"Room"_s;
    chat.maxMessageLength = 321;
    chat.rateCount = 4;
    chat.ratePeriodMs = 9000;
    chat.historyOnJoin = 7;
    chat.maxPeople = 3;
    chat.filterWords = QStringList{u"x"_s};
    chat.filterMode = Moderation::WordFilter::Mode::Mask;
    chat.password = u"never saved"_s;
    {
        Settings settings(dir.filePath(u"s.ini"_s));
        settings.setChatOptions(chat);
        settings.setPort(4321);
        settings.setBindAddress(QHostAddress(u"127.0.0.5"_s));
    }
    const Settings settings(dir.filePath(u"s.ini"_s));
    const OptionLayer saved = settings.savedOptions();
    QCOMPARE(saved.host.port, quint16(4321));
    QCOMPARE(saved.host.bindAddress, QHostAddress(u"127.0.0.5"_s));
    QCOMPARE(saved.chat.hostName, chat.hostName);
    QCOMPARE(saved.chat.roomTitle, chat.roomTitle);
    QCOMPARE(saved.chat.maxMessageLength, 321);
    QCOMPARE(saved.chat.rateCount, 4);
    QCOMPARE(saved.chat.ratePeriodMs, 9000);
    QCOMPARE(saved.chat.historyOnJoin, 7);
    QCOMPARE(saved.chat.maxPeople, 3);
    QCOMPARE(saved.chat.filterWords, chat.filterWords);
    QCOMPARE(saved.chat.filterMode, Moderation::WordFilter::Mode::Mask);
    QVERIFY(saved.chat.password.isEmpty());
    QVERIFY(!saved.given.contains(u"password"_s));
    // Out-of-range saved values are held to the table's range.
    {
        QSettings raw(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
        raw.setValue(u"chat/maxLength"_s, 10000000);
        raw.setValue(u"chat/history"_s, -4);
    }
    const Settings clamped(dir.filePath(u"s.ini"_s));
    QCOMPARE(clamped.chatOptions().maxMessageLength, int(optionRange(u"max-length").max));
    QCOMPARE(clamped.chatOptions().historyOnJoin, int(optionRange(u"history").min));
}

QTEST_GUILESS_MAIN(TestResolveOptions)
#include "tst_resolveoptions.moc"
