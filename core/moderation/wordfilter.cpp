// See wordfilter.h.
#include "moderation/wordfilter.h"

namespace ChatHost::Moderation {

void WordFilter::setWords(const QStringList &words)
{
    m_words.clear();
    QStringList escaped;
    for (const QString &w : words) {
        const QString t = w.trimmed();
        if (t.isEmpty() || m_words.contains(t, Qt::CaseInsensitive))
            continue;
        m_words.append(t);
        escaped.append(QRegularExpression::escape(t));
    }
    // Longest first, so "bad word" wins over "bad"; word boundaries that work beyond ASCII.
    std::sort(escaped.begin(), escaped.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    m_pattern = QRegularExpression(QStringLiteral("(?<![\\p{L}\\p{N}_])(?:") + escaped.join(u'|')
                                           + QStringLiteral(")(?![\\p{L}\\p{N}_])"),
                                   QRegularExpression::CaseInsensitiveOption
                                           | QRegularExpression::UseUnicodePropertiesOption);
}

bool WordFilter::matches(const QString &text) const
{
    return !m_words.isEmpty() && m_pattern.match(text).hasMatch();
}

QString WordFilter::masked(const QString &text) const
{
    if (m_words.isEmpty())
        return text;
    QString out;
    qsizetype last = 0;
    auto it = m_pattern.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out.append(QStringView(text).mid(last, m.capturedStart() - last));
        for (qsizetype i = m.capturedStart(); i < m.capturedEnd(); ++i) {
            const QChar c = text.at(i);
            if (c.isLowSurrogate())
                continue; // one '*' per character, not per UTF-16 unit
            out.append(c.isSpace() ? c : QChar(u'*'));
        }
        last = m.capturedEnd();
    }
    out.append(QStringView(text).mid(last));
    return out;
}

} // namespace ChatHost::Moderation
