// ChatHost's command line, parsed into settings (kept out of main() so it can be table-tested).
// The options themselves are the rows of optiontable.h.
#pragma once

#include "appsupport/resolveoptions.h"

#include <QCommandLineParser>
#include <QSet>
#include <QString>
#include <QStringList>

namespace ChatHost {

// The options' defaults (the option structs' initialisers), with what the command line gave.
struct CommandLine : ResolvedOptions
{
    bool headless = false;
    QString dataDir; // empty: the user's data directory
    QString language; // empty: the system locale
    bool exitNow = false; // --help or --version was handled
    QString error; // a bad option: print it and exit non-zero
    // The options given on the command line, by name (--password-file counts as "password"):
    // they win over saved settings (see resolveoptions.h).
    QSet<QString> given;

    // This command line as a layer for resolveOptions().
    OptionLayer layer() const { return {{host, chat}, given}; }
};

// Declares every option of the table on parser (so --help lists them) and parses arguments.
CommandLine parseCommandLine(QCommandLineParser &parser, const QStringList &arguments);

} // namespace ChatHost
