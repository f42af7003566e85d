// The connection status line; the composer is usable only while connected.
import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { store, writable } from '../store.js';

const status = $('status');

export function setStatus(kind, text) {
  status.className = `status ${kind}`;
  status.textContent = text;
  const online = kind === 'connected';
  $('input').disabled = !online || !writable();
  $('send').disabled = !online;
}

const PASSWORD_CODES = new Set(['password-required', 'wrong-password']);

export default {
  connecting: () => setStatus('connecting', t('status.connecting')),
  events: {
    connect: () => setStatus('connected', t('status.connected')),
    disconnect: (reason) => {
      if (reason !== 'io server disconnect') setStatus('reconnecting', t('status.reconnecting'));
      else if (store.me.replaced) setStatus('offline', t('status.replaced'));
      else setStatus('offline', store.me.kicked ? t('status.removed') : t('status.disconnected'));
    },
    connect_error: (err) => {
      const code = err && err.data && err.data.code;
      if (PASSWORD_CODES.has(code)) setStatus('offline', t('status.passwordNeeded'));
      else if (code) setStatus('offline', t('status.offline')); // refused: banned, room full...
      else setStatus('reconnecting', t('status.unreachable'));
    },
  },
  managerEvents: {
    reconnect_attempt: () => setStatus('reconnecting', t('status.reconnecting')),
  },
};
