// See manpage.h.
#include "appsupport/manpage.h"

#include "appsupport/optiontable.h"

#include <QCoreApplication>

namespace ChatHost {

QString roffEscaped(const QString &text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (c == u'\\')
            out += QStringLiteral("\\e");
        else if (c == u'-')
            out += QStringLiteral("\\-");
        else
            out += c;
    }
    if (out.startsWith(u'.') || out.startsWith(u'\''))
        out.prepend(QStringLiteral("\\&"));
    return out;
}

namespace {

QString optionEntry(const QString &call, const QString &help)
{
    return QStringLiteral(".TP\n") + call + u'\n' + roffEscaped(help) + u'\n';
}

QString upper(const QString &program)
{
    return program.toUpper();
}

} // namespace

QString optionsManPage(const QString &program, const QString &version, const QString &date)
{
    const QString name = roffEscaped(program);
    QString page = QStringLiteral(".TH %1 1 \"%2\" \"%3 %4\" \"User Commands\"\n")
                           .arg(upper(name), date, name, version);
    page += QStringLiteral(".SH NAME\n") + name
            + QStringLiteral(" \\- host a chat on the local network\n");
    page += QStringLiteral(".SH SYNOPSIS\n.B ") + name + QStringLiteral("\n[\\fIoptions\\fR]\n");
    page += QStringLiteral(".SH DESCRIPTION\n")
            + roffEscaped(QCoreApplication::translate(
                    "CommandLine",
                    "Host a chat on the local network: people open the shown address in a "
                    "browser."))
            + u'\n';
    page += QStringLiteral(".SH OPTIONS\n");
    for (const OptionGroup group :
         {OptionGroup::StartUp, OptionGroup::Network, OptionGroup::Room, OptionGroup::Limits}) {
        page += QStringLiteral(".SS ") + roffEscaped(optionGroupTitle(group)) + u'\n';
        for (const OptionSpec &o : optionTable()) {
            if (o.group != group || !o.onCommandLine)
                continue;
            QString call = QStringLiteral("\\fB\\-\\-") + roffEscaped(QLatin1String(o.name))
                    + QStringLiteral("\\fR");
            if (o.valueName)
                call += QStringLiteral(" \\fI") + roffEscaped(QLatin1String(o.valueName))
                        + QStringLiteral("\\fR");
            page += optionEntry(call, optionHelp(o));
        }
    }
    page += QStringLiteral(".SS ")
            + roffEscaped(QCoreApplication::translate("CommandLine", "Other")) + u'\n';
    page += optionEntry(QStringLiteral("\\fB\\-h\\fR, \\fB\\-\\-help\\fR"),
                        QCoreApplication::translate("CommandLine", "This help."));
    page += optionEntry(
            QStringLiteral("\\fB\\-\\-help\\-all\\fR"),
            QCoreApplication::translate("CommandLine", "This help and Qt's own options."));
    page += optionEntry(QStringLiteral("\\fB\\-v\\fR, \\fB\\-\\-version\\fR"),
                        QCoreApplication::translate("CommandLine", "The version."));
    // Fixed text about the installed files: English only, like the rest of a man page here.
    page += QStringLiteral(
            ".SH FILES\n"
            ".TP\n"
            "\\fI~/.local/share/ChatHost/history.sqlite\\fR\n"
            "The history and moderation data of the window (the folder follows "
            "\\fBXDG_DATA_HOME\\fR; \\fB\\-\\-data\\-dir\\fR moves it).\n"
            ".TP\n"
            "\\fI~/.config/ChatHost/ChatHost.conf\\fR\n"
            "The window's saved settings (the folder follows \\fBXDG_CONFIG_HOME\\fR).\n"
            ".TP\n"
            "\\fI/etc/default/chathost\\fR\n"
            "The options of the headless service \\fBchathost.service\\fR "
            "(\\fBCHATHOST_OPTIONS\\fR); its data is kept in \\fI/var/lib/chathost\\fR.\n"
            ".SH EXIT STATUS\n"
            "0 after a clean stop (SIGINT or SIGTERM) or when another window already serves "
            "the same port and data folder (it is brought to the front); 1 when the server "
            "cannot start; 2 for a bad option.\n"
            ".SH SEE ALSO\n"
            "\\fBsystemctl\\fR(1), \\fBjournalctl\\fR(1)\n");
    return page;
}

} // namespace ChatHost
