// The reference for ChatHost's benchmark: the socket.io tutorial's chat server (express +
// socket.io 4.8), relaying every 'chat message' to everyone. Run with NODE_ENV=production.
//   PORT=0 node reference/server.js   -> prints "listening on http://127.0.0.1:PORT"
'use strict';
const http = require('node:http');
const express = require('express');
const { Server } = require('socket.io');

const app = express();
const server = http.createServer(app);
// Heartbeat timing can be set like ChatHost's --ping-interval / --ping-timeout, for equal runs.
const io = new Server(server, {
  pingInterval: Number(process.env.PING_INTERVAL || 25000),
  pingTimeout: Number(process.env.PING_TIMEOUT || 20000),
});

app.get('/', (req, res) => res.send('socket.io reference server'));

io.on('connection', (socket) => {
  socket.on('chat message', (msg) => {
    io.emit('chat message', msg);
  });
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
