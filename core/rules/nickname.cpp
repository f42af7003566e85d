// See nickname.h.
#include "rules/nickname.h"

namespace ChatHost::Chat {

QString nicknameKey(const QString &nickname)
{
    return nickname.toCaseFolded();
}

NicknameCheck checkNickname(const QString &raw, const QString &hostName,
                            const QStringList &takenNicknames)
{
    return checkNickname(raw, hostName, [&takenNicknames](const QString &key) {
        for (const QString &taken : takenNicknames) {
            if (nicknameKey(taken) == key)
                return true;
        }
        return false;
    });
}

NicknameCheck checkNickname(const QString &raw, const QString &hostName,
                            const std::function<bool(const QString &key)> &isTaken)
{
    NicknameCheck result;
    const QString trimmed = raw.trimmed();
    if (trimmed.isEmpty()) {
        result.error = NicknameError::Empty;
        return result;
    }
    // toUcs4() would turn a lone surrogate into U+FFFD, so look for them first.
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        const QChar c = trimmed.at(i);
        const bool paired = c.isHighSurrogate() && i + 1 < trimmed.size()
                && trimmed.at(i + 1).isLowSurrogate();
        if (paired) {
            ++i;
        } else if (c.isSurrogate()) {
            result.error = NicknameError::ControlCharacter;
            return result;
        }
    }
    const QList<uint> codePoints = trimmed.toUcs4();
    if (codePoints.size() > kMaxNicknameLength) {
        result.error = NicknameError::TooLong;
        return result;
    }
    for (uint c : codePoints) {
        const auto category = QChar::category(char32_t(c));
        if (category == QChar::Other_Control || category == QChar::Other_Format
            || category == QChar::Other_Surrogate || category == QChar::Separator_Line
            || category == QChar::Separator_Paragraph || category == QChar::Other_NotAssigned) {
            result.error = NicknameError::ControlCharacter;
            return result;
        }
    }
    const QString key = nicknameKey(trimmed);
    static const QStringList reserved = {QStringLiteral("host"), QStringLiteral("server"),
                                         QStringLiteral("system"), QStringLiteral("admin")};
    if (reserved.contains(key) || (!hostName.isEmpty() && key == nicknameKey(hostName.trimmed()))) {
        result.error = NicknameError::Reserved;
        return result;
    }
    if (isTaken && isTaken(key)) {
        result.error = NicknameError::Taken;
        return result;
    }
    result.nickname = trimmed;
    return result;
}

} // namespace ChatHost::Chat
