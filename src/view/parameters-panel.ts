// Parameters: one field per entry of the method's parameter table
// (src/method/params.ts: the CLI reads the same names, defaults, bounds and
// help), the paper's settings one click away, the DKS dictionary viewable and
// editable.
import { el } from './element.ts';
import { checkParam, defaultParams, ParamError, PARAMS, type DarkVecParams, type ParamSpec } from '../method/params.ts';

export interface ParametersPanel {
  readonly root: HTMLElement;
  /** The values on screen, checked; on a bad value reports it, focuses the field and throws. */
  read(): { params: DarkVecParams; dictionary: string | null };
  write(p: DarkVecParams, dictionary?: string | null): void;
}

const GROUPS = { corpus: 'Corpus', training: 'Training', analysis: 'Analysis', days: 'Day by day' } as const;

export function createParametersPanel(cores: number, bundledDictionary: string, onError: (title: string, detail: string) => void): ParametersPanel {
  const fields = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const groups = new Map<string, HTMLElement>();
  for (const [group, title] of Object.entries(GROUPS)) groups.set(group, el('div', { class: 'form-grid', role: 'group', 'aria-label': title }));
  for (const spec of PARAMS) {
    const input = fieldFor(spec);
    fields.set(spec.key, input);
    const label = spec.key === 'threads' ? `${spec.label} (this device: ${cores})` : spec.label;
    groups.get(spec.group)!.append(el('label', { title: spec.help }, el('span', { text: label }), input, el('small', { text: spec.help })));
  }
  const dictionary = el('textarea', { class: 'dictionary', id: 'dks-dictionary', spellcheck: 'false', 'aria-label': 'DKS dictionary (JSON)' });
  dictionary.value = bundledDictionary;
  const resetDictionary = el('button', { type: 'button', text: 'Restore the bundled dictionary' });
  resetDictionary.addEventListener('click', () => (dictionary.value = bundledDictionary));
  const preset = el('button', { type: 'button', id: 'paper-preset', text: 'Paper settings' });
  preset.title = 'DKS services, c = 25, V = 50, 20 epochs, 5 negatives, k = 7, graph k = 3, curve to k = 14';
  preset.addEventListener('click', () => write(defaultParams(cores), null));

  const root = el('div', {},
    el('h2', { text: 'Parameters' }),
    el('p', { class: 'row' }, preset, el('span', { class: 'muted', text: preset.title })),
    ...Object.entries(GROUPS).flatMap(([group, title]) => [el('h3', { text: title }), groups.get(group)!]),
    el('details', {}, el('summary', { text: 'DKS dictionary (JSON, editable)' }),
      el('p', { class: 'muted', text: 'Service name -> list of "port/proto" entries. Ports not listed fall back to unk_sys (0-1023), unk_usr (1024-49151), unk_eph (49152-65535); ICMP is its own service.' }),
      dictionary, resetDictionary),
  );

  function write(p: DarkVecParams, dict: string | null = null): void {
    for (const spec of PARAMS) {
      const input = fields.get(spec.key)!;
      const value = p[spec.key];
      if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = Boolean(value);
      else input.value = String(value);
    }
    dictionary.value = dict ?? bundledDictionary;
  }

  function read(): { params: DarkVecParams; dictionary: string | null } {
    const p = defaultParams(cores);
    for (const spec of PARAMS) {
      const input = fields.get(spec.key)!;
      const raw = input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : spec.kind === 'choice' ? input.value : input.value.trim() === '' ? NaN : Number(input.value);
      try {
        (p as unknown as Record<string, unknown>)[spec.key] = checkParam(spec.key, raw, `"${spec.label}"`);
      } catch (e) {
        if (!(e instanceof ParamError)) throw e;
        onError(`Parameter "${spec.label}" is not valid`, `${e.message}.`);
        input.focus();
        throw e;
      }
    }
    let dict: string | null = null;
    if (dictionary.value.trim() !== bundledDictionary.trim()) {
      try {
        JSON.parse(dictionary.value);
      } catch (e) {
        onError('The DKS dictionary is not valid JSON', `${(e as Error).message}. Fix it or restore the bundled dictionary.`);
        throw e;
      }
      dict = dictionary.value;
    }
    return { params: p, dictionary: dict };
  }

  write(defaultParams(cores));
  return { root, read, write };
}

function fieldFor(spec: ParamSpec): HTMLInputElement | HTMLSelectElement {
  const id = `param-${spec.flag}`;
  switch (spec.kind) {
    case 'choice':
      return el('select', { id, title: spec.help }, ...spec.choices.map((c) => el('option', { value: c, text: spec.choiceLabels[c] ?? c })));
    case 'boolean':
      return el('input', { type: 'checkbox', id, title: spec.help, style: 'justify-self:start;width:auto' });
    case 'int':
      return el('input', { type: 'number', id, min: spec.min, max: spec.max, step: 1, title: spec.help, required: true });
    case 'number':
      return el('input', { type: 'number', id, min: spec.above, max: spec.max, step: 'any', title: spec.help, required: true });
  }
}
