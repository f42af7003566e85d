// The official Socket.IO client: socket.io-client's ES module build, the version package.json
// pins. scripts/buildweb.mjs bundles it into main.js (issue 14: one request and ~2 KB fewer than
// a separate socket.io.min.js). A test that runs the readable modules serves the package's
// dist/socket.io.esm.min.js in this file's place (a browser can't resolve the bare name).
export { io } from 'socket.io-client';
