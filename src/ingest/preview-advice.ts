// What the page says as soon as a trace is chosen, from its preview: the
// decoder's refusal at once, columns to choose, or ready (a structured format
// builds without asking). Kept apart from preview-trace.ts so the page's main
// bundle needs no decoder.
import { ambiguousColumnsMessage, FIELD_LABELS } from './column-mapping';
import { describeSkips } from './skip-log';
import type { TracePreview } from './preview-trace';

/** What the page says about a preview, and whether it may build the corpus without asking. */
export interface PreviewAdvice {
  level: 'error' | 'map' | 'ready';
  title: string;
  detail: string;
}

export function previewAdvice(fileName: string, p: TracePreview): PreviewAdvice {
  const notes = [...p.warnings, ...(p.conversions.length ? [`read as ${p.conversions.join(', ')}`] : [])];
  const noted = (text: string) => [text, ...notes].join(' ');
  const skips = p.verdict.skipped.total > 0 ? ` In the first ${p.verdict.records + p.verdict.skipped.total} records: ${describeSkips(p.verdict.skipped)}.` : '';
  if (p.verdict.error) return { level: 'error', title: `${fileName}: the ${p.format} decoder refused the file`, detail: noted(p.verdict.error) };
  if (p.structured) {
    return {
      level: 'ready',
      title: `${fileName}: ${p.format}`,
      detail: noted(`${p.verdict.records.toLocaleString('en-US')} records in the ${p.verdict.complete ? 'whole file' : 'first MiB'}; no columns to map.${skips}`),
    };
  }
  if (p.ambiguous.length > 0 || p.missing.length > 0) {
    const problems: string[] = [];
    if (p.ambiguous.length > 0) problems.push(ambiguousColumnsMessage(fileName, p.ambiguous).replace(`${fileName}: `, ''));
    if (p.missing.length > 0) problems.push(`no column found for ${p.missing.map((m) => FIELD_LABELS[m]).join(', ')}`);
    const shown = p.header.slice(0, 12).join(', ') + (p.header.length > 12 ? `, … (${p.header.length} columns)` : '');
    return {
      level: 'map',
      title: `${fileName}: choose the columns`,
      detail: noted(`${problems.join('; ')}. Columns in the file: ${shown || '(none)'}. Choose them in the mapping below, then "Build the corpus".`),
    };
  }
  return { level: 'ready', title: `${fileName}: columns detected`, detail: noted(`Check the mapping, then build the corpus.${skips}`) };
}
