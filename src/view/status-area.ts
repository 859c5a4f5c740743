// One place for what the app is doing and what went wrong, pinned where the
// user is looking (top of the active view), announced to screen readers.
import { el, clear } from './element.ts';

export interface StatusArea {
  readonly root: HTMLElement;
  info(message: string): void;
  error(title: string, detail?: string): void;
  clear(): void;
}

export function createStatusArea(): StatusArea {
  const message = el('p', { class: 'status-message', role: 'status', 'aria-live': 'polite' });
  const alert = el('div', { class: 'status-error', role: 'alert', hidden: true });
  const root = el('div', { class: 'status-area', id: 'status' }, message, alert);
  return {
    root,
    info(text) {
      message.textContent = text;
    },
    error(title, detail) {
      message.textContent = '';
      clear(alert);
      const dismiss = el('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss error', text: '×' });
      dismiss.addEventListener('click', () => {
        alert.hidden = true;
      });
      alert.append(el('strong', { text: title }), dismiss);
      if (detail) alert.append(el('pre', { text: detail }));
      alert.hidden = false;
      alert.scrollIntoView({ block: 'nearest' });
    },
    clear() {
      message.textContent = '';
      alert.hidden = true;
      clear(alert);
    },
  };
}
