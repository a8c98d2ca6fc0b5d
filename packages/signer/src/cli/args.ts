import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/** Where the body comes from: a file, or standard input (`undefined`). */
type BodySource = string | undefined;

/** Options both commands share. */
interface Common {
  appKeyFile: string | undefined;
  bodyFile: BodySource;
  json: boolean;
}

/** `tianman-sign --app-id …`: sign a body. */
export interface SignCommand extends Common {
  command: 'sign';
  appId: string;
  timestamp: string | undefined;
  nonce: string | undefined;
  url: string | undefined;
}

/** `tianman-sign --verify <header>`: check a header against a body. */
export interface VerifyCommand extends Common {
  command: 'verify';
  header: string;
  appId: string | undefined;
  now: string | undefined;
  /** Seconds; `Infinity` for `off`. */
  tolerance: number | undefined;
}

/** What the command line asks for. */
export type Command = SignCommand | VerifyCommand | { command: 'help' };

const OPTIONS = {
  'app-id': { type: 'string' },
  'app-key': { type: 'string' },
  'app-key-file': { type: 'string' },
  'body-file': { type: 'string' },
  timestamp: { type: 'string' },
  nonce: { type: 'string' },
  url: { type: 'string' },
  verify: { type: 'string' },
  now: { type: 'string' },
  tolerance: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SIGN_ONLY = ['timestamp', 'nonce', 'url'] as const;
const VERIFY_ONLY = ['now', 'tolerance'] as const;

function parseTolerance(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value === 'off') return Number.POSITIVE_INFINITY;
  if (!/^\d+$/.test(value)) {
    throw new UsageError('--tolerance must be a whole number of seconds or "off"');
  }
  return Number(value);
}

const APP_KEY_REFUSED =
  '--app-key is refused: a key on the command line lands in shell history and in the ' +
  'process list. Set TIANMAN_APP_KEY or pass --app-key-file';

type OptionName = keyof typeof OPTIONS;

/** The values of a command line that passed {@link readShape}. */
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];

function isOption(name: string): name is OptionName {
  return Object.hasOwn(OPTIONS, name);
}

/** Edit distance, for "did you mean": only the known name is ever shown. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function suggestion(rawName: string): string {
  const name = rawName.replace(/^-+/, '');
  // --app-key is refused whatever follows; pointing at it would only lead there.
  const near = Object.keys(OPTIONS).find(
    (known) => known !== 'app-key' && distance(name, known) <= 2,
  );
  return near === undefined ? ' (see --help)' : `; did you mean --${near}?`;
}

/**
 * Checks the shape of the command line before reading it. Arguments are named by position and
 * never echoed: a word in the wrong place is often a key pasted where an option was meant, and
 * an error message goes to terminals, logs and screenshots.
 */
function readShape(argv: readonly string[]): Values {
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
      throw new UsageError(
        `unexpected argument ${position}: tianman-sign takes options only (the body comes from ` +
          '--body-file or standard input, the key from TIANMAN_APP_KEY or --app-key-file; see --help)',
      );
    }
    if (token.kind !== 'option') continue;
    if (!isOption(token.name)) {
      throw new UsageError(`unknown option ${position}${suggestion(token.rawName)}`);
    }
    const option = `--${token.name}`;
    if (token.name === 'app-key') throw new UsageError(APP_KEY_REFUSED);
    if (OPTIONS[token.name].type === 'boolean') {
      if (token.value !== undefined) {
        throw new UsageError(`${option} takes no value (argument ${position})`);
      }
    } else if (token.value === undefined) {
      throw new UsageError(`${option} needs a value (argument ${position})`);
    } else if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
      // More likely the next option than a value, as node:util's strict mode judges too ('-'
      // alone is a value: `--body-file -` is standard input).
      throw new UsageError(
        `${option} needs a value (argument ${position}); one that starts with '-' goes as ${option}=-…`,
      );
    }
  }
  // Every token is now a known option with a value of its type: what the strict parse returns.
  return values as Values;
}

function assertTimestamp(option: string, value: string | undefined): void {
  // The signer's own message quotes the value; on the command line it could be anything.
  if (value !== undefined && !/^\d{14}$/.test(value)) {
    throw new UsageError(`${option} must be 14 digits yyyyMMddHHmmss in Beijing time`);
  }
}

/** Reads the command line; throws a `UsageError` that says how to fix it. */
export function parseCommand(argv: readonly string[]): Command {
  // One non-strict parse, checked by hand: node:util's strict errors quote the arguments.
  const values = readShape(argv);
  if (values.help) return { command: 'help' };
  const common: Common = {
    appKeyFile: values['app-key-file'],
    bodyFile: values['body-file'] === '-' ? undefined : values['body-file'],
    json: values.json ?? false,
  };

  if (values.verify !== undefined) {
    const misplaced = SIGN_ONLY.find((name) => values[name] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} is for signing, not with --verify`);
    assertTimestamp('--now', values.now);
    return {
      command: 'verify',
      ...common,
      header: values.verify,
      appId: values['app-id'],
      now: values.now,
      tolerance: parseTolerance(values.tolerance),
    };
  }

  const misplaced = VERIFY_ONLY.find((name) => values[name] !== undefined);
  if (misplaced) throw new UsageError(`--${misplaced} is for --verify only`);
  assertTimestamp('--timestamp', values.timestamp);
  const appId = values['app-id'];
  if (appId === undefined) {
    throw new UsageError('--app-id is required to sign (or pass --verify <header>; see --help)');
  }
  if (values.url !== undefined && !URL.canParse(values.url)) {
    throw new UsageError(
      '--url must be an absolute URL, such as https://test-api-open.chinaums.com/…',
    );
  }
  return {
    command: 'sign',
    ...common,
    appId,
    timestamp: values.timestamp,
    nonce: values.nonce,
    url: values.url,
  };
}
