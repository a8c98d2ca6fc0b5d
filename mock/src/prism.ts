import { createRequire } from 'node:module';
// Types are named through this type-only import, not through the value import below: the
// package's public `.d.ts` includes this module (for PrismLogLevel), and a value import named in
// a type stays in it, bringing in Prism's declarations, which need pino's, which do not exist. A
// consumer would then type-check only with `skipLibCheck` (release/test/consumer.test.ts).
import type * as PrismHttp from '@stoplight/prism-http';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { JSON_SCHEMA_2020_12, OAS_31_DIALECT } from './constants.js';
import type { Route } from './find-route.js';

/** One operation of the contract as Prism's loader returns it. */
export type PrismOperation = Awaited<
  ReturnType<typeof PrismHttp.getHttpOperationsFromSpec>
>[number];

/** Prism's log levels; `'silent'` unless someone is debugging example selection. */
export type PrismLogLevel = 'silent' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** The operations of a spec, ready for Prism, and what the gate needs to know about them. */
export interface LoadedSpec {
  operations: PrismOperation[];
  /** Each operation's method, path template and examples, for the gate (see `findRoute`). */
  routes: Route[];
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
  for (const operation of operations) explodeFormQueries(operation);
  const routes: Route[] = [];
  for (const operation of operations) {
    const byName = new Map<string, number>();
    const byCode = new Map<number, string[]>();
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
    routes.push({
      method: operation.method.toUpperCase(),
      path: operation.path,
      exampleCodes: byName,
      responses: byCode,
    });
  }
  return { operations, routes };
}

/**
 * Says on each form-style query parameter what OpenAPI leaves implicit: `explode: true`, its
 * default for that style (an array is `name=a&name=b`, as the client sends it). Prism reads a
 * missing `explode` as false, and then validates only the last `name=` of the query, split at
 * commas: `fields=x&fields=state` would pass an enum check that `x` fails.
 */
function explodeFormQueries(operation: PrismOperation): void {
  for (const parameter of operation.request?.query ?? []) {
    if ((parameter.style ?? 'form') === 'form') parameter.explode ??= true;
  }
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
