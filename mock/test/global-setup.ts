import type { TestProject } from 'vitest/node';
import type { MockCredentials } from '../src/index.js';
import { startMock } from '../src/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the mock every contract test talks to. */
    mockUrl: string;
    /** The credentials it accepts (the sandbox defaults). */
    mockCredentials: MockCredentials;
  }
}

/** Starts one mock on a free port for the whole run; the returned function stops it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMock({ port: 0 });
  project.provide('mockUrl', mock.url);
  project.provide('mockCredentials', mock.credentials);
  return () => mock.close();
}
