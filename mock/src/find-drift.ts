import type * as PrismCore from '@stoplight/prism-core';
import type { AnswerBody } from './answer-body.js';
import { describeFound } from './describe-found.js';
import type { DriftEntry } from './drift-entry.js';
import { findResponseKey } from './find-response-key.js';
import { escapePointerToken, valueAtPointer } from './json-pointer.js';
import { KNOWN_CODES_EXTENSION, type KnownCodes, knownCodesKey } from './known-codes.js';
import type { PrismOperation } from './prism.js';

/** One of Prism's validation diagnostics (what its server puts in `sl-violations`). */
export type PrismDiagnostic = PrismCore.IPrismDiagnostic;

/** An answer from the upstream and what Prism said of it. */
export interface DriftCheck {
  /** The operation Prism's router matched; `undefined` when it matched none. */
  operation: PrismOperation | undefined;
  /** The request's method (any case) and path (no query). */
  method: string;
  path: string;
  status: number;
  /** The media type of the answer (`text/html`), lower case, without parameters. */
  mediaType: string | undefined;
  body: AnswerBody;
  /** Prism's output validation of the answer (`validateOutput`). */
  diagnostics: readonly PrismDiagnostic[];
  knownCodes: KnownCodes;
  /** When the answer came back. */
  time: Date;
}

/** The members that carry the platform's result code, in its two dialects. */
const CODE_MEMBERS = ['respCode', 'errCode'] as const;

/**
 * Turns Prism's verdict on an answer into drift entries, one per disagreement, and adds what
 * Prism does not check: the answer's result code against the response's
 * `x-tianman-known-codes`.
 *
 * Decisions: a request that matches no operation is one `operation` entry (nothing to check it
 * against); a status the operation does not define is one `status` entry (no schema to check the
 * body with); a body that is not JSON where the spec says JSON (an HTML error page, an empty
 * body) is one `json` entry, instead of Prism's media-type complaint plus "must be object".
 * Prism's `if` failure is left out: it only says that the `then` branch failed, and that
 * branch's own failures are reported.
 */
export function findDrift(check: DriftCheck): DriftEntry[] {
  const base = {
    time: check.time.toISOString(),
    ...(check.operation?.iid ? { operationId: check.operation.iid } : {}),
    method: check.method.toUpperCase(),
    path: check.path,
    status: check.status,
  };
  const { operation } = check;
  if (!operation) {
    return [
      {
        ...base,
        where: 'operation',
        keyword: 'operation',
        rule: 'a request the spec describes (an operation with this method and path)',
        found: `no operation for ${base.method} ${check.path}`,
      },
    ];
  }
  const keys = operation.responses.map((response) => response.code);
  const key = findResponseKey(keys, check.status);
  const response = operation.responses.find((candidate) => candidate.code === key);
  if (key === undefined || response === undefined) {
    return [
      {
        ...base,
        where: 'status',
        keyword: 'status',
        rule: `a status the operation defines: ${keys.join(', ')}`,
        found: `${check.status}, ${describeBody(check)}`,
      },
    ];
  }
  const mediaTypes = (response.contents ?? []).map((content) => content.mediaType);
  const entries: DriftEntry[] = [];
  const jsonExpected = mediaTypes.some(isJsonMediaType);
  if (jsonExpected && check.body.kind !== 'json') {
    entries.push({
      ...base,
      where: 'body',
      pointer: '',
      keyword: 'json',
      rule: `a JSON body (${mediaTypes.join(', ')}), as the spec's ${key} response says`,
      found: describeBody(check),
    });
  }
  for (const diagnostic of check.diagnostics) {
    const [place, ...segments] = diagnostic.path ?? [];
    if (place === 'body') {
      if (check.body.kind !== 'json' || diagnostic.code === 'if') continue;
      entries.push({ ...base, ...bodyDrift(diagnostic, segments, check.body.value) });
    } else if (place === 'header') {
      entries.push({ ...base, ...headerDrift(diagnostic, segments) });
    } else if (!jsonExpected || check.body.kind === 'json') {
      // With the status matched, the one diagnostic without a path is the media type's. Its
      // message quotes the header as received; the entry says the same with the parsed type.
      entries.push({
        ...base,
        where: 'header',
        header: 'content-type',
        keyword: 'media-type',
        rule: `the media type the spec gives the ${key} response: ${mediaTypes.join(', ')}`,
        found: check.mediaType ?? 'no content-type',
      });
    }
  }
  entries.push(...codeDrift(check, base, key));
  return entries;
}

