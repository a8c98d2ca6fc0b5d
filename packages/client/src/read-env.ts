/**
 * An environment variable, on Node only: other runtimes have no `process`, or one that does not
 * hold the caller's variables.
 */
export function readEnv(name: string): string | undefined {
  const p = (globalThis as { process?: { versions?: { node?: string }; env?: object } }).process;
  return p?.versions?.node ? (p.env as Record<string, string | undefined>)[name] : undefined;
}
