import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { BackendArchitectTestApi } from '../../../client/src/api';
import { extensionApi, fileUri, ruleCode, SOURCE, waitFor, waitForFindings } from '../helpers';

/** The status bar text the client should show for these diagnostics (see client/src/statusText.ts). */
function expectedCounts(): { text: string; warnings: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const [, ds] of vscode.languages.getDiagnostics()) {
    for (const d of ds) {
      if (d.source !== SOURCE) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      else infos++;
    }
  }
  const parts = [];
  if (errors) parts.push(`$(error) ${errors}`);
  if (warnings) parts.push(`$(warning) ${warnings}`);
  if (infos) parts.push(`$(info) ${infos}`);
  return { text: parts.join(' '), warnings };
}

/** The language servers this extension host runs (its children running dist/server.js), oldest first. */
function servers(): { pid: number; started: number }[] {
  const found: { pid: number; started: number }[] = [];
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid || !readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('dist/server.js')) continue;
      found.push({ pid: Number(name), started: Number(fields[19]) });
    } catch {
      // the process ended while listed
    }
  }
  return found.sort((a, b) => a.started - b.started || a.pid - b.pid);
}

describe('language server and status bar', () => {
  let api: BackendArchitectTestApi;
  before(async () => {
    api = await extensionApi();
  });

  it('shows the counts of findings by severity in the status bar', async () => {
    const counts = await waitFor('the status bar to show the findings counts', [api.onDidChangeStatus, vscode.languages.onDidChangeDiagnostics], () => {
      const expected = expectedCounts();
      return expected.text && api.status.serverState === 'running' && api.status.text === expected.text ? expected : undefined;
    });
    assert.match(counts.text, /\$\(warning\) \d+/);
    assert.match(api.status.tooltip, new RegExp(`\\b${counts.warnings} warnings?\\b.* in \\d+ files?`));
  });

  it('restarts the server with "Restart Server": findings are cleared, then return', async () => {
    const uri = fileUri('docker-compose.yml');
    await waitForFindings(uri, 'findings in the compose file', (ds) => ds.length > 0);
    const states: string[] = [];
    const recorder = api.onDidChangeStatus(() => states.push(api.status.serverState));
    const cleared = waitForFindings(uri, 'findings cleared by the restart', (ds) => ds.length === 0);
    await vscode.commands.executeCommand('backendArchitect.restartServer');
    await cleared;
    const back = await waitForFindings(uri, 'findings back after the restart', (ds) => ds.some((d) => ruleCode(d) === 'missing-healthcheck'));
    await waitFor('the server to run again', [api.onDidChangeStatus], () => api.status.serverState === 'running');
    recorder.dispose();
    assert.ok(back.length > 0);
    assert.ok(states.indexOf('stopped') >= 0 && states.lastIndexOf('running') > states.indexOf('stopped'), `states: ${states.join(' -> ')}`);
  });

  it('restarts the server after kill -9, gives up after the fifth crash in 3 minutes, and Restart Server brings it back', async () => {
    // The newest server is the client's: one stopped by an earlier test may still be exiting.
    const newest = () => servers().at(-1);
    const states: string[] = [];
    const recorder = api.onDidChangeStatus(() => states.at(-1) !== api.status.serverState && states.push(api.status.serverState));
    const log = (what: string) => console.log(`[ba-suite] kill -9: ${what}; states ${states.join(' ')}, servers ${JSON.stringify(servers())}`);
    /** waitFor bounded at 20 s, so that a failure still restarts the server for the tests after this one. */
    const bounded = (what: string, check: () => boolean) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} (20 s): states ${states.join(' ')}`)), 20_000)));
      return Promise.race([waitFor(what, [api.onDidChangeStatus], check), late]).finally(() => clearTimeout(timer));
    };
    await waitFor('the server to run', [api.onDidChangeStatus], () => api.status.serverState === 'running');
    try {
      const killed: { pid: number; started: number }[] = [];
      for (let crash = 1; crash <= 5; crash++) {
        const server = newest();
        assert.ok(server && !killed.some((k) => k.pid === server.pid), `crash ${crash}: a new server process`);
        killed.push(server);
        const stopped = bounded(`crash ${crash}: the client to see the server stop`, () => api.status.serverState !== 'running');
        process.kill(server.pid, 'SIGKILL');
        await stopped;
        if (crash < 5) await bounded(`crash ${crash}: the client to restart the server`, () => api.status.serverState === 'running' && newest()?.pid !== server.pid);
      }
      await bounded('the client to give up', () => api.status.serverState === 'crashed');
      assert.deepEqual(servers().filter((s) => s.started >= killed[4].started && s.pid !== killed[4].pid), [], 'no sixth server');
      assert.match(api.status.tooltip, /crashed 5 times within 3 minutes and is not restarted again\.\nClick to show the output; run "Backend Architect: Restart Server"/);
    } finally {
      log('end');
      recorder.dispose();
      // Also after a failure, so that the tests after this one find a running server.
      await vscode.commands.executeCommand('backendArchitect.restartServer');
    }
    await waitFor('the server to run after Restart Server', [api.onDidChangeStatus], () => api.status.serverState === 'running');
    await waitForFindings(fileUri('docker-compose.yml'), 'findings back after Restart Server', (ds) => ds.some((d) => ruleCode(d) === 'missing-healthcheck'));
  });
});
