// Static content served over HTTP: the embedded Socket.IO client, the built-in chat page or a
// folder of the user's own (--web-root). Safe against paths that leave the root. The built-in
// files come with build-time gzip/brotli copies (sent when Accept-Encoding allows, with Vary and
// an ETag per representation); the page refers to its assets under /v/<version>/, cached for a
// year, while the page itself is revalidated.
#pragma once

#include "http/contentcoding.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

class QHttpServerRequest;
class QHttpServerResponder;

namespace ChatHost::Http {

class StaticSite
{
public:
    // root: a folder on disk or a resource prefix such as ":/chathost/web".
    explicit StaticSite(QString root = QStringLiteral(":/chathost/web"));

    QString root() const { return m_root; }
    // The content hash the built-in page's asset URLs carry (/v/<version>/...); empty for a
    // folder of the user's own.
    QString version() const { return m_version; }
    // Answers GET/HEAD for files under the root (and the bundled client); false if the path is
    // not ours (the caller answers 404).
    bool serve(const QHttpServerRequest &request, QHttpServerResponder &responder) const;

    // True for the paths of the bundled Socket.IO client (/socket.io/socket.io.js, ...).
    static bool isClientFile(const QString &urlPath);
    static QByteArray mimeTypeFor(const QString &fileName);
    // Maps a URL path to a file under root; nullopt if it escapes the root or is malformed.
    static std::optional<QString> resolve(const QString &root, const QString &urlPath);

private:
    struct Representation
    {
        ContentCoding::Coding coding = ContentCoding::Coding::Identity;
        QByteArray content;
        QByteArray etag; // strong, from the bytes of this representation
    };
    struct File
    {
        QByteArray mimeType;
        QList<Representation> representations; // the server's order, identity last
    };
    std::optional<File> load(const QString &path) const;

    QString m_root;
    QString m_version;
    mutable QHash<QString, File> m_cache; // resource files never change while running
};

} // namespace ChatHost::Http
