// See resolveoptions.h.
#include "appsupport/resolveoptions.h"

#include <functional>

namespace ChatHost {

namespace {

struct MergedOption
{
    const char *name;
    // Copies this option's value from one layer into the result.
    std::function<void(ResolvedOptions &to, const OptionLayer &from)> copy;
};

const QList<MergedOption> &mergedOptions()
{
    // clang-format off
    static const QList<MergedOption> table = {
        {"port", [](ResolvedOptions &t, const OptionLayer &f) { t.host.port = f.host.port; }},
        {"bind", [](ResolvedOptions &t, const OptionLayer &f) { t.host.bindAddress = f.host.bindAddress; }},
        {"ping-interval", [](ResolvedOptions &t, const OptionLayer &f) { t.host.engine.pingInterval = f.host.engine.pingInterval; }},
        {"ping-timeout", [](ResolvedOptions &t, const OptionLayer &f) { t.host.engine.pingTimeout = f.host.engine.pingTimeout; }},
        {"max-payload", [](ResolvedOptions &t, const OptionLayer &f) { t.host.engine.maxPayload = f.host.engine.maxPayload; }},
        {"web-root", [](ResolvedOptions &t, const OptionLayer &f) { t.host.webRoot = f.host.webRoot; }},
        {"allow-origin", [](ResolvedOptions &t, const OptionLayer &f) { t.host.allowedOrigins = f.host.allowedOrigins; }},
        {"max-connections", [](ResolvedOptions &t, const OptionLayer &f) { t.host.limits.maxConnections = f.host.limits.maxConnections; }},
        {"max-per-address", [](ResolvedOptions &t, const OptionLayer &f) { t.host.limits.maxPerAddress = f.host.limits.maxPerAddress; t.chat.maxPeoplePerAddress = f.chat.maxPeoplePerAddress; }},
        {"connect-rate-per-address", [](ResolvedOptions &t, const OptionLayer &f) { t.host.limits.newPerAddress = f.host.limits.newPerAddress; t.host.limits.newPerAddressPeriodMs = f.host.limits.newPerAddressPeriodMs; }},
        {"header-timeout", [](ResolvedOptions &t, const OptionLayer &f) { t.host.limits.headerTimeoutMs = f.host.limits.headerTimeoutMs; }},
        {"idle-timeout", [](ResolvedOptions &t, const OptionLayer &f) { t.host.limits.idleTimeoutMs = f.host.limits.idleTimeoutMs; }},
        {"send-timeout", [](ResolvedOptions &t, const OptionLayer &f) { t.host.limits.sendTimeoutMs = f.host.limits.sendTimeoutMs; }},
        {"host-name", [](ResolvedOptions &t, const OptionLayer &f) { t.chat.hostName = f.chat.hostName; }},
        {"title", [](ResolvedOptions &t, const OptionLayer &f) { t.chat.roomTitle = f.chat.roomTitle; }},
        {"max-length", [](ResolvedOptions &t, const OptionLayer &f) { t.chat.maxMessageLength = f.chat.maxMessageLength; }},
        {"rate", [](ResolvedOptions &t, const OptionLayer &f) { t.chat.rateCount = f.chat.rateCount; t.chat.ratePeriodMs = f.chat.ratePeriodMs; }},
        {"rate-per-address", [](ResolvedOptions &t, const OptionLayer &f) { t.chat.addressRateCount = f.chat.addressRateCount; t.chat.addressRatePeriodMs = f.chat.addressRatePeriodMs; }},
        {"history", [](ResolvedOptions &t, const OptionLayer &f) { t.chat.historyOnJoin = f.chat.historyOnJoin; }},
        // --password and --password-file both set it; the parser records either as "password".
        {"password", [](ResolvedOptions &t, const OptionLayer &f) { t.chat.password = f.chat.password; }},
        {"max-people", [](ResolvedOptions &t, const OptionLayer &f) { t.chat.maxPeople = f.chat.maxPeople; }},
        {"filter", [](ResolvedOptions &t, const OptionLayer &f) { t.chat.filterWords = f.chat.filterWords; t.chat.filterMode = f.chat.filterMode; }},
    };
    // clang-format on
    return table;
}

} // namespace

QStringList mergedOptionNames()
{
    QStringList names;
    for (const MergedOption &o : mergedOptions())
        names.append(QLatin1String(o.name));
    return names;
}

ResolvedOptions resolveOptions(const OptionLayer &defaults, const OptionLayer &savedSettings,
                               const OptionLayer &commandLine)
{
    ResolvedOptions result{defaults.host, defaults.chat};
    for (const MergedOption &o : mergedOptions()) {
        const QString name = QLatin1String(o.name);
        if (commandLine.given.contains(name))
            o.copy(result, commandLine);
        else if (savedSettings.given.contains(name))
            o.copy(result, savedSettings);
    }
    return result;
}

} // namespace ChatHost
