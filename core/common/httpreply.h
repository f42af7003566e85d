// Writing a complete HTTP response through Qt's responder with a header list built at run time
// (QHttpServerResponder's own overloads only take initializer lists).
#pragma once

#include <QByteArray>
#include <QHttpServerResponder>
#include <QList>
#include <QPair>

namespace ChatHost {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// headOnly: write the headers (Content-Length included) but no body, as HEAD requires. A 304 gets
// no body and no Content-Length.
void writeReply(QHttpServerResponder &responder, int status, const HeaderList &headers,
                const QByteArray &body, bool headOnly = false);

} // namespace ChatHost
