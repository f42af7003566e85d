// See commandline.h.
#include "appsupport/commandline.h"

#include "appsupport/optiontable.h"

#include <QCoreApplication>

namespace ChatHost {

namespace {

void declareOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QCoreApplication::translate(
            "CommandLine",
            "Host a chat on the local network: people open the shown address in a browser."));
    parser.addHelpOption();
    parser.addVersionOption();
    for (const OptionSpec &o : optionTable()) {
        if (!o.onCommandLine)
            continue;
        parser.addOption(o.valueName ? QCommandLineOption(QLatin1String(o.name), optionHelp(o),
                                                          QLatin1String(o.valueName))
                                     : QCommandLineOption(QLatin1String(o.name), optionHelp(o)));
    }
}

// Checks and applies every value the command line gave for o; false with result->error set.
bool applyOption(const QCommandLineParser &parser, const OptionSpec &o, CommandLine *result)
{
    const QString name = QLatin1String(o.name);
    if (!parser.isSet(name))
        return true;
    const QStringList values = o.valueName ? parser.values(name) : QStringList{QString()};
    for (const QString &value : values) {
        if (o.valueName && !optionValueFits(o, value)) {
            result->error = optionValueError(o, value);
            return false;
        }
        o.set(*result, value);
    }
    result->given.insert(o.mergeName());
    return true;
}

} // namespace

CommandLine parseCommandLine(QCommandLineParser &parser, const QStringList &arguments)
{
    CommandLine result;
    declareOptions(parser);
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
    if (parser.isSet(QStringLiteral("password")) && parser.isSet(QStringLiteral("password-file"))) {
        result.error = QCoreApplication::translate(
                "CommandLine", "Give either --password or --password-file, not both.");
        return result;
    }
    for (const OptionSpec &o : optionTable()) {
        if (o.onCommandLine && !applyOption(parser, o, &result))
            return result;
    }
    return result;
}

} // namespace ChatHost
