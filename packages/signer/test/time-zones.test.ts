import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);

// Instants around midnight in Beijing and around the Los Angeles DST changes, where a
// formatter that leaned on local time would give itself away.
const INSTANTS = [
  '2017-01-01T04:00:00Z',
  '2016-12-31T16:00:00Z',
  '2016-12-31T15:59:59Z',
  '2024-03-10T10:30:00Z',
  '2024-11-03T09:30:00Z',
  '2024-06-30T23:59:59.999Z',
];
const EXPECTED = {
  formatted: [
    '20170101120000',
    '20170101000000',
    '20161231235959',
    '20240310183000',
    '20241103173000',
    '20240701075959',
  ],
  parsed: [
    '2017-01-01T04:00:00.000Z',
    '2016-12-31T16:00:00.000Z',
    '2016-12-31T15:59:59.000Z',
    '2024-03-10T10:30:00.000Z',
    '2024-11-03T09:30:00.000Z',
    '2024-06-30T23:59:59.000Z',
  ],
  signature: 'GINsCTyNKTpEI9KXO16KqZJ64fOyAytEKl8aaR/Dy08=',
};

/** Runs the built package in a fresh Node process under the given TZ. */
async function inTimeZone(tz: string) {
  const entry = pathToFileURL(join(inject('distDir'), 'index.js')).href;
  const script = `
    const { formatTimestamp, parseTimestamp, sign } = await import(${JSON.stringify(entry)});
    const instants = ${JSON.stringify(INSTANTS)}.map((iso) => new Date(iso));
    const formatted = instants.map((d) => formatTimestamp(d));
    const { signature } = await sign({
      appId: '12345678901234567890123456789012',
      appKey: '67890123456789012345678901234567',
      nonce: '09876543210987654321098765432109',
      body: 'A',
      now: instants[0],
    });
    console.log(JSON.stringify({
      formatted,
      parsed: formatted.map((s) => parseTimestamp(s).toISOString()),
      signature,
      localOffsets: instants.map((d) => d.getTimezoneOffset()),
    }));
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, TZ: tz },
  });
  return JSON.parse(stdout) as typeof EXPECTED & { localOffsets: number[] };
}

describe('Beijing time whatever the host time zone', () => {
  it.each([
    ['UTC', [0, 0, 0, 0, 0, 0]],
    ['America/Los_Angeles', [480, 480, 480, 420, 480, 420]],
    ['Asia/Shanghai', [-480, -480, -480, -480, -480, -480]],
  ])('TZ=%s formats, parses and signs identically', async (tz, offsets) => {
    const { localOffsets, ...result } = await inTimeZone(tz);
    // The child really ran in that zone (Los Angeles in and out of DST), or the test proves nothing.
    expect(localOffsets).toEqual(offsets);
    expect(result).toEqual(EXPECTED);
  });
});
