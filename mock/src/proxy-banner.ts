/** What the proxy-mode banner shows. */
export interface ProxyBannerFacts {
  /** Where clients connect. */
  url: string;
  /** Where requests go. */
  upstream: string;
  spec: string;
  /** The drift report's absolute path; `undefined` when none is written. */
  report: string | undefined;
  sinceProcessStartMs: number;
  sinceCallMs: number;
}

/**
 * The banner of `tianman-mock --proxy`: where to point a client, where requests go, and where
 * drift is written. No credentials: in proxy mode the mock holds none, the client brings its own
 * and the upstream checks them.
 */
export function proxyBanner(facts: ProxyBannerFacts): string {
  return `tianman-mock — proxy to ${facts.upstream}, every answer checked against the contract

  URL       ${facts.url}
  upstream  ${facts.upstream}
  spec      ${facts.spec}
  report    ${facts.report ?? 'none (drift is in the log lines only)'}

  createTianmanClient({ appId, appKey, baseUrl: '${facts.url}' }) with the upstream's credentials.
  Requests and answers pass unchanged; the upstream checks signatures and tokens, not the mock.

Ready in ${Math.round(facts.sinceProcessStartMs)} ms from process start (${Math.round(facts.sinceCallMs)} ms of it loading the spec). Ctrl-C stops.
`;
}
