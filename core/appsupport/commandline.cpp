// See commandline.h.
#include "appsupport/commandline.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include "http/originpolicy.h"

namespace ChatHost {

namespace {

bool parseInteger(const QString &text, qint64 min, qint64 max, qint64 *out)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min || v > max)
        return false;
    *out = v;
    return true;
}

} // namespace

CommandLine parseCommandLine(QCommandLineParser &parser, const QStringList &arguments)
{
    CommandLine result;
    parser.setApplicationDescription(QCoreApplication::translate(
            "CommandLine",
            "Host a chat on the local network: people open the shown address in a browser."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(
            QStringLiteral("headless"),
            QCoreApplication::translate(
                    "CommandLine",
                    "Run without a window: serve and log to the terminal until interrupted."));
    const QCommandLineOption port(
            QStringLiteral("port"),
            QCoreApplication::translate(
                    "CommandLine", "TCP port to listen on (0 picks a free one). Default 3000."),
            QStringLiteral("N"), QStringLiteral("3000"));
    const QCommandLineOption bind(
            QStringLiteral("bind"),
            QCoreApplication::translate("CommandLine",
                                        "Address to listen on. Default: all interfaces."),
            QStringLiteral("ADDRESS"));
    const QCommandLineOption dataDir(
            QStringLiteral("data-dir"),
            QCoreApplication::translate(
                    "CommandLine",
                    "Folder for the history and settings data. Default: the user's data folder."),
            QStringLiteral("DIR"));
    const QCommandLineOption pingInterval(
            QStringLiteral("ping-interval"),
            QCoreApplication::translate("CommandLine",
                                        "Milliseconds between heartbeats. Default 25000."),
            QStringLiteral("MS"), QStringLiteral("25000"));
    const QCommandLineOption pingTimeout(
            QStringLiteral("ping-timeout"),
            QCoreApplication::translate(
                    "CommandLine",
                    "Milliseconds a client has to answer a heartbeat. Default 20000."),
            QStringLiteral("MS"), QStringLiteral("20000"));
    const QCommandLineOption maxPayload(
            QStringLiteral("max-payload"),
            QCoreApplication::translate(
                    "CommandLine",
                    "Largest message or request body accepted, in bytes. Default 1000000."),
            QStringLiteral("BYTES"), QStringLiteral("1000000"));
    const QCommandLineOption webRoot(
            QStringLiteral("web-root"),
            QCoreApplication::translate(
                    "CommandLine", "Serve this folder's pages instead of the built-in chat page."),
            QStringLiteral("DIR"));
    const QCommandLineOption lang(
            QStringLiteral("lang"),
            QCoreApplication::translate(
                    "CommandLine",
                    "User interface language, e.g. de or en. Default: the system's."),
            QStringLiteral("CODE"));
    const QCommandLineOption hostName(
            QStringLiteral("host-name"),
            QCoreApplication::translate("CommandLine",
                                        "Name shown on your announcements. Default: Host."),
            QStringLiteral("NAME"), QStringLiteral("Host"));
    const QCommandLineOption roomTitle(
            QStringLiteral("title"),
            QCoreApplication::translate("CommandLine",
                                        "Title of the chat shown on the page. Default: ChatHost."),
            QStringLiteral("TEXT"), QStringLiteral("ChatHost"));
    const QCommandLineOption maxLength(
            QStringLiteral("max-length"),
            QCoreApplication::translate("CommandLine",
                                        "Longest message allowed, in characters. Default 2000."),
            QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption rate(
            QStringLiteral("rate"),
            QCoreApplication::translate("CommandLine",
                                        "Messages one person may send per period, as COUNT/SECONDS "
                                        "(0/1: no limit). Default 5/5."),
            QStringLiteral("COUNT/SECONDS"), QStringLiteral("5/5"));
    const QCommandLineOption ratePerAddress(
            QStringLiteral("rate-per-address"),
            QCoreApplication::translate(
                    "CommandLine",
                    "Messages all connections from one network address may send together per "
                    "period, as COUNT/SECONDS (0/1: no limit). Default: 10 times --rate."),
            QStringLiteral("COUNT/SECONDS"));
    const QCommandLineOption history(
            QStringLiteral("history"),
            QCoreApplication::translate("CommandLine",
                                        "How many recent messages a newcomer sees. Default 100."),
            QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption password(
            QStringLiteral("password"),
            QCoreApplication::translate(
                    "CommandLine",
                    "Ask everyone for this password before they can join (visible to other users "
                    "of this computer; prefer --password-file)."),
            QStringLiteral("TEXT"));
    const QCommandLineOption passwordFile(
            QStringLiteral("password-file"),
            QCoreApplication::translate("CommandLine",
                                        "Read the room password from the first line of this file."),
            QStringLiteral("FILE"));
    const QCommandLineOption allowOrigin(
            QStringLiteral("allow-origin"),
            QCoreApplication::translate("CommandLine",
                                        "Also let pages from this web origin connect, e.g. "
                                        "http://intranet:8080 (repeatable; * allows any)."),
            QStringLiteral("ORIGIN"));
    const QCommandLineOption maxConnections(
            QStringLiteral("max-connections"),
            QCoreApplication::translate("CommandLine",
                                        "Most open connections in total. Default 20000."),
            QStringLiteral("N"), QStringLiteral("20000"));
    const QCommandLineOption maxPerAddress(
            QStringLiteral("max-per-address"),
            QCoreApplication::translate("CommandLine",
                                        "Most open connections, and people, from one network "
                                        "address. Default 64."),
            QStringLiteral("N"), QStringLiteral("64"));
    const QCommandLineOption connectRate(
            QStringLiteral("connect-rate-per-address"),
            QCoreApplication::translate(
                    "CommandLine",
                    "New connections one network address may open at once, refilled at COUNT "
                    "per SECONDS; faster ones get 429 (0/1: no limit). Default 64/4."),
            QStringLiteral("COUNT/SECONDS"), QStringLiteral("64/4"));
    const QCommandLineOption headerTimeout(
            QStringLiteral("header-timeout"),
            QCoreApplication::translate(
                    "CommandLine",
                    "Milliseconds a new connection has to send its request. Default 10000."),
            QStringLiteral("MS"), QStringLiteral("10000"));
    const QCommandLineOption idleTimeout(
            QStringLiteral("idle-timeout"),
            QCoreApplication::translate("CommandLine",
                                        "Milliseconds an HTTP connection may stay open with no "
                                        "request or an unfinished one. Default 60000."),
            QStringLiteral("MS"), QStringLiteral("60000"));
    const QCommandLineOption sendTimeout(
            QStringLiteral("send-timeout"),
            QCoreApplication::translate("CommandLine",
                                        "Milliseconds an HTTP answer may wait unread by its "
                                        "client before the connection is closed. Default 30000."),
            QStringLiteral("MS"), QStringLiteral("30000"));
    parser.addOptions({headless,       port,        bind,           dataDir,       pingInterval,
                       pingTimeout,    maxPayload,  webRoot,        lang,          hostName,
                       roomTitle,      maxLength,   rate,           history,       password,
                       passwordFile,   allowOrigin, maxConnections, maxPerAddress, headerTimeout,
                       ratePerAddress, connectRate, idleTimeout,    sendTimeout});

    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version"))) {
        result.exitNow = true;
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.error = QCoreApplication::translate("CommandLine", "Unexpected argument: %1")
                               .arg(parser.positionalArguments().constFirst());
        return result;
    }
    // COUNT/SECONDS, as --rate takes it.
    const auto countPerSeconds
            = [&parser](const QCommandLineOption &option, qint64 *count, qint64 *seconds) {
                  const QStringList parts = parser.value(option).split(u'/');
                  return parts.size() == 2 && parseInteger(parts[0], 0, 1000000, count)
                          && parseInteger(parts[1], 1, 86400, seconds);
              };
    auto bad = [&result](const QString &option, const QString &value, const QString &expected) {
        //: %1 option name, %2 the value given, %3 what is expected
        result.error = QCoreApplication::translate("CommandLine",
                                                   "Invalid value for --%1: '%2' (expected %3)")
                               .arg(option, value, expected);
        return result;
    };
    // An integer option within [min, max], or result.error saying what was expected.
    auto integer = [&](const QCommandLineOption &option, qint64 min, qint64 max,
                       const QString &expected, qint64 *out) {
        if (parseInteger(parser.value(option), min, max, out))
            return true;
        bad(option.names().constFirst(), parser.value(option), expected);
        return false;
    };
    result.headless = parser.isSet(headless);
    {
        const QStringList names = parser.optionNames();
        for (const QString &name : names)
            result.given.insert(name == u"password-file" ? QStringLiteral("password") : name);
    }
    qint64 v = 0;
    if (!integer(port, 0, 65535,
                 QCoreApplication::translate("CommandLine", "a port from 0 to 65535"), &v))
        return result;
    result.host.port = quint16(v);
    if (parser.isSet(bind)) {
        QHostAddress address;
        if (!address.setAddress(parser.value(bind)))
            return bad(bind.names().constFirst(), parser.value(bind),
                       QCoreApplication::translate("CommandLine", "an IPv4 or IPv6 address"));
        result.host.bindAddress = address;
    }
    if (!integer(pingInterval, 1, 3600000,
                 QCoreApplication::translate("CommandLine", "milliseconds from 1 to 3600000"), &v))
        return result;
    result.host.engine.pingInterval = int(v);
    if (!integer(pingTimeout, 1, 3600000,
                 QCoreApplication::translate("CommandLine", "milliseconds from 1 to 3600000"), &v))
        return result;
    result.host.engine.pingTimeout = int(v);
    if (!integer(maxPayload, 1024, qint64(1) << 30,
                 QCoreApplication::translate("CommandLine", "bytes from 1024 to 1073741824"), &v))
        return result;
    result.host.engine.maxPayload = v;
    if (parser.isSet(webRoot)) {
        const QDir dir(parser.value(webRoot));
        if (!dir.exists())
            return bad(webRoot.names().constFirst(), parser.value(webRoot),
                       QCoreApplication::translate("CommandLine", "an existing folder"));
        result.host.webRoot = dir.absolutePath();
    }
    const QString host = parser.value(hostName).trimmed();
    if (host.isEmpty() || host.size() > 32)
        return bad(hostName.names().constFirst(), parser.value(hostName),
                   QCoreApplication::translate("CommandLine", "a name of 1 to 32 characters"));
    result.chat.hostName = host;
    result.chat.roomTitle = parser.value(roomTitle).trimmed().left(100);
    if (!integer(maxLength, 1, 100000,
                 QCoreApplication::translate("CommandLine", "characters from 1 to 100000"), &v))
        return result;
    result.chat.maxMessageLength = int(v);
    {
        const QStringList parts = parser.value(rate).split(u'/');
        qint64 count = 0;
        qint64 seconds = 0;
        if (parts.size() != 2 || !parseInteger(parts[0], 0, 100000, &count)
            || !parseInteger(parts[1], 1, 86400, &seconds))
            return bad(rate.names().constFirst(), parser.value(rate),
                       QCoreApplication::translate("CommandLine", "COUNT/SECONDS, e.g. 5/5"));
        result.chat.rateCount = int(count);
        result.chat.ratePeriodMs = seconds * 1000;
    }
    if (parser.isSet(ratePerAddress)) {
        qint64 count = 0;
        qint64 seconds = 0;
        if (!countPerSeconds(ratePerAddress, &count, &seconds))
            return bad(ratePerAddress.names().constFirst(), parser.value(ratePerAddress),
                       QCoreApplication::translate("CommandLine", "COUNT/SECONDS, e.g. 5/5"));
        result.chat.addressRateCount = int(count);
        result.chat.addressRatePeriodMs = seconds * 1000;
    }
    if (!integer(history, 0, 10000,
                 QCoreApplication::translate("CommandLine", "a count from 0 to 10000"), &v))
        return result;
    result.chat.historyOnJoin = int(v);
    if (parser.isSet(password) && parser.isSet(passwordFile)) {
        result.error = QCoreApplication::translate(
                "CommandLine", "Give either --password or --password-file, not both.");
        return result;
    }
    if (parser.isSet(password))
        result.chat.password = parser.value(password);
    if (parser.isSet(passwordFile)) {
        QFile file(parser.value(passwordFile));
        if (!file.open(QIODevice::ReadOnly))
            return bad(passwordFile.names().constFirst(), parser.value(passwordFile),
                       QCoreApplication::translate("CommandLine", "a readable file"));
        result.chat.password = QString::fromUtf8(file.readLine()).trimmed();
        if (result.chat.password.isEmpty())
            return bad(passwordFile.names().constFirst(), parser.value(passwordFile),
                       QCoreApplication::translate("CommandLine",
                                                   "a file whose first line is the password"));
    }
    if (!integer(maxConnections, 1, 1000000,
                 QCoreApplication::translate("CommandLine", "a count from 1 to 1000000"), &v))
        return result;
    result.host.limits.maxConnections = int(v);
    if (!integer(maxPerAddress, 1, 1000000,
                 QCoreApplication::translate("CommandLine", "a count from 1 to 1000000"), &v))
        return result;
    result.host.limits.maxPerAddress = int(v);
    result.chat.maxPeoplePerAddress = int(v);
    {
        qint64 count = 0;
        qint64 seconds = 0;
        if (!countPerSeconds(connectRate, &count, &seconds))
            return bad(connectRate.names().constFirst(), parser.value(connectRate),
                       QCoreApplication::translate("CommandLine", "COUNT/SECONDS, e.g. 5/5"));
        result.host.limits.newPerAddress = int(count);
        result.host.limits.newPerAddressPeriodMs = int(seconds * 1000);
    }
    if (!integer(headerTimeout, 100, 600000,
                 QCoreApplication::translate("CommandLine", "milliseconds from 100 to 600000"), &v))
        return result;
    result.host.limits.headerTimeoutMs = int(v);
    if (!integer(idleTimeout, 100, 3600000,
                 QCoreApplication::translate("CommandLine", "milliseconds from 100 to 3600000"),
                 &v))
        return result;
    result.host.limits.idleTimeoutMs = int(v);
    if (!integer(sendTimeout, 100, 3600000,
                 QCoreApplication::translate("CommandLine", "milliseconds from 100 to 3600000"),
                 &v))
        return result;
    result.host.limits.sendTimeoutMs = int(v);
    const QStringList origins = parser.values(allowOrigin);
    for (const QString &origin : origins) {
        if (origin != u"*" && Http::normalizedOrigin(origin).isEmpty())
            return bad(allowOrigin.names().constFirst(), origin,
                       QCoreApplication::translate("CommandLine",
                                                   "an origin such as http://host:port, or *"));
        result.host.allowedOrigins.append(origin);
    }
    result.dataDir = parser.value(dataDir);
    result.language = parser.value(lang);
    return result;
}

} // namespace ChatHost
