// See resolveoptions.h.
#include "appsupport/resolveoptions.h"

#include "appsupport/optiontable.h"

namespace ChatHost {

QStringList mergedOptionNames()
{
    QStringList names;
    for (const OptionSpec &o : optionTable()) {
        if (o.merge && !names.contains(o.mergeName()))
            names.append(o.mergeName());
    }
    return names;
}

ResolvedOptions resolveOptions(const OptionLayer &defaults, const OptionLayer &savedSettings,
                               const OptionLayer &commandLine)
{
    ResolvedOptions result = defaults;
    for (const OptionSpec &o : optionTable()) {
        if (!o.merge)
            continue;
        const QString name = o.mergeName();
        if (commandLine.given.contains(name))
            o.merge(result, commandLine);
        else if (savedSettings.given.contains(name))
            o.merge(result, savedSettings);
    }
    return result;
}

} // namespace ChatHost
