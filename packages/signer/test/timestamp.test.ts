import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp } from '../src/index.js';

const utc = (iso: string) => Date.parse(iso);

describe('formatTimestamp', () => {
  it.each([
    ['the platform example', '2017-01-01T04:00:00Z', '20170101120000'],
    ['16:00 UTC, already the next day in Beijing', '2016-12-31T16:00:00Z', '20170101000000'],
    ['a second before that', '2016-12-31T15:59:59Z', '20161231235959'],
    ['a leap day', '2024-02-29T03:04:05Z', '20240229110405'],
    ['milliseconds, dropped not rounded', '2017-01-01T04:00:00.999Z', '20170101120000'],
    ['the epoch', '1970-01-01T00:00:00Z', '19700101080000'],
    ['a year below 1000, zero-padded', '0999-06-01T00:00:00Z', '09990601080000'],
  ])('formats %s in Beijing time', (_, iso, expected) => {
    expect(formatTimestamp(new Date(iso))).toBe(expected);
    expect(formatTimestamp(utc(iso))).toBe(expected);
  });

  it('gives every instant its own second, whatever was formatted before (the last-second cache)', () => {
    // Reference: ISO 8601 of the instant shifted to UTC+8, digits only.
    const reference = (ms: number) =>
      new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000)
        .toISOString()
        .replace(/\D/g, '')
        .slice(0, 14);
    const instant = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9998, 0, 1) });
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            instant,
            instant.map((ms) => ms - (ms % 1000) + 999),
          ),
          { minLength: 2, maxLength: 8 },
        ),
        (instants) => {
          for (const ms of [...instants, ...instants.reverse()]) {
            expect(formatTimestamp(ms)).toBe(reference(ms));
          }
        },
      ),
    );
    // The same second, either side of its boundary.
    const base = Date.UTC(2026, 10, 25, 4, 0, 0);
    expect(
      [base - 1, base, base + 999, base + 1000, base].map((ms) => formatTimestamp(ms)),
    ).toEqual([
      '20261125115959',
      '20261125120000',
      '20261125120000',
      '20261125120001',
      '20261125120000',
    ]);
  });

  it('defaults to the current time', () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const at = parseTimestamp(formatTimestamp()).getTime();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it.each([
    ['an invalid Date', new Date('nope'), /date must be a valid Date/],
    ['NaN', Number.NaN, /date must be a valid Date/],
    [
      'a string',
      '2017-01-01',
      /date must be a valid Date or a finite number of milliseconds \(got string\)/,
    ],
    [
      'a year past 9999',
      utc('+010000-01-01T00:00:00Z'),
      /date must fall in the years 0000 to 9999/,
    ],
    [
      'a year before 0000',
      utc('-000001-06-01T00:00:00Z'),
      /date must fall in the years 0000 to 9999/,
    ],
    ['an instant past the range of Date', 9e15, /date must fall in the years 0000 to 9999/],
  ])('refuses %s', (_, value, message) => {
    expect(() => formatTimestamp(value as never)).toThrow(TypeError);
    expect(() => formatTimestamp(value as never)).toThrow(message);
  });
});

