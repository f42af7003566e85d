// See mention.h.
#include "rules/mention.h"

#include <QString>

namespace ChatHost::Rules {

namespace {
bool isWordCharacter(QStringView text, qsizetype at)
{
    char32_t c = text[at].unicode();
    if (text[at].isHighSurrogate() && at + 1 < text.size() && text[at + 1].isLowSurrogate())
        c = QChar::surrogateToUcs4(text[at], text[at + 1]);
    return QChar::isLetterOrNumber(c) || QChar::category(c) == QChar::Mark_NonSpacing || c == U'_';
}

bool isWordCharacterBefore(QStringView text, qsizetype at)
{
    if (at <= 0)
        return false;
    qsizetype start = at - 1;
    if (text[start].isLowSurrogate() && start > 0 && text[start - 1].isHighSurrogate())
        --start;
    return isWordCharacter(text, start);
}
} // namespace

bool mentions(QStringView text, QStringView name)
{
    name = name.trimmed();
    if (name.isEmpty())
        return false;
    for (qsizetype at = text.indexOf(u'@'); at >= 0; at = text.indexOf(u'@', at + 1)) {
        const qsizetype start = at + 1;
        if (start + name.size() > text.size())
            return false;
        if (isWordCharacterBefore(text, at))
            continue;
        if (text.mid(start, name.size()).compare(name, Qt::CaseInsensitive) != 0)
            continue;
        const qsizetype end = start + name.size();
        if (end == text.size() || !isWordCharacter(text, end))
            return true;
    }
    return false;
}

} // namespace ChatHost::Rules
