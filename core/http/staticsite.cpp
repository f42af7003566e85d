// Static files: the bundled client and the chat page, with types, caching and HEAD.
#include "http/staticsite.h"

#include "common/httpliterals.h"
#include "common/httpreply.h"
#include "common/logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHttpServerRequest>
#include <QHttpServerResponder>

namespace ChatHost::Http {

using namespace HttpLiterals;

namespace {

const QString kClientPrefix = QStringLiteral("/socket.io/");
const QString kClientResources = QStringLiteral(":/chathost/client/");
const QStringList kClientFiles
        = {QStringLiteral("socket.io.js"), QStringLiteral("socket.io.min.js"),
           QStringLiteral("socket.io.js.map"), QStringLiteral("socket.io.min.js.map")};

} // namespace

bool StaticSite::isClientFile(const QString &urlPath)
{
    return urlPath.startsWith(kClientPrefix)
            && kClientFiles.contains(urlPath.mid(kClientPrefix.size()));
}

StaticSite::StaticSite(QString root)
    : m_root(std::move(root))
{
    if (m_root.endsWith(u'/') && m_root.size() > 1)
        m_root.chop(1);
}

QByteArray StaticSite::mimeTypeFor(const QString &fileName)
{
    static const QHash<QString, QByteArray> types = {
            {QStringLiteral("html"), QByteArrayLiteral("text/html; charset=utf-8")},
            {QStringLiteral("htm"), QByteArrayLiteral("text/html; charset=utf-8")},
            // RFC 9239's type; module scripts (the built-in page) need a JavaScript type.
            {QStringLiteral("js"), QByteArrayLiteral("text/javascript; charset=utf-8")},
            {QStringLiteral("mjs"), QByteArrayLiteral("text/javascript; charset=utf-8")},
            {QStringLiteral("css"), QByteArrayLiteral("text/css; charset=utf-8")},
            {QStringLiteral("json"), applicationJsonUtf8()},
            {QStringLiteral("map"), applicationJsonUtf8()},
            {QStringLiteral("txt"), textPlainUtf8()},
            {QStringLiteral("svg"), QByteArrayLiteral("image/svg+xml")},
            {QStringLiteral("png"), QByteArrayLiteral("image/png")},
            {QStringLiteral("jpg"), QByteArrayLiteral("image/jpeg")},
            {QStringLiteral("jpeg"), QByteArrayLiteral("image/jpeg")},
            {QStringLiteral("gif"), QByteArrayLiteral("image/gif")},
            {QStringLiteral("webp"), QByteArrayLiteral("image/webp")},
            {QStringLiteral("ico"), QByteArrayLiteral("image/x-icon")},
            {QStringLiteral("woff2"), QByteArrayLiteral("font/woff2")},
            {QStringLiteral("webmanifest"), QByteArrayLiteral("application/manifest+json")},
    };
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    return types.value(suffix, applicationOctetStream());
}

std::optional<QString> StaticSite::resolve(const QString &root, const QString &urlPath)
{
    if (!urlPath.startsWith(u'/') || urlPath.contains(QChar(0)) || urlPath.contains(u'\\'))
        return std::nullopt;
    const QStringList segments = urlPath.split(u'/', Qt::SkipEmptyParts);
    for (const QString &s : segments) {
        if (s == u".." || s == u".")
            return std::nullopt;
    }
    QString relative = segments.join(u'/');
    if (relative.isEmpty() || urlPath.endsWith(u'/'))
        relative = relative.isEmpty() ? QStringLiteral("index.html")
                                      : relative + QStringLiteral("/index.html");
    const QString path = QDir::cleanPath(root + u'/' + relative);
    if (!path.startsWith(root + u'/'))
        return std::nullopt;
    return path;
}

std::optional<StaticSite::File> StaticSite::load(const QString &path) const
{
    const bool isResource = path.startsWith(u':');
    if (isResource) {
        auto cached = m_cache.constFind(path);
        if (cached != m_cache.constEnd())
            return *cached;
    }
    QFileInfo info(path);
    if (info.isDir()) {
        return load(path + QStringLiteral("/index.html"));
    }
    QFile file(path);
    if (!info.isFile() || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    File f;
    f.content = file.readAll();
    f.mimeType = mimeTypeFor(path);
    f.etag = '"' + QCryptographicHash::hash(f.content, QCryptographicHash::Sha1).toHex().left(20)
            + '"';
    if (isResource)
        m_cache.insert(path, f);
    return f;
}

bool StaticSite::serve(const QHttpServerRequest &request, QHttpServerResponder &responder) const
{
    const QString urlPath = request.url().path();
    std::optional<QString> path;
    bool isClient = false;
    if (isClientFile(urlPath)) {
        path = kClientResources + urlPath.mid(kClientPrefix.size());
        isClient = true;
    } else {
        path = resolve(m_root, urlPath);
    }
    if (!path)
        return false;
    const auto method = request.method();
    const bool isHead = method == QHttpServerRequest::Method::Head;
    if (method != QHttpServerRequest::Method::Get && !isHead) {
        writeReply(responder, Status::MethodNotAllowed,
                   {{allowHeader(), QByteArrayLiteral("GET, HEAD")},
                    {contentTypeHeader(), textPlainUtf8()}},
                   QByteArrayLiteral("Method Not Allowed"));
        return true;
    }
    const std::optional<File> file = load(*path);
    if (!file)
        return false;
    HeaderList headers = {
            {contentTypeHeader(), file->mimeType},
            {etagHeader(), file->etag},
            {contentTypeOptionsHeader(), nosniffValue()},
            // The client bundle is versioned by the package lock; pages may change between runs.
            {cacheControlHeader(),
             isClient ? QByteArrayLiteral("public, max-age=86400") : QByteArrayLiteral("no-cache")},
    };
    if (m_root.startsWith(u':') && file->mimeType.startsWith("text/html")) {
        // The built-in page needs nothing from elsewhere; pages of the user's own may.
        headers.append({contentSecurityPolicyHeader(),
                        QByteArrayLiteral("default-src 'self'; connect-src 'self' ws: wss:; "
                                          "img-src 'self' data:; object-src 'none'; "
                                          "base-uri 'none'; frame-ancestors 'none'")});
        headers.append({referrerPolicyHeader(), QByteArrayLiteral("no-referrer")});
    }
    if (request.value(ifNoneMatchHeader()) == file->etag) {
        writeReply(responder, Status::NotModified, headers, QByteArray(), true);
        return true;
    }
    writeReply(responder, Status::Ok, headers, file->content, isHead);
    return true;
}

} // namespace ChatHost::Http