describe('parseTimestamp', () => {
  it('reads Beijing time', () => {
    expect(parseTimestamp('20170101120000').toISOString()).toBe('2017-01-01T04:00:00.000Z');
    expect(parseTimestamp('20170101000000').toISOString()).toBe('2016-12-31T16:00:00.000Z');
    expect(parseTimestamp('00000101080000').toISOString()).toBe('0000-01-01T00:00:00.000Z');
    expect(parseTimestamp('00990101080000').toISOString()).toBe('0099-01-01T00:00:00.000Z');
  });

  it.each(['20160229120000', '20000229120000', '20241231235959', '20170131000000'])(
    'accepts the real date %s',
    (value) => {
      expect(formatTimestamp(parseTimestamp(value))).toBe(value);
    },
  );

  it.each([
    ['13 digits', '2017010112000'],
    ['a letter in the year', 'x0170101120000'],
    ['a sign in the year', '-0170101120000'],
    ['a letter in the seconds', '2017010112000x'],
    ['a decimal point', '2017010112.000'],
    ['15 digits', '201701011200000'],
    ['dashes', '2017-01-01 12:00'],
    ['Unix seconds', '1483243200'],
    ['surrounding space', ' 20170101120000'],
    ['full-width digits', '２０１７０１０１１２００００'],
    ['Arabic-Indic digits', '٢٠١٧٠١٠١١٢٠٠٠٠'],
    ['29 February of a common year', '20170229120000'],
    ['29 February 2100 (not a leap year)', '21000229120000'],
    ['31 April', '20170431120000'],
    ['month 00', '20170001120000'],
    ['month 13', '20171301120000'],
    ['day 00', '20170100120000'],
    ['hour 24', '20170101240000'],
    ['minute 60', '20170101126000'],
    ['second 60 (no leap seconds)', '20170101120060'],
  ])('refuses %s with a TypeError that names the rule and shows the value', (_, value) => {
    expect(() => parseTimestamp(value)).toThrow(TypeError);
    expect(() => parseTimestamp(value)).toThrow(
      `@tianman/signer: timestamp must be 14 digits yyyyMMddHHmmss naming a real date and time in Beijing time (got ${JSON.stringify(value.length > 32 ? `${value.slice(0, 32)}…` : value)})`,
    );
  });

  it('refuses a non-string, naming its type', () => {
    expect(() => parseTimestamp(20170101120000 as never)).toThrow(/\(got number\)$/);
  });

  it('cuts a long bad value short in its message', () => {
    expect(() => parseTimestamp('9'.repeat(1000))).toThrow(`(got "${'9'.repeat(32)}…")`);
  });

  it('inverts formatTimestamp for every second of the years 0000–9999', () => {
    const min = utc('0000-01-01T00:00:00Z');
    const max = utc('9999-12-31T15:59:59Z');
    fc.assert(
      fc.property(fc.integer({ min: min / 1000, max: max / 1000 }), (seconds) => {
        const ms = seconds * 1000;
        expect(parseTimestamp(formatTimestamp(ms)).getTime()).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  // An oracle written apart from the implementation: the Gregorian calendar's month lengths.
  const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthLength = (y: number, m: number) =>
    m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');

  it('formats what it parses back to the same string, for every valid timestamp', () => {
    // Built from fields, so every input is valid: random digits would be ~99.7% invalid.
    const valid = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 59 }),
        second: fc.integer({ min: 0, max: 59 }),
      })
      .map((f) => ({ ...f, day: Math.min(f.day, monthLength(f.year, f.month)) }))
      // Beijing midnight of 1 January 0000 is still 31 December -0001 in UTC: outside the range.
      .filter((f) => f.year > 0 || f.month > 1 || f.day > 1 || f.hour >= 8)
      .map(
        (f) =>
          pad(f.year, 4) +
          [f.month, f.day, f.hour, f.minute, f.second].map((n) => pad(n, 2)).join(''),
      );
    fc.assert(
      fc.property(valid, (value) => {
        expect(formatTimestamp(parseTimestamp(value))).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts exactly the digit strings that name a real date and time', () => {
    // Fields drawn from a little past each limit, so both sides of every rule are hit often.
    const field = (max: number, width: number) =>
      fc.integer({ min: 0, max: Math.min(max, 10 ** width - 1) }).map((n) => pad(n, width));
    // Century years (leap only every 400), February and the last days of a month are rare in a
    // uniform draw; they are where a calendar is most often wrong.
    const candidate = fc.tuple(
      fc.oneof(
        field(9999, 4),
        fc.integer({ min: 0, max: 99 }).map((c) => pad(c * 100, 4)),
      ),
      fc.oneof(field(14, 2), fc.constant('02')),
      fc.oneof(field(33, 2), fc.constantFrom('28', '29', '30', '31')),
      field(25, 2),
      field(61, 2),
      field(61, 2),
    );
    let accepted = 0;
    fc.assert(
      fc.property(candidate, (parts) => {
        const [y, mo, d, h, mi, s] = parts.map(Number) as [
          number,
          number,
          number,
          number,
          number,
          number,
        ];
        const real =
          mo >= 1 &&
          mo <= 12 &&
          d >= 1 &&
          d <= monthLength(y, mo) &&
          h <= 23 &&
          mi <= 59 &&
          s <= 59;
        const value = parts.join('');
        if (real) {
          accepted++;
          expect(parseTimestamp(value).getTime()).toBe(
            new Date(
              `${y === 0 ? '0000' : pad(y, 4)}-${parts[1]}-${parts[2]}T${parts[3]}:${parts[4]}:${parts[5]}+08:00`,
            ).getTime(),
          );
        } else {
          expect(() => parseTimestamp(value), value).toThrow(TypeError);
        }
      }),
      { numRuns: 3000 },
    );
    // Both branches ran often enough to mean something.
    expect(accepted).toBeGreaterThan(300);
    expect(accepted).toBeLessThan(2700);
  });
});
