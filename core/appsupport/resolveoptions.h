// Where each option's value comes from: the command line wins over saved settings, saved
// settings over the defaults, for every option and in both modes (window and --headless).
#pragma once

#include "chat/chatservice.h"
#include "server/hostserver.h"

#include <QSet>
#include <QString>
#include <QStringList>

namespace ChatHost {

// One source of options: the values it holds and which options it really sets (by the
// command-line name, e.g. "port", "title", "password"). A value whose name is not in `given`
// is that source's fallback and never wins.
struct ResolvedOptions
{
    HostOptions host;
    Chat::ChatOptions chat;
};

struct OptionLayer : ResolvedOptions
{
    QSet<QString> given;
};

// Every option resolveOptions() merges, by name: the rows of the option table (optiontable.h)
// that set a host or chat option, including the ones only the settings hold (max-people,
// filter).
QStringList mergedOptionNames();

// For each option: the command line's value if it gave one, else the saved one if the settings
// hold one, else the default. Headless mode passes an empty savedSettings layer.
ResolvedOptions resolveOptions(const OptionLayer &defaults, const OptionLayer &savedSettings,
                               const OptionLayer &commandLine);

} // namespace ChatHost
