// ChatHost's built-in chat page (native ES modules, no build step). Protocol:
// docs/chat-protocol.md. Each feature module holds its own socket events in a table; this file
// only puts the page together.
import { translatePage } from './i18n.js';
import { register, connect, storedNickname } from './connection.js';
import status from './features/status.js';
import notices from './features/notices.js';
import room from './features/room.js';
import people from './features/people.js';
import messages from './features/messages.js';
import typing from './features/typing.js';
import moderation from './features/moderation.js';
import password from './dialogs/password.js';
import { askNickname } from './dialogs/nickname.js';
import './features/composer.js'; // the composer's form and keys

translatePage();
for (const feature of [status, notices, room, people, messages, typing, moderation, password]) register(feature);

const saved = storedNickname();
if (saved) connect(saved);
else askNickname('');
