// Parse time of wide JSON objects and arrays against their size: shows that the parser is linear
// in its input (docs/reliability.md has the table). Prints one line per case:
//     case  entries  bytes  ms(default limits)  ms(no width limits)  result
#include "json/jsonvalue.h"

#include <QElapsedTimer>
#include <QString>

#include <cstdio>

namespace Json = ChatHost::Json;

namespace {

// {"k00000":0,"k00001":0,...}: 80,000 of these are the 880 KB CONNECT auth of issue 10.1.
QString wideObject(qsizetype keys)
{
    QString text = QStringLiteral("{");
    for (qsizetype i = 0; i < keys; ++i) {
        if (i > 0)
            text += u',';
        text += QStringLiteral("\"k%1\":0").arg(i, 5, 10, QLatin1Char(u'0'));
    }
    return text + u'}';
}

QString wideArray(qsizetype elements)
{
    QString text = QStringLiteral("[");
    for (qsizetype i = 0; i < elements; ++i)
        text += i > 0 ? QStringLiteral(",0") : QStringLiteral("0");
    return text + u']';
}

double bestOfThree(const QString &text, const Json::Limits &limits, QString *error)
{
    double best = 1e300;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        const Json::ParseResult result = Json::parse(text, limits);
        best = qMin(best, double(timer.nsecsElapsed()) / 1e6);
        *error = result.value ? QStringLiteral("ok") : result.error;
    }
    return best;
}

void report(const char *kind, qsizetype entries, const QString &text)
{
    QString defaultResult;
    const double withLimits = bestOfThree(text, Json::Limits{}, &defaultResult);
    Json::Limits unlimited;
    unlimited.maxMembers = unlimited.maxElements = qsizetype(1) << 40;
    QString unlimitedResult;
    const double without = bestOfThree(text, unlimited, &unlimitedResult);
    std::printf("%-7s %7lld %9lld %10.2f %10.2f  %s\n", kind, qlonglong(entries),
                qlonglong(text.toUtf8().size()), withLimits, without, qPrintable(defaultResult));
}

} // namespace

int main()
{
    std::printf("%-7s %7s %9s %10s %10s  %s\n", "case", "entries", "bytes", "ms", "ms-nocap",
                "result (default limits)");
    for (qsizetype keys : {1000, 5000, 10000, 20000, 40000, 80000})
        report("object", keys, wideObject(keys));
    for (qsizetype elements : {1000, 10000, 100000, 240000})
        report("array", elements, wideArray(elements));
    return 0;
}
