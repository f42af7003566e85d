// Starts a server binary on port 0 and reads its real port from the "listening on" line; helpers
// for socket.io-client tests.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { io } from 'socket.io-client';

export async function startServer(binary, args = [], { port: wantedPort = 0 } = {}) {
  const proc = spawn(binary, [...args, '--port', String(wantedPort)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line from ${binary}: ${output} ${stderr}`)), 10000);
    proc.stdout.on('data', (d) => {
      output += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${binary} exited with ${code}: ${stderr}`)); });
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    proc,
    output: () => output,
    stderr: () => stderr,
    async stop() {
      if (proc.exitCode !== null) return proc.exitCode;
      proc.kill('SIGTERM');
      const [code] = await once(proc, 'exit');
      return code;
    },
  };
}

export const TRANSPORT_MODES = {
  polling: { transports: ['polling'] },
  websocket: { transports: ['websocket'] },
  upgrade: { transports: ['polling', 'websocket'] },
};

export function connect(url, mode, extra = {}) {
  return io(url, { ...TRANSPORT_MODES[mode], forceNew: true, reconnection: false, ...extra });
}

export function waitFor(emitter, event, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for '${event}'`)), timeoutMs);
    emitter.once(event, (...args) => { clearTimeout(timer); resolve(args); });
  });
}

export async function connected(socket) {
  if (socket.connected) return;
  const result = await Promise.race([
    waitFor(socket, 'connect').then(() => null),
    waitFor(socket, 'connect_error').then(([e]) => e),
  ]);
  if (result) throw result;
}

// Resolves once the engine has finished upgrading to WebSocket (or fails after a timeout).
export function upgraded(socket, timeoutMs = 5000) {
  if (socket.io.engine.transport.name === 'websocket') return Promise.resolve();
  return waitFor(socket.io.engine, 'upgrade', timeoutMs);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Resolves with the metadata of the first 'chat message' whose text is `text` (notices such as
// "X joined" come on the same event).
export function waitForText(socket, text, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { socket.off('chat message', on); reject(new Error(`timed out waiting for message ${text.slice(0, 40)}`)); }, timeoutMs);
    function on(t, meta) {
      if (t !== text) return;
      clearTimeout(timer);
      socket.off('chat message', on);
      resolve(meta);
    }
    socket.on('chat message', on);
  });
}
