#include "thumbnails/thumbnailer.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QMetaObject>

namespace ChatHost::Thumbnails {

namespace {

Thumbnail failed(const QString &error)
{
    Thumbnail t;
    t.error = error;
    return t;
}

} // namespace

Thumbnail makeThumbnail(const QString &path, const ThumbnailLimits &limits)
{
    QImageReader reader(path);
    reader.setDecideFormatFromContent(true); // the bytes decide, never the name
    reader.setAllocationLimit(limits.allocationLimitMb);
    reader.setAutoTransform(true); // EXIF orientation
    if (!reader.canRead())
        return failed(QStringLiteral("not a picture Qt can read"));
    const QSize claimed = reader.size();
    if (!claimed.isValid() || claimed.isEmpty())
        return failed(QStringLiteral("the picture has no size"));
    if (qint64(claimed.width()) * claimed.height() > limits.maxPixels)
        return failed(QStringLiteral("the picture is too large (%1 x %2 pixels)")
                              .arg(claimed.width())
                              .arg(claimed.height()));
    // Decode scaled where the format can (JPEG does it cheaply); the orientation is applied
    // after, so scale the stored (unturned) size.
    if (claimed.width() > 2 * limits.maxSide || claimed.height() > 2 * limits.maxSide)
        reader.setScaledSize(
                claimed.scaled(2 * limits.maxSide, 2 * limits.maxSide, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull())
        return failed(reader.errorString());

    Thumbnail t;
    t.originalSize = reader.transformation().testFlag(QImageIOHandler::TransformationRotate90)
            ? claimed.transposed()
            : claimed;
    if (image.width() > limits.maxSide || image.height() > limits.maxSide)
        image = image.scaled(limits.maxSide, limits.maxSide, Qt::KeepAspectRatio,
                             Qt::SmoothTransformation);
    const bool alpha = image.hasAlphaChannel();
    QBuffer buffer(&t.bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, alpha ? "png" : "jpeg");
    if (!alpha)
        writer.setQuality(82);
    if (!writer.write(alpha ? image : image.convertToFormat(QImage::Format_RGB32)))
        return failed(writer.errorString());
    t.ok = true;
    t.mimeType = alpha ? "image/png" : "image/jpeg";
    t.size = image.size();
    return t;
}

Thumbnailer::Thumbnailer(ThumbnailLimits limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
{
    qRegisterMetaType<ChatHost::Thumbnails::Thumbnail>();
    m_pool.setMaxThreadCount(1); // previews queue up instead of taking every core
}

Thumbnailer::~Thumbnailer()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void Thumbnailer::request(const QString &key, const QString &path)
{
    const ThumbnailLimits limits = m_limits;
    // The destructor waits for running work, so this is alive while the task runs; the queued
    // call is dropped with the object if it is destroyed before the call is delivered.
    m_pool.start([this, key, path, limits] {
        const Thumbnail thumbnail = makeThumbnail(path, limits);
        QMetaObject::invokeMethod(
                this, [this, key, thumbnail] { Q_EMIT done(key, thumbnail); },
                Qt::QueuedConnection);
    });
}

} // namespace ChatHost::Thumbnails
