// Previews of shared pictures. makeThumbnail() is a pure function of a file (safe on any
// thread); Thumbnailer runs it on a worker thread and reports back on the caller's thread.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QSize>
#include <QString>
#include <QThreadPool>

namespace ChatHost::Thumbnails {

struct ThumbnailLimits
{
    int maxSide = 480; // the preview fits in maxSide x maxSide
    int allocationLimitMb = 128; // decoding a larger image is refused
    qint64 maxPixels = 40'000'000; // refused before decoding if the header claims more
};

struct Thumbnail
{
    bool ok = false;
    QString error; // plain text when !ok
    QByteArray bytes; // JPEG for opaque pictures, PNG for ones with transparency
    QByteArray mimeType;
    QSize size; // of the preview
    QSize originalSize; // of the picture as shown (after the EXIF orientation)
};

// Reads the picture at path (the first frame of an animation), turns it as its EXIF orientation
// says and scales it down to fit limits.maxSide. Never throws; a broken, truncated or too large
// picture gives ok == false with the reason.
Thumbnail makeThumbnail(const QString &path, const ThumbnailLimits &limits = {});

class Thumbnailer : public QObject
{
    Q_OBJECT
public:
    explicit Thumbnailer(ThumbnailLimits limits = {}, QObject *parent = nullptr);
    ~Thumbnailer() override; // waits for the work in progress

    // Makes the preview of path on a worker thread; done(key, thumbnail) follows on this
    // object's thread.
    void request(const QString &key, const QString &path);

Q_SIGNALS:
    void done(const QString &key, const ChatHost::Thumbnails::Thumbnail &thumbnail);

private:
    ThumbnailLimits m_limits;
    QThreadPool m_pool;
};

} // namespace ChatHost::Thumbnails
