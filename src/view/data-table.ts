// A sortable, filterable table over column accessors. Rows are indices into
// the caller's typed arrays, so 50 k senders never become 50 k objects; only
// one page of rows becomes DOM. Cells are text.
import { el, clear, formatCount } from './element.ts';

export interface Column {
  label: string;
  /** Cell text. */
  text(row: number): string;
  /** Sort key; defaults to the text. */
  key?(row: number): number | string;
  numeric?: boolean;
  title?: string;
  /** Long text that may wrap, so every column fits the page. */
  wrap?: boolean;
}

export interface DataTable {
  readonly root: HTMLElement;
  setRows(rows: ArrayLike<number>): void;
  onActivate(listener: (row: number) => void): void;
}

export function createDataTable(caption: string, columns: Column[], options: { pageSize?: number; filterPlaceholder?: string } = {}): DataTable {
  const pageSize = options.pageSize ?? 50;
  let all: number[] = [];
  let shown: number[] = [];
  let sortColumn = -1;
  let sortDescending = false;
  let page = 0;
  const listeners: ((row: number) => void)[] = [];

  const filter = el('input', { type: 'search', class: 'table-filter', placeholder: options.filterPlaceholder ?? 'Filter rows', 'aria-label': `Filter ${caption}` });
  const count = el('span', { class: 'table-count', 'aria-live': 'polite' });
  const previous = el('button', { type: 'button', text: '‹ Previous' });
  const next = el('button', { type: 'button', text: 'Next ›' });
  const headRow = el('tr');
  const body = el('tbody');
  const table = el('table', { class: 'data-table' }, el('caption', { text: caption }), el('thead', {}, headRow), body);
  const root = el('div', { class: 'table-block' }, el('div', { class: 'table-tools' }, filter, count, previous, next), el('div', { class: 'table-scroll' }, table));

  columns.forEach((column, index) => {
    const button = el('button', { type: 'button', class: 'sort', text: column.label, title: column.title ?? `Sort by ${column.label}` });
    const th = el('th', { scope: 'col', 'aria-sort': 'none', class: column.numeric ? 'num' : undefined }, button);
    button.addEventListener('click', () => {
      sortDescending = sortColumn === index ? !sortDescending : column.numeric === true;
      sortColumn = index;
      for (const cell of headRow.children) cell.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', sortDescending ? 'descending' : 'ascending');
      refresh();
    });
    headRow.append(th);
  });

  filter.addEventListener('input', () => {
    page = 0;
    refresh();
  });
  previous.addEventListener('click', () => {
    page = Math.max(0, page - 1);
    render();
  });
  next.addEventListener('click', () => {
    page = Math.min(Math.max(0, Math.ceil(shown.length / pageSize) - 1), page + 1);
    render();
  });

  function refresh(): void {
    const needle = filter.value.trim().toLowerCase();
    shown = needle ? all.filter((row) => columns.some((c) => c.text(row).toLowerCase().includes(needle))) : all.slice();
    if (sortColumn >= 0) {
      const column = columns[sortColumn];
      const key = column.key ?? column.text;
      const keys = new Map<number, number | string>();
      for (const row of shown) keys.set(row, key(row));
      const sign = sortDescending ? -1 : 1;
      shown.sort((a, b) => {
        const ka = keys.get(a)!;
        const kb = keys.get(b)!;
        return sign * (ka < kb ? -1 : ka > kb ? 1 : 0);
      });
    }
    render();
  }

  function render(): void {
    clear(body);
    const start = page * pageSize;
    for (const row of shown.slice(start, start + pageSize)) {
      const tr = el('tr', { tabindex: listeners.length ? 0 : undefined });
      for (const column of columns) tr.append(el('td', { class: column.numeric ? 'num' : column.wrap ? 'wrap' : undefined, text: column.text(row) }));
      if (listeners.length) {
        tr.classList.add('activatable');
        tr.addEventListener('click', () => listeners.forEach((l) => l(row)));
        tr.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            listeners.forEach((l) => l(row));
          }
        });
      }
      body.append(tr);
    }
    const end = Math.min(shown.length, start + pageSize);
    count.textContent = shown.length === 0 ? 'no rows' : `rows ${formatCount(start + 1)}–${formatCount(end)} of ${formatCount(shown.length)}`;
    previous.disabled = page === 0;
    next.disabled = end >= shown.length;
  }

  return {
    root,
    setRows(rows) {
      all = Array.from(rows);
      page = 0;
      refresh();
    },
    onActivate: (listener) => listeners.push(listener),
  };
}
