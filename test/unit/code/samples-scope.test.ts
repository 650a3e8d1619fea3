// Sample apps (an `examples/` or `sample_apps/` folder of the workspace) show how to use the product: the rules about
// a service's own server, missing-health-endpoint and in-memory-state, leave them alone as the call rules do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOn } from '../kubernetes/helpers';
import { lines } from '../rules/helpers';

const app = lines("const express = require('express');", 'const app = express();', 'const sessions = new Map();', "app.post('/login', (req, res) => { sessions.set(req.body.user, { at: Date.now() }); res.end(); });", 'app.listen(3000);');
const rules = async (path: string) => (await findingsOn(path, { [path]: app })).map((f) => f.ruleId).filter((r) => r === 'missing-health-endpoint' || r === 'in-memory-state').sort();

describe('sample apps are no services of the system', () => {
  it('reports nothing of a sample app under examples/ or sample_apps/', async () => {
    assert.deepEqual(await rules('/w/clients/js/examples/node/app.js'), []);
    assert.deepEqual(await rules('/w/sample_apps/todo/server.js'), []);
  });
  it('reports nothing of a sample program in a folder named example, outside JVM code', async () => {
    assert.deepEqual(await rules('/w/server/utils/agents/example/websocket/chat.js'), []);
  });
  it("reports the same server in the system's own code", async () => {
    assert.deepEqual(await rules('/w/server/src/app.js'), ['in-memory-state', 'missing-health-endpoint']);
  });
});
