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

/** Reads the command line; throws a `UsageError` that says how to fix it. */
export function parseCommand(argv: readonly string[]): Command {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true }));
  } catch (error) {
    // node:util spreads some messages over lines; the CLI reports in one.
    throw new UsageError(`${(error as Error).message.replace(/\s*\n\s*/g, ' ')} (see --help)`);
  }
  if (values.help) return { command: 'help' };
  if (values['app-key'] !== undefined) {
    throw new UsageError(
      '--app-key is refused: a key on the command line lands in shell history and in the ' +
        'process list. Set TIANMAN_APP_KEY or pass --app-key-file',
    );
  }
  const common: Common = {
    appKeyFile: values['app-key-file'],
    bodyFile: values['body-file'] === '-' ? undefined : values['body-file'],
    json: values.json ?? false,
  };

  if (values.verify !== undefined) {
    const misplaced = SIGN_ONLY.find((name) => values[name] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} is for signing, not with --verify`);
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
