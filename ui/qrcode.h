// QR codes of the chat's address, drawn with libqrencode, for phones to scan.
#pragma once

#include <QImage>
#include <QString>

namespace ChatHost::Ui {

// A black-on-white QR code with a quiet zone, each module `scale` pixels wide; a null image if
// the text cannot be encoded.
QImage qrCodeImage(const QString &text, int scale = 6);

} // namespace ChatHost::Ui
