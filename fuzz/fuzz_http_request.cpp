// libFuzzer harness: what ChatHost does with the parts of an HTTP request it handles itself: the
// path mapped under the web root, the query (EIO, transport, sid), the Origin check, and JSON
// from request bodies and auth payloads. Invariants: no crash; a resolved path never leaves the
// root.
#include "http/originpolicy.h"
#include "http/staticsite.h"
#include "json/jsonvalue.h"

#include <QUrl>
#include <QUrlQuery>

#include <cstdint>
#include <cstdlib>

using namespace ChatHost;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<QByteArray> fields = bytes.split('\n'); // target, Origin, Host, body
    const QUrl url = QUrl::fromEncoded(fields.value(0), QUrl::TolerantMode);
    static const QString root = QStringLiteral("/srv/www");
    if (const auto path = Http::StaticSite::resolve(root, url.path())) {
        if (!path->startsWith(root + u'/') || path->contains(QStringLiteral("/../")))
            std::abort();
    }
    const QUrlQuery query(url);
    (void)query.queryItemValue(QStringLiteral("EIO"));
    (void)query.queryItemValue(QStringLiteral("transport"));
    (void)query.queryItemValue(QStringLiteral("sid"));
    const bool allowed = Http::originAllowed(fields.value(1), fields.value(2), {});
    // An origin that is not an http(s) origin can never be allowed.
    if (allowed && !fields.value(1).isEmpty()
        && Http::normalizedOrigin(QString::fromUtf8(fields.value(1))).isEmpty())
        std::abort();
    const auto parsed = Json::parse(QString::fromUtf8(fields.value(3)));
    if (parsed.value) {
        const auto again = Json::parse(parsed.value->toJson());
        if (!again.value || !(*again.value == *parsed.value))
            std::abort();
    }
    return 0;
}
