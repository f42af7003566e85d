// What the chat tells a person whose nickname the rules (rules/nickname.h) refuse: the error code
// from the chat's one list of codes (chatpayloads.h) and a readable, translated message.
#pragma once

#include "rules/nickname.h"

#include <QString>

namespace ChatHost::Chat {

// Error code for the page (e.g. "nickname-taken") and a readable, translated message.
QString nicknameErrorCode(NicknameError error);
QString nicknameErrorMessage(NicknameError error);

} // namespace ChatHost::Chat
