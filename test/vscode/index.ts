/**
 * The integration suite's entry point, loaded by VS Code as `extensionTestsPath` (desktop through
 * @vscode/test-electron, or the VS Code server through scripts/vscode-server/run-tests.mjs). Built with esbuild into
 * out/test/vscode/index.js; the tests themselves are bundled into suite.js next to it and loaded by mocha.
 */
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Lines the VS Code server runner picks out of the browser console (the extension host's output goes there). */
export const SUITE_LINE_PREFIX = '[ba-suite] ';

export function run(): Promise<void> {
  // One preformatted line per report line: the web client forwards console arguments unformatted.
  if (process.env.BA_SUITE_LINE_PREFIX) {
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
      for (const line of format(...args).split('\n')) console.log(`${SUITE_LINE_PREFIX}${line}`);
    };
  }
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: Number(process.env.BA_VSCODE_TEST_TIMEOUT ?? 60_000) });
  if (process.env.BA_VSCODE_GREP) mocha.grep(process.env.BA_VSCODE_GREP);
  mocha.addFile(join(__dirname, 'suite.js'));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        // The plain closing line CI reads, alone on a line.
        const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
        console.log(`${process.env.BA_SUITE_LINE_PREFIX ? SUITE_LINE_PREFIX : ''}${passes} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
        if (failures > 0) reject(new Error(`${failures} VS Code integration test(s) failed.`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}
