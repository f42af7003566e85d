// The host's list of unwanted words: whole words, ignoring case, in any script.
#pragma once

#include <QRegularExpression>
#include <QStringList>

namespace ChatHost::Moderation {

class WordFilter
{
public:
    enum class Mode { Refuse, Mask };

    void setWords(const QStringList &words); // blank entries are ignored
    QStringList words() const { return m_words; }
    bool isEmpty() const { return m_words.isEmpty(); }
    bool matches(const QString &text) const;
    // Each matched word replaced by as many '*' as it has characters.
    QString masked(const QString &text) const;

private:
    QStringList m_words;
    QRegularExpression m_pattern;
};

} // namespace ChatHost::Moderation
