// A fix that edits another file than the finding's (unset-environment-variable's, on code, edits the compose file):
// the JSON report names that file in the fix, relative like the finding's path, and SARIF makes it the artifact.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runJson, tempWorkspace } from './helpers';

const FILES = {
  'docker-compose.yml': 'services:\n  orders:\n    build: ./orders\n    environment:\n      DEBUG: "1"\n',
  'orders/app.py': 'import os\nfrom flask import Flask\napp = Flask(__name__)\nAPI_KEY = os.environ["API_KEY"]\n',
};

describe('lint fixes that edit another file', () => {
  it('gives the unset-variable fix with the compose file as its path, in JSON and as the SARIF artifact', () => {
    const ws = tempWorkspace(FILES);
    try {
      const json = runJson(['lint', '.', '--format', 'json'], ws.dir).json;
      const file = json.files.find((f: any) => f.path === 'orders/app.py');
      const finding = file.findings.find((f: any) => f.ruleId === 'unset-environment-variable');
      assert.equal(finding.fix.path, 'docker-compose.yml');
      assert.deepEqual(finding.fix.edits.map((e: any) => [e.range.start.line, e.newText]), [[4, '\n      API_KEY: "${API_KEY:?API_KEY is required by orders}"']]);
      const sarif = runJson(['lint', '.', '--format', 'sarif'], ws.dir).json;
      const result = sarif.runs[0].results.find((r: any) => r.ruleId === 'unset-environment-variable');
      assert.equal(result.fixes[0].artifactChanges[0].artifactLocation.uri, 'docker-compose.yml');
    } finally {
      ws.cleanup();
    }
  });
});
