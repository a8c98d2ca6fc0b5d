import type { Span, Tracer } from '@opentelemetry/api';
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { describe, expectTypeOf, it } from 'vitest';
import type { TianmanClientOptions, TianmanSpan, TianmanTracer } from '../src/index.js';

type TracerOption = TianmanClientOptions['tracer'];

describe('the tracer option types', () => {
  it("takes @opentelemetry/api's Tracer and the SDK's as they are", () => {
    expectTypeOf<Tracer>().toExtend<TianmanTracer>();
    expectTypeOf<Span>().toExtend<TianmanSpan>();
    expectTypeOf<ReturnType<BasicTracerProvider['getTracer']>>().toExtend<TracerOption>();
  });

  it('takes false to turn tracing off, and nothing else', () => {
    expectTypeOf<false>().toExtend<TracerOption>();
    expectTypeOf<true>().not.toExtend<TracerOption>();
    expectTypeOf<null>().not.toExtend<TracerOption>();
    expectTypeOf<{ startSpan: string }>().not.toExtend<TracerOption>();
  });
});
