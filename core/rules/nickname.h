// Nickname rules, as pure functions so they can be table-tested. Below the chat and moderation
// layers, which both use them; the page's codes and messages for NicknameError are the chat's
// (chat/nicknameerrors.h).
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace ChatHost::Chat {

enum class NicknameError {
    None,
    Empty,
    TooLong,
    ControlCharacter,
    Reserved,
    Taken,
    NotText,
};

struct NicknameCheck
{
    QString nickname; // trimmed, when valid
    NicknameError error = NicknameError::None;
};

inline constexpr int kMaxNicknameLength = 32;

// Trims, then checks length (1-32 characters, counted as Unicode code points), control and
// invisible formatting characters (bidi overrides and the like), reserved names (the host's
// name and host/server/system/admin) and whether another user has it (both ignoring case).
NicknameCheck checkNickname(const QString &raw, const QString &hostName,
                            const QStringList &takenNicknames);
// The same, asking isTaken(nicknameKey(name)) instead of scanning a list (O(1) with an index).
NicknameCheck checkNickname(const QString &raw, const QString &hostName,
                            const std::function<bool(const QString &key)> &isTaken);

// The key two nicknames clash on: case-folded.
QString nicknameKey(const QString &nickname);

} // namespace ChatHost::Chat
