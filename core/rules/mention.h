// Mentions: whether a message names someone as @name. Case-insensitive; the name must stand
// alone: after "@" at the start or after a character that is not a letter or digit (so an email
// address is no mention), and followed by the end, a space or punctuation (so "@Bossy" does not
// mention "Boss"). Names may hold spaces ("@Big Boss"). Pure, for the host's window (and any
// reader that wants the same rule).
#pragma once

#include <QStringView>

namespace ChatHost::Rules {

bool mentions(QStringView text, QStringView name);

} // namespace ChatHost::Rules
