// A few people chatting, for screenshots and demos: node scripts/demo-clients.mjs URL
import { io } from 'socket.io-client';

const url = process.argv[2];
const script = [
  ['Ana', 'Hi all! Is the meeting room free at 12?'],
  ['Ben', 'Yes, I booked it!'],
  ['Chloé', 'I will bring the slides.'],
  ['Ana', 'Great, see you there'],
  ['Ben', 'Does anyone have the Wi-Fi password for guests?'],
];
const people = {};
for (const name of ['Ana', 'Ben', 'Chloé', 'Dev']) {
  people[name] = io(url, { auth: { nickname: name }, transports: name === 'Dev' ? ['polling'] : ['polling', 'websocket'] });
  await new Promise((resolve) => people[name].on('connect', resolve));
}
for (const [name, text] of script) {
  await people[name].timeout(2000).emitWithAck('chat message', text);
  await new Promise((r) => setTimeout(r, 150));
}
people.Dev.emit('typing', true);
await new Promise((r) => setTimeout(r, 500));
// Leave them connected until the screenshot is taken.
setTimeout(() => process.exit(0), 6000);
