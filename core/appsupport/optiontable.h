// Every option ChatHost takes, as one table: the command line (parser, --help, validation), the
// saved settings, resolveOptions() and the settings dialog all read it, and so could a man page.
// A default is stated once, in the member initialisers of the option structs (ChatOptions,
// EngineIO::Options, Http::ConnectionLimits, HostOptions); a row only says how to show it.
#pragma once

#include "appsupport/resolveoptions.h"

#include <QList>
#include <QString>
#include <QStringView>

class QSettings;

namespace ChatHost {

struct CommandLine;

// Sections of --help order and of a man page.
enum class OptionGroup { StartUp, Network, Room, Limits };

// What a value looks like, and so how it is checked (see optionExpectation()).
enum class OptionKind {
    Switch, // no value
    Integer, // a whole number within range
    CountPerSeconds, // COUNT/SECONDS, COUNT within range, SECONDS from 1 to kMaxPeriodSeconds
    Text, // any text; when range.max > 0, its trimmed length within range
    CutText, // any text, trimmed and cut to range.max characters
    Address, // an IPv4 or IPv6 address
    Folder, // an existing folder
    File, // a readable file whose first line is not empty
    Origin, // a web origin or *, repeatable
};

struct OptionRange
{
    qint64 min = 0;
    qint64 max = 0;
};

struct OptionSpec
{
    // Shows the default (translated; empty: no default worth stating) from the default options.
    using DefaultText = QString (*)(const ResolvedOptions &defaults);
    // Puts a value that passed the kind's check into the command line's result.
    using Set = void (*)(CommandLine &to, const QString &value);
    // Copies this option's value from one layer to another (resolveOptions()).
    using Merge = void (*)(ResolvedOptions &to, const ResolvedOptions &from);
    // Reads the saved value into `to` (clamped to range); true when the settings hold one.
    using Load = bool (*)(const QSettings &from, ResolvedOptions &to, const OptionRange &range);
    using Save = void (*)(QSettings &to, const ResolvedOptions &from);

    OptionSpec(const char *optionName, const char *valueNameText, const char *helpText,
               OptionGroup optionGroup, OptionKind optionKind, OptionRange optionRange = {})
        : name(optionName)
        , valueName(valueNameText)
        , help(helpText)
        , group(optionGroup)
        , kind(optionKind)
        , range(optionRange)
    { }
    OptionSpec withDefault(DefaultText f) const
    {
        OptionSpec o = *this;
        o.defaultText = f;
        return o;
    }
    // givenAs: the name in OptionLayer::given (nullptr: this option's own name).
    OptionSpec withTarget(Set s, Merge m, const char *givenAs = nullptr) const
    {
        OptionSpec o = *this;
        o.set = s;
        o.merge = m;
        o.mergedAs = givenAs;
        return o;
    }
    OptionSpec withSetting(Load l, Save s) const
    {
        OptionSpec o = *this;
        o.load = l;
        o.save = s;
        return o;
    }
    // Not on the command line: held by the saved settings only.
    OptionSpec settingOnly() const
    {
        OptionSpec o = *this;
        o.onCommandLine = false;
        return o;
    }

    const char *name; // the long option name, without "--"
    const char *valueName; // e.g. "N"; nullptr for a switch
    const char *help; // source text in the "CommandLine" context, without the default
    OptionGroup group;
    OptionKind kind;
    OptionRange range;
    DefaultText defaultText = nullptr;
    Set set = nullptr;
    Merge merge = nullptr; // nullptr: steers the start-up only, never merged
    const char *mergedAs = nullptr;
    Load load = nullptr; // nullptr: not saved
    Save save = nullptr;
    bool onCommandLine = true;

    QString mergeName() const { return QLatin1String(mergedAs ? mergedAs : name); }
};

inline constexpr qint64 kMaxPeriodSeconds = 86400; // the SECONDS of COUNT/SECONDS

// All rows, in --help order (grouped).
const QList<OptionSpec> &optionTable();
// The row called name; nullptr if there is none.
const OptionSpec *findOption(QStringView name);
// The range of the row called name (the settings dialog's spin boxes).
OptionRange optionRange(QStringView name);

// The translated help of a row, ending with its default ("Default: 3000.") when it has one.
QString optionHelp(const OptionSpec &option);
// The translated default of a row as text (empty: none stated).
QString optionDefault(const OptionSpec &option);
// The translated title of a group (for a man page's sections).
QString optionGroupTitle(OptionGroup group);
// Whether value fits the row's kind and range.
bool optionValueFits(const OptionSpec &option, const QString &value);
// The command-line rows as --help prints them (and the README shows them): a section per group,
// "  --name VALUE  help", wrapped to width columns; program names the executable.
QString optionsHelpText(const QString &program, int width = 100);

// What the row's kind and range expect, translated ("between 0 and 65535").
QString optionExpectation(const OptionSpec &option);
// "--port must be between 0 and 65535, not '70000'.", translated.
QString optionValueError(const OptionSpec &option, const QString &value);

} // namespace ChatHost
