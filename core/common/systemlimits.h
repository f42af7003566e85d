// Process limits a server for thousands of clients needs raised.
#pragma once

#include <QString>

namespace ChatHost {

// Raises the soft open-file limit to the hard limit (Qt does not; past ~1000 sockets new
// connections would stall). Returns the limit now in force, or -1 if it could not be read.
long raiseOpenFileLimit(QString *error = nullptr);

} // namespace ChatHost
