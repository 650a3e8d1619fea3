// Shared by the heavy reliability tests: big inputs and the figures they print.
import type { TestContext } from 'node:test';
import { manyOpenOperations } from '../lsp/samples';

/** Prints a measured figure under the test (the README table quotes these lines). */
export function figure(t: TestContext, caseNumber: number, text: string): void {
  t.diagnostic(`figure case ${caseNumber}: ${text}`);
}

export function msSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export const MB = 1024 * 1024;

/** An OpenAPI spec of about `bytes` bytes: many operations without security. */
export function specOfSize(bytes: number): string {
  const perOperation = manyOpenOperations(1001).length - manyOpenOperations(1).length;
  return manyOpenOperations(Math.ceil(bytes / (perOperation / 1000)));
}

/** A compose file of about `bytes` bytes: many services without health checks or limits. */
export function composeOfSize(bytes: number): string {
  const service = (i: number) => `  svc${i}:\n    image: registry.local/svc${i}:1.0\n    environment:\n      DATABASE_URL: postgres://db:5432/svc${i}\n`;
  const count = Math.ceil(bytes / service(100000).length);
  return `services:\n${Array.from({ length: count }, (_, i) => service(i)).join('')}`;
}
