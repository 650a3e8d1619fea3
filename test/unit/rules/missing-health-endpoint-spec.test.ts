// missing-health-endpoint on OpenAPI specs: judged where the spec is all there is of its service, and left to the
// code and its deployment where the spec lies in a service's code folder (read from disk, as the CLI does).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { lines } from './helpers';
import { systemFindings } from './serviceHelpers';

const RULE = 'missing-health-endpoint';
const SPEC = lines('openapi: 3.0.3', 'info:', '  title: Invoices', '  version: "1"', 'paths:', '  /invoices:', '    get:', '      responses:', "        '200':", '          description: ok');
const SPRING = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }');

async function specFindings(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'ba-health-spec-'));
  const abs = Object.fromEntries(Object.entries(files).map(([p, t]) => [join(root, p), t]));
  for (const [p, t] of Object.entries(abs)) {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, t);
  }
  return (await systemFindings([RULE], abs, {}, root)).map((f) => f.path.slice(root.length + 1));
}

describe('missing-health-endpoint on specs', () => {
  it("leaves a spec in a service's code folder to the code (a Spring service has Actuator's health)", async () => {
    assert.deepEqual(await specFindings({ 'invoice/pom.xml': '<project/>', 'invoice/src/main/java/App.java': SPRING, 'invoice/docs/openapi.yaml': SPEC }), []);
  });
  it('reports a spec that is all there is of its service', async () => {
    assert.deepEqual(await specFindings({ 'invoice/pom.xml': '<project/>', 'invoice/src/main/java/App.java': SPRING, 'api/billing.yaml': SPEC }), ['api/billing.yaml']);
  });
});
