// See filesharing.h.
#include "appsupport/filesharing.h"

#include "chat/chatservice.h"
#include "chat/historystore.h"
#include "common/httpliterals.h"
#include "common/logging.h"
#include "files/byterange.h"
#include "files/filename.h"
#include "files/filetype.h"
#include "files/uploadhead.h"
#include "server/hostserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSaveFile>
#include <QUrlQuery>

namespace ChatHost {

using Chat::ChatOptions;
using Json::JsonValue;
namespace Status = HttpLiterals::Status;

namespace {

const QByteArray kJson = QByteArrayLiteral("application/json");

// Every answer of the file routes: never sniffed, never framed, never run as a page.
Http::StreamHeaders safetyHeaders()
{
    return {{QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")},
            {QByteArrayLiteral("Content-Security-Policy"),
             QByteArrayLiteral("sandbox; default-src 'none'")},
            {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")}};
}

Http::StreamAnswer jsonAnswer(int status, const JsonValue &body)
{
    Http::StreamAnswer a;
    a.status = status;
    a.headers = safetyHeaders();
    a.headers.append({HttpLiterals::contentTypeHeader(), kJson});
    a.body = body.toJson().toUtf8();
    return a;
}

Http::StreamAnswer refusal(int status, const QString &code, const QString &message,
                           qint64 retryAfterMs = -1)
{
    Http::StreamAnswer a
            = jsonAnswer(status,
                         JsonValue(JsonValue::Object{{QStringLiteral("error"), code},
                                                     {QStringLiteral("message"), message}}));
    if (retryAfterMs >= 0)
        a.headers.append({HttpLiterals::retryAfterHeader(),
                          QByteArray::number(qMax<qint64>(1, (retryAfterMs + 999) / 1000))});
    return a;
}

Http::StreamStart answerNow(Http::StreamAnswer answer)
{
    Http::StreamStart s;
    s.answer = std::move(answer);
    return s;
}

// The status a chat refusal of an upload gets.
int statusOf(const Chat::Refusal &r)
{
    if (r.code == u"rate-limited" || r.code == u"address-rate-limited" || r.code == u"slow-mode"
        || r.code == u"upload-rate-limited")
        return Status::TooManyRequests;
    if (r.code == u"no-token")
        return Status::Unauthorized;
    if (r.code == u"no-such-person" || r.code == u"no-such-message" || r.code == u"bad-request")
        return Status::BadRequest;
    return Status::Forbidden;
}

} // namespace

// Where one upload's body goes: the store's Upload, finished on the pool.
class FileSharing::Sink final : public Http::StreamSink
{
public:
    struct Request
    {
        QByteArray token;
        QString name;
        QString caption;
        qint64 replyTo = 0;
        QString to;
    };

    Sink(FileSharing *owner, std::unique_ptr<FileStorage::Upload> upload, Request request)
        : m_owner(owner)
        , m_upload(std::move(upload))
        , m_request(std::move(request))
    { }
    // Before finish(): the Upload aborts as it goes (nothing stays in incoming/). After: the
    // pool's task owns it.
    ~Sink() override
    {
        if (!m_finishing) // a finished upload gives its reservation back in uploaded()
            m_owner->m_reservedBytes -= m_reserved;
    }

    // Holds size bytes of the quota until the upload ends, stored or not.
    void reserve(qint64 size)
    {
        m_reserved = size;
        m_owner->m_reservedBytes += size;
    }

    // Set when the host allows pictures only: the file's first bytes decide, so anything else
    // is refused before the rest of it is read.
    void setPicturesOnly(bool on) { m_picturesOnly = on; }

    bool write(QByteArrayView bytes) override
    {
        if (m_picturesOnly && m_head.size() < Files::kSniffBytes) {
            m_head.append(bytes.first(std::min(bytes.size(), Files::kSniffBytes - m_head.size())));
            if (m_head.size() == Files::kSniffBytes && !Files::sniff(m_head).picture) {
                m_notPicture = true;
                return false; // the Upload is aborted when the sink goes
            }
        }
        return m_upload->write(bytes);
    }
    Http::StreamAnswer failure() override
    {
        if (m_notPicture)
            return refusal(Status::Forbidden, QStringLiteral("pictures-only"),
                           QCoreApplication::translate(
                                   "FileSharing",
                                   "The host allows pictures only (PNG, JPEG, GIF, WebP)."));
        qCWarning(lcFiles) << "an upload failed:" << m_upload->error();
        return refusal(Status::InternalServerError, QStringLiteral("disk"),
                       QCoreApplication::translate("FileSharing", "The file could not be stored."));
    }
    void finish(std::function<void(Http::StreamAnswer)> done) override
    {
        // fsync and rename wait for the disk: on the pool's thread, then back on this one.
        std::shared_ptr<FileStorage::Upload> upload(m_upload.release());
        FileSharing *owner = m_owner;
        m_finishing = true;
        owner->m_finisher.start([owner, upload, request = m_request, reserved = m_reserved,
                                 done = std::move(done)] {
            std::optional<FileStorage::StoredFile> stored = upload->finish();
            const QString error = upload->error();
            // A picture's preview, made once, here (off the event loop): its size goes into the
            // message, its bytes next to the objects.
            Thumbnails::Thumbnail thumb;
            if (stored && stored->type.picture)
                thumb = owner->makeThumb(*stored);
            QMetaObject::invokeMethod(
                    owner, [owner, stored, error, thumb, request, reserved, done] {
                        owner->m_reservedBytes -= reserved;
                        owner->uploaded(stored, error, thumb, request.token, request.name,
                                        request.caption, request.replyTo, request.to, done);
                    });
        });
    }

private:
    FileSharing *m_owner;
    std::unique_ptr<FileStorage::Upload> m_upload;
    Request m_request;
    QByteArray m_head; // the first bytes, while pictures only are allowed
    bool m_picturesOnly = false;
    bool m_finishing = false;
    qint64 m_reserved = 0;
    bool m_notPicture = false;
};

FileSharing::FileSharing(HostServer *host, Chat::ChatService *chat, const QString &dir,
                         QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_chat(chat)
    , m_store(dir)
{
    m_finisher.setMaxThreadCount(1);
    host->addStreamRoute({QByteArrayLiteral("POST"), QByteArrayLiteral("/upload"),
                          [this](const Http::StreamRequest &r) { return onUpload(r); }});
    host->addStreamRoute({QByteArrayLiteral("GET"), QByteArrayLiteral("/files/"),
                          [this](const Http::StreamRequest &r) { return onDownload(r); }});
    connect(chat, &Chat::ChatService::messageDeleted, this, &FileSharing::onMessageDeleted);
}

FileSharing::~FileSharing()
{
    m_finisher.waitForDone(); // its tasks post back to this object
}

bool FileSharing::open(QString *error)
{
    return m_store.open(error);
}

QList<Chat::ChatMessage> FileSharing::recentFiles(int limit) const
{
    return m_chat->history() ? m_chat->history()->recentFiles(limit) : QList<Chat::ChatMessage>();
}

Http::StreamStart FileSharing::onUpload(const Http::StreamRequest &request)
{
    const ChatOptions &options = m_chat->options();
    if (QUrl(QString::fromUtf8(request.target)).path() != u"/upload")
        return answerNow(
                refusal(Status::NotFound, QStringLiteral("not-found"), tr("No such file.")));
    // Only the chat's own pages: a page of another site cannot upload in its visitor's name
    // (the token is not readable there either; this refuses before a byte is read).
    if (!m_host->originAllowed(request.header("origin"), request.header("host")))
        return answerNow(refusal(Status::Forbidden, QStringLiteral("cross-origin"),
                                 tr("Uploads are accepted from the chat's own page only.")));
    if (options.fileSharing == ChatOptions::FileSharing::Off)
        return answerNow(refusal(Status::Forbidden, QStringLiteral("files-off"),
                                 tr("The host turned file sharing off.")));
    Files::UploadLimits limits;
    limits.maxFileBytes = options.maxFileBytes;
    limits.maxCaptionLength = options.maxMessageLength;
    const Files::UploadParse parsed
            = Files::parseUploadHead(request.target, request.headers, limits);
    if (const auto *r = std::get_if<Files::UploadRefusal>(&parsed))
        return answerNow(refusal(r->status, QString::fromLatin1(r->code),
                                 r->code == "too-big"
                                         ? tr("The file is larger than the host allows (%1 bytes).")
                                                   .arg(options.maxFileBytes)
                                         : QString::fromUtf8(r->reason)));
    const Files::UploadHead &head = std::get<Files::UploadHead>(parsed);
    if (m_store.usedBytes() + m_reservedBytes + head.size > options.filesQuotaBytes)
        return answerNow(refusal(Status::InsufficientStorage, QStringLiteral("quota-full"),
                                 tr("The host's storage for files is full.")));
    const Chat::ChatService::UploadCheck check
            = m_chat->checkUpload(head.token, head.caption, QString::fromUtf8(head.to));
    if (check.refusal)
        return answerNow(refusal(statusOf(*check.refusal), check.refusal->code, check.refusal->text,
                                 check.refusal->retryAfterMs));
    QString error;
    std::unique_ptr<FileStorage::Upload> upload = m_store.begin(&error);
    if (!upload) {
        qCWarning(lcFiles) << "cannot begin an upload:" << error;
        return answerNow(refusal(Status::InternalServerError, QStringLiteral("disk"),
                                 tr("The file could not be stored.")));
    }
    bool replyOk = true;
    const qint64 replyTo = head.replyTo.isEmpty() ? 0 : head.replyTo.toLongLong(&replyOk);
    Http::StreamStart start;
    start.bodyLength = head.size;
    auto sink = std::make_unique<Sink>(this, std::move(upload),
                                       Sink::Request{head.token, head.name, head.caption,
                                                     replyOk ? replyTo : -1,
                                                     QString::fromUtf8(head.to)});
    sink->reserve(head.size);
    sink->setPicturesOnly(m_chat->options().fileSharing == ChatOptions::FileSharing::Pictures);
    start.sink = std::move(sink);
    qCInfo(lcFiles) << "upload of" << head.size << "bytes from" << check.author;
    return start;
}

QString FileSharing::thumbPath(QByteArrayView sha256) const
{
    return QDir(m_store.directory())
            .filePath(QStringLiteral("thumbs/") + QString::fromLatin1(sha256));
}

Thumbnails::Thumbnail FileSharing::makeThumb(const FileStorage::StoredFile &stored) const
{
    // Only reads the object and writes its own file: safe on the pool's thread.
    const QString target = thumbPath(stored.sha256);
    Thumbnails::Thumbnail thumb = Thumbnails::makeThumbnail(
            QDir(m_store.directory())
                    .filePath(QStringLiteral("objects/%1/%2")
                                      .arg(QString::fromLatin1(stored.sha256.left(2)),
                                           QString::fromLatin1(stored.sha256))));
    if (!thumb.ok) {
        qCInfo(lcFiles) << "no preview for" << stored.sha256 << ":" << thumb.error;
        return thumb;
    }
    QDir().mkpath(QFileInfo(target).path());
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(thumb.bytes) != thumb.bytes.size()
        || !file.commit()) {
        qCWarning(lcFiles) << "cannot write the preview" << target << file.errorString();
        thumb.ok = false;
    }
    thumb.bytes.clear(); // on disk now
    return thumb;
}

void FileSharing::uploaded(std::optional<FileStorage::StoredFile> stored, const QString &error,
                           const Thumbnails::Thumbnail &thumb, const QByteArray &token,
                           const QString &name, const QString &caption, qint64 replyTo,
                           const QString &to, const std::function<void(Http::StreamAnswer)> &done)
{
    if (!stored) {
        qCWarning(lcFiles) << "an upload could not be stored:" << error;
        done(refusal(Status::InternalServerError, QStringLiteral("disk"),
                     tr("The file could not be stored.")));
        return;
    }
    const auto drop = [this, &stored] {
        if (!stored->alreadyStored)
            removeIfUnused(stored->sha256);
    };
    if (!stored->alreadyStored
        && m_store.usedBytes() + m_reservedBytes > m_chat->options().filesQuotaBytes) {
        drop(); // the uploads under way keep their place
        done(refusal(Status::InsufficientStorage, QStringLiteral("quota-full"),
                     tr("The host's storage for files is full.")));
        return;
    }
    if (m_chat->options().fileSharing == ChatOptions::FileSharing::Pictures
        && !stored->type.picture) {
        drop();
        done(refusal(Status::Forbidden, QStringLiteral("pictures-only"),
                     tr("The host allows pictures only (PNG, JPEG, GIF, WebP).")));
        return;
    }
    JsonValue file(JsonValue::Object{
            {QStringLiteral("sha256"), QString::fromLatin1(stored->sha256)},
            {QStringLiteral("name"), name},
            {QStringLiteral("size"), JsonValue(stored->size)},
            {QStringLiteral("type"), QString::fromLatin1(stored->type.mimeType)},
    });
    if (thumb.originalSize.isValid()) {
        file.insert(QStringLiteral("width"), thumb.originalSize.width());
        file.insert(QStringLiteral("height"), thumb.originalSize.height());
    }
    if (thumb.ok)
        file.insert(QStringLiteral("thumb"), true);
    if (replyTo < 0) {
        drop();
        done(refusal(Status::BadRequest, QStringLiteral("bad-request"),
                     tr("replyTo must be a message id.")));
        return;
    }
    const Chat::ChatService::FilePost post = m_chat->postFile(token, file, caption, replyTo, to);
    if (post.refusal) {
        drop();
        done(refusal(statusOf(*post.refusal), post.refusal->code, post.refusal->text,
                     post.refusal->retryAfterMs));
        return;
    }
    JsonValue answer = file;
    answer.insert(QStringLiteral("id"), JsonValue(post.message.id));
    answer.insert(QStringLiteral("timestamp"), JsonValue(post.message.timestamp));
    answer.insert(QStringLiteral("url"),
                  QStringLiteral("/files/%1/%2")
                          .arg(QString::fromLatin1(stored->sha256),
                               QString::fromLatin1(QUrl::toPercentEncoding(name))));
    done(jsonAnswer(Status::Created, answer));
}

Http::StreamStart FileSharing::onDownload(const Http::StreamRequest &request)
{
    // /files/<sha256>/<name>[?token=...]: the name is for the browser only; what is sent and
    // how comes from the stored bytes and the message that carries them.
    const QUrl url(QString::fromUtf8(request.target));
    const QStringList parts = url.path().split(u'/');
    const QByteArray sha = parts.value(2).toLatin1();
    const QString notFound = tr("No such file.");
    if (parts.size() != 4 || !FileStorage::FileStore::wellFormed(sha))
        return answerNow(refusal(Status::NotFound, QStringLiteral("not-found"), notFound));
    // /files/<sha256>/thumb: the preview made at upload (pictures only), JPEG or PNG.
    const bool wantsThumb = parts.value(3) == u"thumb";
    const QString path = wantsThumb
            ? (QFileInfo::exists(thumbPath(sha)) ? thumbPath(sha) : QString())
            : m_store.pathOf(sha);
    QList<Chat::ChatMessage> messages;
    if (m_chat->history())
        messages = m_chat->history()->fileMessages(sha);
    // Served while a message that is not deleted carries it; a private one only to its two
    // people (their upload token as ?token=, since an <img> sends no headers).
    bool visible = false;
    const Chat::ChatMessage *shown = nullptr;
    QString viewerId;
    const QByteArray token = QUrlQuery(url).queryItemValue(QStringLiteral("token")).toLatin1();
    for (const Chat::ChatMessage &m : std::as_const(messages)) {
        if (m.deleted)
            continue;
        if (m.isPrivate()) {
            if (viewerId.isEmpty() && !token.isEmpty())
                viewerId = m_chat->userIdOfUploadToken(token);
            if (!m.visibleTo(viewerId))
                continue;
        }
        visible = true;
        shown = &m;
        break;
    }
    if (path.isEmpty() || !visible)
        return answerNow(refusal(Status::NotFound, QStringLiteral("not-found"), notFound));
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return answerNow(refusal(Status::NotFound, QStringLiteral("not-found"), notFound));
    const qint64 size = file->size();
    const Files::FileType type = Files::sniff(file->peek(Files::kSniffBytes));
    const QString name
            = Files::cleanFileName(wantsThumb ? u"preview-" + shown->file[u"name"].toString()
                                              : shown->file[u"name"].toString());
    const QByteArray etag = '"' + sha + (wantsThumb ? "-thumb" : "") + '"';

    Http::StreamAnswer a;
    a.headers = safetyHeaders();
    a.headers.removeIf([](const auto &h) { return h.first == "Cache-Control"; });
    a.headers.append(
            {QByteArrayLiteral("Cache-Control"),
             shown->isPrivate() ? QByteArrayLiteral("private") : QByteArrayLiteral("public")});
    a.headers.append({QByteArrayLiteral("ETag"), etag});
    a.headers.append({QByteArrayLiteral("Accept-Ranges"), QByteArrayLiteral("bytes")});
    const QByteArray ifNoneMatch = request.header("if-none-match");
    bool matches = ifNoneMatch.trimmed() == "*";
    for (const QByteArray &tag : ifNoneMatch.split(','))
        matches = matches || tag.trimmed() == etag || tag.trimmed() == "W/" + etag;
    if (matches) {
        a.status = Status::NotModified;
        a.headOnly = true; // no body, and Content-Length 0 says so
        return answerNow(std::move(a));
    }
    a.headers.append({HttpLiterals::contentTypeHeader(), type.mimeType});
    a.headers.append({QByteArrayLiteral("Content-Disposition"),
                      Files::contentDisposition(type.picture ? Files::Disposition::Inline
                                                             : Files::Disposition::Attachment,
                                                name)});
    const Files::ByteRange range = Files::parseRange(request.header("range"), size);
    if (range.kind == Files::ByteRange::Unsatisfiable) {
        a.status = Status::RangeNotSatisfiable;
        a.headers.append({QByteArrayLiteral("Content-Range"), Files::contentRange(range, size)});
        return answerNow(std::move(a));
    }
    qint64 first = 0;
    qint64 length = size;
    a.status = Status::Ok;
    if (range.kind == Files::ByteRange::Part) {
        a.status = Status::PartialContent;
        a.headers.append({QByteArrayLiteral("Content-Range"), Files::contentRange(range, size)});
        first = range.first;
        length = range.length();
    }
    if (!file->seek(first))
        return answerNow(refusal(Status::InternalServerError, QStringLiteral("disk"),
                                 tr("The file could not be read.")));
    a.headOnly = request.method == "HEAD";
    a.length = length;
    a.source = std::move(file);
    return answerNow(std::move(a));
}

void FileSharing::onMessageDeleted(qint64 id)
{
    if (!m_chat->history())
        return;
    const std::optional<Chat::ChatMessage> m = m_chat->history()->find(id);
    if (m && m->isFile())
        removeIfUnused(m->file[u"sha256"].toString().toLatin1());
}

void FileSharing::removeIfUnused(const QByteArray &sha256)
{
    if (m_chat->history()) {
        const QList<Chat::ChatMessage> carriers = m_chat->history()->fileMessages(sha256);
        for (const Chat::ChatMessage &m : carriers) {
            if (!m.deleted)
                return;
        }
    }
    QFile::remove(thumbPath(sha256));
    if (m_store.remove(sha256))
        qCInfo(lcFiles) << "removed the file" << sha256 << "no message carries it any more";
}

} // namespace ChatHost
