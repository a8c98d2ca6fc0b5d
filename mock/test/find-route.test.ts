import { describe, expect, it } from 'vitest';
import { findRoute, type Route } from '../src/find-route.js';

const route = (method: string, path: string): Route => ({
  method,
  path,
  exampleCodes: new Map(),
  responses: new Map(),
});
const routes = [
  route('GET', '/v1/orders/{orderId}'),
  route('DELETE', '/v1/orders/{orderId}'),
  route('GET', '/v1/orders/mine'),
  route('GET', '/v1/orders/{orderId}/events/{eventId}'),
  route('POST', '/v1/sync'),
];

describe('findRoute: the operation a request is for', () => {
  it.each([
    ['GET', '/v1/orders/A1', 'GET /v1/orders/{orderId}'],
    ['DELETE', '/v1/orders/A1', 'DELETE /v1/orders/{orderId}'],
    ['GET', '/v1/orders/mine', 'GET /v1/orders/mine'],
    ['GET', '/v1/orders/A%201/events/7', 'GET /v1/orders/{orderId}/events/{eventId}'],
    ['POST', '/v1/sync', 'POST /v1/sync'],
    // No route: another method, a missing or empty segment, one too many.
    ['PUT', '/v1/orders/A1', undefined],
    ['GET', '/v1/orders/', undefined],
    ['GET', '/v1/orders', undefined],
    ['GET', '/v1/orders/A1/events', undefined],
    ['POST', '/v1/sync/x', undefined],
    [undefined, '/v1/sync', undefined],
  ])('%s %s → %s', (method, pathname, expected) => {
    const found = findRoute(routes, method, pathname);
    expect(found && `${found.method} ${found.path}`).toBe(expected);
  });

  it('a literal segment wins over a template whichever comes first', () => {
    expect(findRoute([...routes].reverse(), 'GET', '/v1/orders/mine')?.path).toBe(
      '/v1/orders/mine',
    );
  });
});
