// missing-health-endpoint and missing-correlation-id on OpenAPI specs: judged where the spec is all there is of its
// service, and left to the code where the spec lies in a service's code folder (read from disk, as the CLI does).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines } from './helpers';
import { diskFindings } from './serviceHelpers';

const RULE = 'missing-health-endpoint';
const SPEC = lines('openapi: 3.0.3', 'info:', '  title: Invoices', '  version: "1"', 'paths:', '  /invoices:', '    get:', '      responses:', "        '200':", '          description: ok');
const SPRING = lines('import org.springframework.boot.SpringApplication;', 'class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }');

const specFindings = (files: Record<string, string>) => diskFindings([RULE], files);

describe('missing-health-endpoint on specs', () => {
  it("leaves a spec in a service's code folder to the code (a Spring service has Actuator's health)", async () => {
    assert.deepEqual(await specFindings({ 'invoice/pom.xml': '<project/>', 'invoice/src/main/java/App.java': SPRING, 'invoice/docs/openapi.yaml': SPEC }), []);
  });
  it("leaves a spec served from a Gradle or Maven module's resources to the module's code, however deep the resources folder", async () => {
    const deep = 'gateway/src/main/resources/static/swagger/v1/openapi.yaml';
    assert.deepEqual(await specFindings({ 'gateway/build.gradle': "plugins { id 'java' }", 'gateway/src/main/java/App.java': SPRING, [deep]: SPEC }), []);
    assert.deepEqual(await specFindings({ 'gateway/src/main/java/App.java': SPRING, [deep]: SPEC }), [deep]);
  });
  it('reports a spec that is all there is of its service', async () => {
    assert.deepEqual(await specFindings({ 'invoice/pom.xml': '<project/>', 'invoice/src/main/java/App.java': SPRING, 'api/billing.yaml': SPEC }), ['api/billing.yaml']);
  });
});

describe('missing-correlation-id on specs', () => {
  it("leaves a spec in a service's code folder to the code (missing-tracing judges what the code propagates), and reports a spec that is all there is", async () => {
    const go = lines('package main', 'import "net/http"', 'func main() { http.ListenAndServe(":80", nil) }');
    assert.deepEqual(await diskFindings(['missing-correlation-id'], { 'identity/go.mod': 'module identity', 'identity/main.go': go, 'identity/docs/swagger.yaml': SPEC }), []);
    assert.deepEqual(await diskFindings(['missing-correlation-id'], { 'identity/go.mod': 'module identity', 'identity/main.go': go, 'api/identity.yaml': SPEC }), ['api/identity.yaml']);
  });
});
