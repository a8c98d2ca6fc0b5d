/**
 * `pnpm demo` — the platform page's own sample (订单信息同步: Java / PHP / Python) in TypeScript,
 * in the same order so the two can be read side by side: url, appId, appKey, the request body,
 * the client, execute, print.
 *
 * By default it starts the local mock and calls it. With `TIANMAN_ENV=test`, `TIANMAN_APP_ID`
 * and `TIANMAN_APP_KEY` it calls the platform's test environment instead (`TIANMAN_AUTH=token`
 * switches to OPEN-ACCESS-TOKEN, as the page's samples use).
 * @packageDocumentation
 */
import {
  createTianmanClient,
  ENVIRONMENTS,
  formatPaidTime,
  isApiError,
  isValidationError,
  type SyncPayScoreOrderBody,
} from '@tianman/client';
import { AUTHORIZATION_HEADER } from '@tianman/signer';
import { startMock } from './mock.js';

const env = process.env;
let requestsSent = 0;
const useTestEnvironment = env.TIANMAN_ENV === 'test';
if (useTestEnvironment && !(env.TIANMAN_APP_ID && env.TIANMAN_APP_KEY)) {
  console.error(
    'TIANMAN_ENV=test needs TIANMAN_APP_ID and TIANMAN_APP_KEY (the test credentials the platform gave you).',
  );
  process.exit(1);
}
const mock = useTestEnvironment ? undefined : await startMock({ port: 0 });

// The endpoint, as the page writes it (生产环境 https://api-mop.chinaums.com/v1/inip/…).
const host = mock?.url ?? ENVIRONMENTS.test;
const url = `${host}/v1/inip/corporate-wallet/wechat-pay-point/order/sync`;
// 开发者ID
const appId = mock?.credentials.appId ?? (env.TIANMAN_APP_ID as string);
// 开发者秘钥
const appKey = mock?.credentials.appKey ?? (env.TIANMAN_APP_KEY as string);

// 实例化客户端 — the Java sample takes the host from the url the same way (url.split("/v")[0]).
const client = createTianmanClient({
  appId,
  appKey,
  baseUrl: new URL(url).origin,
  auth: env.TIANMAN_AUTH === 'token' ? 'token' : 'signature',
  // fetch is the client's injection point; this one only prints what goes over the wire.
  fetch: printingFetch,
});

// The request body. `detail` is an object: the page's samples show it as a JSON string, an
// artifact of the page generator (the field table says object).
const request: SyncPayScoreOrderBody = {
  fenOrderId: env.TIANMAN_DEMO_FEN_ORDER_ID ?? '1234323JKHDFE1243252',
  mid: env.TIANMAN_DEMO_MID ?? '898310148160568',
  serviceId: env.TIANMAN_DEMO_SERVICE_ID ?? '500001000000000000000000000001',
  type: 'Order_Paid',
  // When the user actually paid, Beijing time: here two minutes ago.
  detail: { paidTime: formatPaidTime(Date.now() - 2 * 60_000) },
};

console.log(
  `# 订单信息同步 against ${mock ? `the local mock (${mock.url})` : 'the test environment'}\n`,
);
let exitCode = 0;
try {
  // execute
  const response = await client.syncPayScoreOrder(request);
  // print
  console.log('respCode:', response.respCode);
  console.log('respDesc:', response.respDesc);
} catch (error) {
  // A business answer (ORDER_NOT_EXIST for the sample order, say) still proves the signature
  // and the body were accepted; anything else (auth, network) is a failure of the demo.
  console.log(`${(error as Error).name}: ${(error as Error).message}`);
  if (!(isApiError(error) && error.respCode !== undefined)) exitCode = 1;
}

console.log('\n# A body the contract refuses: the client says why, and sends nothing\n');
const sent = requestsSent;
try {
  await client.syncPayScoreOrder({
    ...request,
    fenOrderId: 'ORDER 2026/11/25',
    detail: { paidTime: '2026-11-25 14:30:00' },
  });
  console.log('unexpected: the invalid body was accepted');
  exitCode = 1;
} catch (error) {
  if (!isValidationError(error)) throw error;
  console.log(`${error.name} (${error.code}), ${error.issues.length} problems:`);
  for (const { path, rule, message } of error.issues) {
    console.log(`  ${path.padEnd(18)} ${rule.padEnd(8)} ${message}`);
  }
  console.log(`requests sent: ${requestsSent - sent}`);
}

await mock?.close();
process.exitCode = exitCode;

// ---------------------------------------------------------------------------------------------

/** Prints each request (Authorization redacted to its scheme) and its response, then passes it on. */
async function printingFetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
  requestsSent++;
  const outgoing = new Request(input, init);
  const body = await outgoing.clone().text();
  console.log(`> ${outgoing.method} ${outgoing.url}`);
  outgoing.headers.forEach((value, name) => {
    const shown = name === AUTHORIZATION_HEADER ? value.replace(/ .*$/s, ' [REDACTED]') : value;
    console.log(`> ${name}: ${shown}`);
  });
  console.log(`> ${redactBody(body)}\n`);
  const response = await fetch(outgoing).catch((error: unknown) => {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    console.log(`< no response (${cause ?? (error as Error).message})\n`);
    throw error;
  });
  console.log(`< HTTP ${response.status}`);
  console.log(`< ${await response.clone().text()}\n`);
  return response;
}

/** The token request carries a signature; the order body carries nothing secret. */
function redactBody(body: string): string {
  return body.replace(/("signature"\s*:\s*")[^"]*"/, '$1[REDACTED]"');
}
