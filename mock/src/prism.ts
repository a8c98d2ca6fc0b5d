import { createRequire } from 'node:module';
// Types are named through this type-only import, not through the value import below: the
// package's public `.d.ts` includes this module (for PrismLogLevel), and a value import named in
// a type stays in it, bringing in Prism's declarations, which need pino's, which do not exist. A
// consumer would then type-check only with `skipLibCheck` (release/test/consumer.test.ts).
import type * as PrismHttp from '@stoplight/prism-http';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { JSON_SCHEMA_2020_12, OAS_31_DIALECT } from './constants.js';

/** One operation of the contract as Prism's loader returns it. */
export type PrismOperation = Awaited<
  ReturnType<typeof PrismHttp.getHttpOperationsFromSpec>
>[number];

/** Prism's log levels; `'silent'` unless someone is debugging example selection. */
export type PrismLogLevel = 'silent' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** The operations of a spec, ready for Prism, and what the gate needs to know about them. */
export interface LoadedSpec {
  operations: PrismOperation[];
  /**
   * Example name → status code, per path. Prism looks a `Prefer: example=…` up only in the
   * response it would pick anyway (the 200), so `example=transient` alone is a 404; the gate
   * uses this map to add the status code the example belongs to.
   */
  exampleCodes: Map<string, Map<string, number>>;
  /**
   * Status code → example names, per path: what a `Prefer` header may choose from. The gate
   * refuses anything else itself, because Prism answers some of those combinations with a 500.
   */
  responses: Map<string, Map<number, string[]>>;
}

/**
 * Loads and dereferences the spec with Prism's own loader, then makes its JSON Schemas
 * validatable.
 *
 * Why the rewrite: a 3.1 document that declares `jsonSchemaDialect` (ours does, to be explicit)
 * gets that URI stamped as `$schema` on every schema. Prism's Ajv has no meta-schema for the OAS
 * dialect URI, its compile throws, and Prism swallows the error and reports the body as VALID —
 * request and response validation silently switch off. The OAS 3.1 base dialect is JSON Schema
 * 2020-12 plus annotation keywords Ajv ignores, so naming 2020-12 instead is exact.
 */
export async function loadSpec(specPath: string): Promise<LoadedSpec> {
  const operations = await getHttpOperationsFromSpec(specPath);
  replaceDialect(operations, new Set());
  const exampleCodes = new Map<string, Map<string, number>>();
  const responses = new Map<string, Map<number, string[]>>();
  for (const operation of operations) {
    const byName = exampleCodes.get(operation.path) ?? new Map<string, number>();
    const byCode = responses.get(operation.path) ?? new Map<number, string[]>();
    for (const response of operation.responses) {
      const code = Number(response.code);
      if (!Number.isInteger(code)) continue;
      const names = byCode.get(code) ?? [];
      for (const content of response.contents ?? []) {
        for (const example of content.examples ?? []) {
          // First one wins: a name reused across codes stays ambiguous and needs `code=`.
          if (!byName.has(example.key)) byName.set(example.key, code);
          if (!names.includes(example.key)) names.push(example.key);
        }
      }
      byCode.set(code, names);
    }
    exampleCodes.set(operation.path, byName);
    responses.set(operation.path, byCode);
  }
  return { operations, exampleCodes, responses };
}

function replaceDialect(value: unknown, seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const record = value as Record<string, unknown>;
  if (record.$schema === OAS_31_DIALECT) record.$schema = JSON_SCHEMA_2020_12;
  for (const child of Object.values(record)) replaceDialect(child, seen);
}

/** Prism listening on a loopback port only the gate talks to. */
export interface PrismServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

type PinoLike = (options: object) => unknown;

/**
 * The logger Prism's components need: pino, at `level`, with the custom `success` level Prism
 * logs at (its CLI defines it; without it the mocker throws). Typed loosely: pino 6 ships no
 * types, and Prism only needs the object.
 */
export function createPrismLogger(level: PrismLogLevel): PrismHttp.PrismHttpComponents['logger'] {
  const pino = createRequire(import.meta.url)('pino') as PinoLike;
  return pino({
    customLevels: { success: 31 },
    level,
    base: {},
  }) as PrismHttp.PrismHttpComponents['logger'];
}

/**
 * Starts Prism in this process on an ephemeral loopback port, request and response validation on.
 *
 * `errors: true` turns a response that breaks its own schema (a wrong example in the spec) into
 * a loud 500 instead of a log line nobody reads.
 */
export async function startPrism(
  operations: PrismOperation[],
  logLevel: PrismLogLevel = 'silent',
): Promise<PrismServer> {
  const server = createServer(operations, {
    components: { logger: createPrismLogger(logLevel) },
    cors: false,
    config: {
      checkSecurity: true,
      validateRequest: true,
      validateResponse: true,
      errors: true,
      upstreamProxy: undefined,
      isProxy: false,
      mock: { dynamic: false },
    },
  });
  const url = await server.listen(0, '127.0.0.1');
  return { url, close: () => server.close() };
}
