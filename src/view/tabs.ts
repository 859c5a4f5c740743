// WAI-ARIA tabs: arrow keys move between tabs, Home/End jump, Enter/Space or
// focus activates. Panels are created once and kept, so charts keep their state.
import { el } from './element.ts';

export interface Tab {
  id: string;
  label: string;
  panel: HTMLElement;
}

export interface Tabs {
  readonly root: HTMLElement;
  select(id: string): void;
  onSelect(listener: (id: string) => void): void;
  setEnabled(id: string, enabled: boolean): void;
}

export function createTabs(name: string, tabs: Tab[], className = 'tabs'): Tabs {
  const listeners: ((id: string) => void)[] = [];
  const list = el('div', { role: 'tablist', 'aria-label': name, class: `${className}-list` });
  const buttons = new Map<string, HTMLButtonElement>();
  const root = el('div', { class: className }, list);
  for (const tab of tabs) {
    const button = el('button', {
      type: 'button',
      role: 'tab',
      id: `tab-${tab.id}`,
      'aria-controls': `panel-${tab.id}`,
      'aria-selected': 'false',
      tabindex: -1,
      text: tab.label,
    });
    button.addEventListener('click', () => select(tab.id));
    button.addEventListener('keydown', (event) => {
      const enabled = tabs.filter((t) => !buttons.get(t.id)!.disabled);
      const at = enabled.findIndex((t) => t.id === tab.id);
      let next = -1;
      if (event.key === 'ArrowRight') next = (at + 1) % enabled.length;
      else if (event.key === 'ArrowLeft') next = (at - 1 + enabled.length) % enabled.length;
      else if (event.key === 'Home') next = 0;
      else if (event.key === 'End') next = enabled.length - 1;
      if (next < 0) return;
      event.preventDefault();
      select(enabled[next].id);
      buttons.get(enabled[next].id)!.focus();
    });
    buttons.set(tab.id, button);
    list.append(button);
    tab.panel.id = `panel-${tab.id}`;
    tab.panel.setAttribute('role', 'tabpanel');
    tab.panel.setAttribute('aria-labelledby', `tab-${tab.id}`);
    tab.panel.tabIndex = 0;
    tab.panel.hidden = true;
    root.append(tab.panel);
  }

  function select(id: string): void {
    for (const tab of tabs) {
      const on = tab.id === id;
      const button = buttons.get(tab.id)!;
      button.setAttribute('aria-selected', String(on));
      button.tabIndex = on ? 0 : -1;
      tab.panel.hidden = !on;
    }
    for (const listener of listeners) listener(id);
  }

  select(tabs[0].id);
  return {
    root,
    select,
    onSelect: (listener) => listeners.push(listener),
    setEnabled(id, enabled) {
      const button = buttons.get(id);
      if (button) button.disabled = !enabled;
    },
  };
}
