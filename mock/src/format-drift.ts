import type { DriftEntry } from './drift-entry.js';

/**
 * The drift of one answer for its log line, `` when there is none:
 * `  drift: /respCode absent (required); content-type text/html (media-type)`. The full entries
 * are in the report; this says where to look.
 */
export function formatDrift(drift: readonly DriftEntry[] | undefined): string {
  if (drift === undefined || drift.length === 0) return '';
  const items = drift.map((entry) => {
    const place =
      entry.where === 'body'
        ? entry.pointer || '(body)'
        : entry.where === 'header'
          ? (entry.header ?? 'header')
          : entry.where;
    return `${place} ${entry.found} (${entry.keyword})`;
  });
  return `  drift: ${items.join('; ')}`;
}
