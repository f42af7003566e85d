// Static content served over HTTP: the embedded Socket.IO client, the built-in chat page or a
// folder of the user's own (--web-root). Safe against paths that leave the root.
#pragma once

#include <QByteArray>
#include <QHash>
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
    // Answers GET/HEAD for files under the root (and the bundled client); false if the path is
    // not ours (the caller answers 404).
    bool serve(const QHttpServerRequest &request, QHttpServerResponder &responder) const;

    // True for the paths of the bundled Socket.IO client (/socket.io/socket.io.js, ...).
    static bool isClientFile(const QString &urlPath);
    static QByteArray mimeTypeFor(const QString &fileName);
    // Maps a URL path to a file under root; nullopt if it escapes the root or is malformed.
    static std::optional<QString> resolve(const QString &root, const QString &urlPath);

private:
    struct File
    {
        QByteArray content;
        QByteArray mimeType;
        QByteArray etag;
    };
    std::optional<File> load(const QString &path) const;

    QString m_root;
    mutable QHash<QString, File> m_cache; // resource files never change while running
};

} // namespace ChatHost::Http
