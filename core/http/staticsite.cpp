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
// Build-time compressed copies of resource files: :/chathost/encoded/<path>.gz / .br.
const QString kEncodedResources = QStringLiteral(":/chathost/encoded/");
const QString kVersionResource = QStringLiteral(":/chathost/site/version");
const QString kVersionedPrefix = QStringLiteral("/v/");
const QString kVersionedClient = QStringLiteral("/socket.io.min.js");

QByteArray etagOf(const QByteArray &content)
{
    return '"' + QCryptographicHash::hash(content, QCryptographicHash::Sha1).toHex().left(20) + '"';
}
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
    if (m_root.startsWith(u':')) {
        QFile file(kVersionResource);
        if (file.open(QIODevice::ReadOnly))
            m_version = QString::fromLatin1(file.readAll().trimmed());
    }
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
    f.mimeType = mimeTypeFor(path);
    Representation identity;
    identity.content = file.readAll();
    identity.etag = etagOf(identity.content);
    if (isResource) {
        using ContentCoding::Coding;
        for (const auto &[coding, suffix] :
             {std::pair{Coding::Brotli, ".br"}, std::pair{Coding::Gzip, ".gz"}}) {
            QFile encoded(kEncodedResources + path.mid(2) + QLatin1String(suffix));
            if (!encoded.open(QIODevice::ReadOnly))
                continue;
            Representation r{coding, encoded.readAll(), {}};
            if (r.content.size() >= identity.content.size())
                continue; // not worth it for tiny files
            r.etag = etagOf(r.content);
            f.representations.append(r);
        }
    }
    f.representations.append(identity);
    if (isResource)
        m_cache.insert(path, f);
    return f;
}

bool StaticSite::serve(const QHttpServerRequest &request, QHttpServerResponder &responder) const
{
    const QString urlPath = request.url().path();
    std::optional<QString> path;
    bool isClient = false;
    bool versioned = false;
    if (isClientFile(urlPath)) {
        path = kClientResources + urlPath.mid(kClientPrefix.size());
        isClient = true;
    } else if (!m_version.isEmpty() && urlPath.startsWith(kVersionedPrefix)) {
        // /v/<version>/<asset>: only the current version; the page itself is never versioned.
        const qsizetype slash = urlPath.indexOf(u'/', kVersionedPrefix.size());
        if (slash < 0
            || QStringView(urlPath).sliced(kVersionedPrefix.size(), slash - kVersionedPrefix.size())
                    != m_version)
            return false;
        const QString rest = urlPath.mid(slash);
        versioned = true;
        if (rest == kVersionedClient)
            path = kClientResources + rest.mid(1);
        else
            path = resolve(m_root, rest);
        if (path && path->endsWith(QStringLiteral("/index.html")))
            return false;
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

    QByteArray acceptEncoding;
    bool hasAcceptEncoding = false;
    for (const auto &h : request.headers()) {
        if (h.first.compare(acceptEncodingHeader(), Qt::CaseInsensitive) == 0) {
            if (hasAcceptEncoding)
                acceptEncoding += ',';
            acceptEncoding += h.second;
            hasAcceptEncoding = true;
        }
    }
    QList<ContentCoding::Coding> available;
    for (const Representation &r : file->representations)
        available.append(r.coding);
    const std::optional<ContentCoding::Coding> chosen = ContentCoding::choose(
            ContentCoding::parseAcceptEncoding(acceptEncoding, hasAcceptEncoding), available);

    QByteArray cacheControl = QByteArrayLiteral("no-cache");
    if (versioned)
        cacheControl = QByteArrayLiteral("public, max-age=31536000, immutable");
    else if (isClient) // versioned by the package lock, but under a fixed name
        cacheControl = QByteArrayLiteral("public, max-age=86400");
    HeaderList headers = {
            {contentTypeHeader(), file->mimeType},
            {contentTypeOptionsHeader(), nosniffValue()},
            {cacheControlHeader(), cacheControl},
    };
    if (file->representations.size() > 1)
        headers.append({varyHeader(), acceptEncodingHeader()});
    if (!chosen) {
        headers[0].second = textPlainUtf8();
        writeReply(responder, Status::NotAcceptable, headers,
                   QByteArrayLiteral("Not Acceptable: no acceptable content coding"), isHead);
        return true;
    }
    const Representation *representation = &file->representations.constLast();
    for (const Representation &r : file->representations) {
        if (r.coding == *chosen)
            representation = &r;
    }
    headers.append({etagHeader(), representation->etag});
    if (ContentCoding::etagMatches(request.value(ifNoneMatchHeader()), representation->etag)) {
        // Only what a cache updates its stored response with (RFC 9110 15.4.5: Cache-Control,
        // ETag, Vary); the type, nosniff and the page's policies stay those of the stored 200.
        // Every reload of the page is one of these.
        HeaderList notModified;
        for (const auto &h : std::as_const(headers)) {
            if (h.first == cacheControlHeader() || h.first == varyHeader()
                || h.first == etagHeader())
                notModified.append(h);
        }
        writeReply(responder, Status::NotModified, notModified, QByteArray(), true);
        return true;
    }
    if (m_root.startsWith(u':') && file->mimeType.startsWith("text/html")) {
        // The built-in page needs nothing from elsewhere; pages of the user's own may.
        headers.append({contentSecurityPolicyHeader(),
                        QByteArrayLiteral("default-src 'self'; connect-src 'self' ws: wss:; "
                                          "img-src 'self' data:; object-src 'none'; "
                                          "base-uri 'none'; frame-ancestors 'none'")});
        headers.append({referrerPolicyHeader(), QByteArrayLiteral("no-referrer")});
    }
    if (representation->coding != ContentCoding::Coding::Identity)
        headers.append({contentEncodingHeader(), ContentCoding::token(representation->coding)});
    writeReply(responder, Status::Ok, headers, representation->content, isHead);
    return true;
}

} // namespace ChatHost::Http
