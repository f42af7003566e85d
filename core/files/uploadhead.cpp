#include "files/uploadhead.h"

#include "files/decimal.h"
#include "files/filename.h"

#include <QStringDecoder>

#include <optional>

namespace ChatHost::Files {

namespace {

UploadRefusal refuse(int status, const char *code, const char *reason)
{
    return {status, QByteArray(code), QByteArray(reason)};
}

int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Form decoding ('+' is a space), strict: a '%' must start two hex digits.
std::optional<QByteArray> percentDecoded(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out.append(' ');
        } else if (c == '%') {
            if (i + 2 >= text.size())
                return std::nullopt;
            const int high = hex(text[i + 1]);
            const int low = hex(text[i + 2]);
            if (high < 0 || low < 0)
                return std::nullopt;
            out.append(char(high * 16 + low));
            i += 2;
        } else {
            out.append(c);
        }
    }
    return out;
}

std::optional<QString> utf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

// Letters, digits, '-' and '_' only (tokens, user ids and message ids are all URL-safe base64).
bool urlSafe(QByteArrayView text, qsizetype maxLength)
{
    if (text.isEmpty() || text.size() > maxLength)
        return false;
    for (const char c : text) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
              || c == '_'))
            return false;
    }
    return true;
}

} // namespace

UploadParse parseUploadHead(QByteArrayView target, const HeaderList &headers,
                            const UploadLimits &limits)
{
    // Headers: exactly one Content-Length, no Transfer-Encoding, exactly one token.
    std::optional<QByteArray> length;
    std::optional<QByteArray> token;
    for (const auto &[name, value] : headers) {
        const QByteArray key = name.toLower();
        if (key == "transfer-encoding")
            return refuse(411, "length-required", "an upload must declare its size");
        if (key == "content-length") {
            if (length)
                return refuse(400, "bad-request", "more than one Content-Length");
            length = value.trimmed();
        } else if (key == "x-upload-token") {
            if (token)
                return refuse(400, "bad-request", "more than one upload token");
            token = value.trimmed();
        }
    }
    if (!length)
        return refuse(411, "length-required", "an upload must declare its size");
    const std::optional<qint64> size = parseDecimal(*length);
    if (!size)
        return refuse(400, "bad-request", "Content-Length is not a number");
    if (*size > limits.maxFileBytes)
        return refuse(413, "too-big", "the file is larger than the host allows");
    if (!token || !urlSafe(*token, 128))
        return refuse(401, "no-token", "the upload token is missing or malformed");

    UploadHead head;
    head.size = *size;
    head.token = *token;

    const qsizetype question = target.indexOf('?');
    const QByteArrayView query = question < 0 ? QByteArrayView() : target.sliced(question + 1);
    if (query.size() > kMaxUploadQuery)
        return refuse(400, "bad-request", "the query is too long");
    bool seenName = false, seenCaption = false, seenReply = false, seenTo = false;
    QByteArray givenName;
    qsizetype start = 0;
    while (start <= query.size() && !query.isEmpty()) {
        qsizetype end = query.indexOf('&', start);
        if (end < 0)
            end = query.size();
        const QByteArrayView pair = query.sliced(start, end - start);
        start = end + 1;
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QByteArrayView key = equals < 0 ? pair : pair.first(equals);
        const std::optional<QByteArray> value
                = percentDecoded(equals < 0 ? QByteArrayView() : pair.sliced(equals + 1));
        if (!value)
            return refuse(400, "bad-request", "a malformed %-escape in the query");
        auto once = [](bool &seen) {
            const bool first = !seen;
            seen = true;
            return first;
        };
        if (key == "name") {
            if (!once(seenName))
                return refuse(400, "bad-request", "name given twice");
            if (value->size() > kMaxGivenNameBytes)
                return refuse(400, "bad-request", "the file name is too long");
            givenName = *value;
        } else if (key == "caption") {
            if (!once(seenCaption))
                return refuse(400, "bad-request", "caption given twice");
            const std::optional<QString> caption = utf8(*value);
            if (!caption)
                return refuse(400, "bad-request", "the caption is not UTF-8");
            if (caption->toUcs4().size() > limits.maxCaptionLength)
                return refuse(400, "caption-too-long", "the caption is too long");
            head.caption = *caption;
        } else if (key == "replyTo") {
            if (!once(seenReply) || !urlSafe(*value, 64))
                return refuse(400, "bad-request", "replyTo is not a message id");
            head.replyTo = *value;
        } else if (key == "to") {
            if (!once(seenTo) || !urlSafe(*value, 64))
                return refuse(400, "bad-request", "to is not a user id");
            head.to = *value;
        }
        // Other keys are ignored: a newer page may send more.
    }
    const std::optional<QString> name = utf8(givenName);
    if (!name)
        return refuse(400, "bad-request", "the file name is not UTF-8");
    head.name = cleanFileName(*name);
    return head;
}

} // namespace ChatHost::Files
