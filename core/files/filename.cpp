#include "files/filename.h"

#include <QList>
#include <QStringList>
#include <QStringView>

namespace ChatHost::Files {

namespace {

// Characters that never belong in a file name: C0, DEL, C1, the line and paragraph separators,
// and the invisible ones that reorder or hide text (direction marks, embeddings, overrides,
// isolates, zero-width characters, the byte order mark).
bool invisible(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
            || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e)
            || (c >= 0x2060 && c <= 0x2069) || c == 0xfeff || c == 0xfffe || c == 0xffff
            || (c >= 0xd800 && c <= 0xdfff);
}

// Refused by Windows in a name (the path separators are handled before).
bool reserved(char32_t c)
{
    return c == '<' || c == '>' || c == ':' || c == '"' || c == '|' || c == '?' || c == '*';
}

// CON, PRN, AUX, NUL, COM1-9, LPT1-9: device names on Windows, whatever the extension.
bool deviceName(QStringView name)
{
    const qsizetype dot = name.indexOf(u'.');
    const QString base = name.first(dot < 0 ? name.size() : dot).trimmed().toString().toUpper();
    static const QStringList plain = {QStringLiteral("CON"), QStringLiteral("PRN"),
                                      QStringLiteral("AUX"), QStringLiteral("NUL")};
    if (plain.contains(base))
        return true;
    return base.size() == 4 && (base.startsWith(u"COM") || base.startsWith(u"LPT"))
            && base.at(3) >= u'1' && base.at(3) <= u'9';
}

// The longest prefix of text that is at most bytes long in UTF-8, cut between code points.
QString utf8Prefix(const QString &text, qsizetype bytes)
{
    QString out;
    qsizetype used = 0;
    for (const char32_t c : QStringView(text).toUcs4()) {
        const qsizetype n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (used + n > bytes)
            break;
        used += n;
        out.append(QString::fromUcs4(&c, 1));
    }
    return out;
}

qsizetype utf8Size(const QString &text)
{
    return text.toUtf8().size();
}

// No leading dots (hidden files, "." and ".."), no trailing dots or spaces (Windows drops them),
// no spaces at the start.
QString trimmedEnds(const QString &name)
{
    qsizetype begin = 0;
    while (begin < name.size() && (name.at(begin) == u'.' || name.at(begin).isSpace()))
        ++begin;
    qsizetype end = name.size();
    while (end > begin && (name.at(end - 1) == u'.' || name.at(end - 1).isSpace()))
        --end;
    return name.mid(begin, end - begin);
}

} // namespace

QString cleanFileName(const QString &given)
{
    // The last path part, for either separator.
    const qsizetype cut = std::max(given.lastIndexOf(u'/'), given.lastIndexOf(u'\\'));
    const QString last = given.mid(cut + 1);

    QString name;
    for (const char32_t c : QStringView(last).toUcs4()) {
        if (invisible(c))
            continue;
        if (reserved(c))
            name.append(u'_');
        else
            name.append(QString::fromUcs4(&c, 1));
    }
    name = trimmedEnds(name);
    if (name.isEmpty())
        return QStringLiteral("file");
    if (deviceName(name))
        name.prepend(u'_');

    if (utf8Size(name) > kMaxNameBytes) {
        // Keep a short extension ("report.pdf" stays a PDF), shorten the rest.
        const qsizetype dot = name.lastIndexOf(u'.');
        const QString extension = dot > 0 && name.size() - dot <= 16 ? name.mid(dot) : QString();
        const QString stem = name.left(name.size() - extension.size());
        name = trimmedEnds(utf8Prefix(stem, kMaxNameBytes - utf8Size(extension)) + extension);
        if (name.isEmpty())
            return QStringLiteral("file");
    }
    return name;
}

QByteArray contentDisposition(Disposition disposition, const QString &name)
{
    QByteArray header = disposition == Disposition::Inline ? "inline" : "attachment";
    // The quoted plain form for old clients: ASCII only, no quote or backslash.
    QByteArray fallback;
    bool plain = true;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (u >= 0x20 && u < 0x7f && u != '"' && u != '\\' && u != '%') {
            fallback.append(char(u));
        } else {
            fallback.append('_');
            plain = false;
        }
    }
    header += "; filename=\"" + fallback + '"';
    if (!plain) {
        // RFC 5987 ext-value: attr-chars as they are, every other byte of the UTF-8 %-encoded.
        header += "; filename*=UTF-8''"
                + name.toUtf8().toPercentEncoding("!#$&+^`|~", QByteArray(), '%');
    }
    return header;
}

} // namespace ChatHost::Files
