// See nicknameerrors.h.
#include "chat/nicknameerrors.h"

#include "chat/chatpayloads.h"

#include <QCoreApplication>

namespace ChatHost::Chat {

QString nicknameErrorCode(NicknameError error)
{
    switch (error) {
    case NicknameError::None: return {};
    case NicknameError::Empty: return errorCodeName(ErrorCode::NicknameEmpty);
    case NicknameError::TooLong: return errorCodeName(ErrorCode::NicknameTooLong);
    case NicknameError::ControlCharacter: return errorCodeName(ErrorCode::NicknameInvalidCharacter);
    case NicknameError::Reserved: return errorCodeName(ErrorCode::NicknameReserved);
    case NicknameError::Taken: return errorCodeName(ErrorCode::NicknameTaken);
    case NicknameError::NotText: return errorCodeName(ErrorCode::NicknameNotText);
    }
    return {};
}

QString nicknameErrorMessage(NicknameError error)
{
    switch (error) {
    case NicknameError::None: return {};
    case NicknameError::Empty:
        return QCoreApplication::translate("Chat", "Please choose a nickname.");
    case NicknameError::TooLong:
        return QCoreApplication::translate("Chat", "Nicknames can be at most %1 characters long.")
                .arg(kMaxNicknameLength);
    case NicknameError::ControlCharacter:
        return QCoreApplication::translate(
                "Chat", "Nicknames cannot contain invisible or control characters.");
    case NicknameError::Reserved:
        return QCoreApplication::translate("Chat", "That nickname is reserved.");
    case NicknameError::Taken:
        return QCoreApplication::translate("Chat", "Someone here already uses that nickname.");
    case NicknameError::NotText:
        return QCoreApplication::translate("Chat", "A nickname must be text.");
    }
    return {};
}

} // namespace ChatHost::Chat
