import { parseArgs } from 'node:util';

/** The options `tianman-mock` takes. */
const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  spec: { type: 'string' },
  proxy: { type: 'string' },
  report: { type: 'string' },
  quiet: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The values of a command line every token of which is a known option of its type. */
export type CliValues = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; strict: true }>
>['values'];

/**
 * Reads the command line, or says what is wrong with it. One non-strict `util.parseArgs` with
 * its tokens, each token then checked by hand — the way `tianman-sign` reads its own: an
 * argument is named by its position and never repeated, because a word in the wrong place is
 * often a key pasted where an option was meant, and node:util's strict errors quote it.
 */
export function readCommandLine(
  argv: readonly string[],
): { ok: true; values: CliValues } | { ok: false; problem: string } {
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    const position = `#${token.index + 1}`;
    if (token.kind === 'positional') {
      return {
        ok: false,
        problem: `unexpected argument ${position}: tianman-mock takes options only`,
      };
    }
    if (token.kind !== 'option') continue;
    if (!Object.hasOwn(OPTIONS, token.name)) {
      return { ok: false, problem: `unknown option ${position}` };
    }
    const option = `--${token.name}`;
    if (OPTIONS[token.name as keyof typeof OPTIONS].type === 'boolean') {
      if (token.value !== undefined) {
        return { ok: false, problem: `${option} takes no value (argument ${position})` };
      }
    } else if (token.value === undefined) {
      return { ok: false, problem: `${option} needs a value (argument ${position})` };
    } else if (!token.inlineValue && token.value.startsWith('-')) {
      // More likely the next option than a value, as node:util's strict mode judges too.
      return {
        ok: false,
        problem: `${option} needs a value (argument ${position}); one that starts with '-' goes as ${option}=-…`,
      };
    }
  }
  // Every token is a known option with a value of its type: what the strict parse returns.
  return { ok: true, values: values as CliValues };
}