/** The entry of one body diagnostic: its pointer, Ajv's words, and what is there. */
function bodyDrift(
  diagnostic: PrismDiagnostic,
  segments: readonly string[],
  body: unknown,
): Pick<DriftEntry, 'where' | 'pointer' | 'keyword' | 'rule' | 'found'> {
  // Prism splits Ajv's instancePath at '/', so the segments are still escaped pointer tokens.
  let pointer = segments.map((segment) => `/${segment}`).join('');
  let rule = withoutPrefix(diagnostic.message, 'Response body', segments, 'property');
  const keyword = String(diagnostic.code ?? '');
  // Ajv reports a missing or an unexpected member at its parent; the member is the place.
  const member =
    (keyword === 'required' && /^must have required property '(.*)'$/s.exec(rule)) ||
    (keyword === 'additionalProperties' &&
      /^(must NOT have additional properties); found '(.*)'$/s.exec(rule)) ||
    (keyword === 'unevaluatedProperties' &&
      /^(must NOT have unevaluated properties): '(.*)'$/s.exec(rule)) ||
    undefined;
  if (member) {
    const name = member[member.length - 1] ?? '';
    pointer += `/${escapePointerToken(name)}`;
    if (keyword !== 'required') rule = member[1] ?? rule;
  }
  return {
    where: 'body',
    pointer,
    keyword,
    rule,
    found: describeFound(valueAtPointer(body, pointer), pointer),
  };
}

/** The entry of one header diagnostic; a header's value is never shown. */
function headerDrift(
  diagnostic: PrismDiagnostic,
  segments: readonly string[],
): Pick<DriftEntry, 'where' | 'header' | 'keyword' | 'rule' | 'found'> {
  const keyword = String(diagnostic.code ?? '');
  const rule = withoutPrefix(diagnostic.message, 'Response header', segments, 'parameter');
  // A missing header is reported at the headers as a whole, like a missing body member.
  const missing =
    keyword === 'required' ? /^must have required property '(.*)'$/s.exec(rule) : null;
  return {
    where: 'header',
    header: (missing?.[1] ?? segments[0] ?? '').toLowerCase(),
    keyword,
    rule,
    // It may be a cookie or a credential.
    found: missing ? 'absent' : 'a value the rule refuses (header values are not shown)',
  };
}

/**
 * Prism prefixes Ajv's message with where it looked (`Response body property detail.paidTime
 * must be string`): the entry's pointer says that, so the rule keeps Ajv's words only.
 */
function withoutPrefix(
  message: string,
  context: string,
  segments: readonly string[],
  kind: string,
): string {
  const prefix = `${context} ${segments.length > 0 ? `${kind} ${segments.join('.')} ` : ''}`;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** `respCode`/`errCode` against the response's `x-tianman-known-codes`, when it has them. */
function codeDrift(
  check: DriftCheck,
  base: Pick<DriftEntry, 'time' | 'operationId' | 'method' | 'path' | 'status'>,
  key: string,
): DriftEntry[] {
  const known = check.knownCodes.get(knownCodesKey(check.method, check.operation?.path ?? ''));
  const codes = known?.get(key);
  const body = check.body.kind === 'json' ? check.body.value : undefined;
  if (!codes || typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const entries: DriftEntry[] = [];
  for (const member of CODE_MEMBERS) {
    const pointer = `/${member}`;
    const found = valueAtPointer(body, pointer);
    if (!found.present || typeof found.value !== 'string' || codes.includes(found.value)) continue;
    entries.push({
      ...base,
      where: 'body',
      pointer,
      keyword: KNOWN_CODES_EXTENSION,
      rule: `one of the codes the spec knows for the ${key} response: ${codes.join(', ')}`,
      found: describeFound(found, pointer),
    });
  }
  return entries;
}

/** The body in a few words: `a JSON body`, `a text/html body of 154 bytes, not JSON`, … */
function describeBody(check: DriftCheck): string {
  const { body } = check;
  if (body.kind === 'json') return 'a JSON body';
  if (body.kind === 'empty') return 'an empty body';
  if (body.kind === 'undecodable') {
    return `a body that does not decode as its content-encoding (${body.encoding}) says`;
  }
  return `a ${check.mediaType ?? 'no content-type'} body of ${body.bytes} bytes, not JSON`;
}

/** `application/json` or a structured-syntax `+json` type, as the spec writes it. */
function isJsonMediaType(mediaType: string): boolean {
  const essence = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return (
    essence === 'application/json' ||
    (essence.startsWith('application/') && essence.endsWith('+json'))
  );
}
