// ChatHost's command line, parsed into settings (kept out of main() so it can be table-tested).
#pragma once

#include "chat/chatservice.h"
#include "hosting/hostserver.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace ChatHost {

struct CommandLine
{
    HostOptions host;
    Chat::ChatOptions chat;
    bool headless = false;
    QString dataDir; // empty: the user's data directory
    QString language; // empty: the system locale
    bool exitNow = false; // --help or --version was handled
    QString error; // a bad option: print it and exit non-zero
    QStringList
            explicitOptions; // the options given on the command line (they win over saved settings)
};

// Declares every option on parser (so --help lists them) and parses arguments.
CommandLine parseCommandLine(QCommandLineParser &parser, const QStringList &arguments);

} // namespace ChatHost
