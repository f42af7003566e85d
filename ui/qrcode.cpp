// See qrcode.h.
#include "qrcode.h"

#include <QPainter>

#include <qrencode.h>

namespace ChatHost::Ui {

QImage qrCodeImage(const QString &text, int scale)
{
    const QByteArray utf8 = text.toUtf8();
    QRcode *code = QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        return {};
    constexpr int quiet = 4; // modules of white border scanners need
    const int size = (code->width + 2 * quiet) * scale;
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (code->data[y * code->width + x] & 1)
                painter.drawRect((x + quiet) * scale, (y + quiet) * scale, scale, scale);
        }
    }
    painter.end();
    QRcode_free(code);
    return image;
}

} // namespace ChatHost::Ui
