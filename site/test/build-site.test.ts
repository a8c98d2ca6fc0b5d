import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildSite } from '../src/build-site.mjs';
import { ExampleCompileError } from '../src/check-examples.mjs';
import { specPath } from '../src/paths.mjs';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tianman-site-fails-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('buildSite', () => {
  it('fails, writing nothing, when a generated example does not compile against the client', async () => {
    // The contract's example turned into one the built client's types refuse: a `type` that is
    // not the enum's value. (The client's types come from the committed contract, not this copy.)
    const doc = parse(await readFile(specPath, 'utf8'));
    const media =
      doc.paths['/v1/inip/corporate-wallet/wechat-pay-point/order/sync'].post.requestBody.content[
        'application/json'
      ];
    media.examples.orderPaid.value.type = 'Order_Unpaid';
    const spec = join(work, 'openapi.yaml');
    await writeFile(spec, stringify(doc));
    const out = join(work, 'site');

    const built = buildSite({ spec, out });
    await expect(built).rejects.toBeInstanceOf(ExampleCompileError);
    await expect(built).rejects.toThrow(/syncPayScoreOrder \(client method\):[\s\S]*Order_Unpaid/);
    expect(existsSync(out)).toBe(false);
  });
});
