// The classroom's "What am I looking at?": a few paragraphs under each
// results view, collapsed so they cost an analyst nothing.
import { el } from './element.ts';

export function explain(paragraphs: string[], id?: string): HTMLDetailsElement {
  return el('details', { class: 'explain', id }, el('summary', { text: 'What am I looking at?' }), ...paragraphs.map((p) => el('p', { text: p })));
}
