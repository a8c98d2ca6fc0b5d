/** What the gate knows of one operation of the spec: where it is and what it can answer. */
export interface Route {
  /** Upper case, as a request line has it. */
  method: string;
  /** The spec's path template (`/v1/orders/{orderId}`). */
  path: string;
  /**
   * Example name → status code. Prism looks a `Prefer: example=…` up only in the response it
   * would pick anyway (the 200), so `example=transient` alone is a 404; the gate uses this map
   * to add the status code the example belongs to.
   */
  exampleCodes: Map<string, number>;
  /**
   * Status code → example names: what a `Prefer` header may choose from. The gate refuses
   * anything else itself, because Prism answers some of those combinations with a 500.
   */
  responses: Map<number, string[]>;
}

/** Does `pathname` fill `template`, each `{name}` standing for one non-empty segment? */
function fills(template: string, pathname: string): boolean {
  const want = template.split('/');
  const got = pathname.split('/');
  return (
    want.length === got.length &&
    want.every((part, i) => part === got[i] || (/^\{[^{}]+\}$/.test(part) && got[i] !== ''))
  );
}

/**
 * The route a request is for: its method's, the template with more literal segments winning
 * when two fit (`/orders/mine` before `/orders/{id}`, as OpenAPI has it); `undefined` when the
 * spec has none.
 */
export function findRoute(
  routes: readonly Route[],
  method: string | undefined,
  pathname: string,
): Route | undefined {
  let best: Route | undefined;
  let bestLiterals = -1;
  for (const route of routes) {
    if (route.method !== method || !fills(route.path, pathname)) continue;
    const literals = route.path.split('/').filter((part) => !part.startsWith('{')).length;
    if (literals > bestLiterals) {
      best = route;
      bestLiterals = literals;
    }
  }
  return best;
}
