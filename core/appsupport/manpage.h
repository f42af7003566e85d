// The manual page chathost(1) in roff, made from the option table (the same rows as --help), so
// the options are written once. Pure: the build's chathost-manpage tool prints it.
#pragma once

#include <QString>

namespace ChatHost {

// The whole page; program names the executable, version and date go into the title line.
QString optionsManPage(const QString &program, const QString &version, const QString &date);

// text made safe for roff: backslashes, a leading dot or quote, and hyphens as minus signs.
QString roffEscaped(const QString &text);

} // namespace ChatHost
