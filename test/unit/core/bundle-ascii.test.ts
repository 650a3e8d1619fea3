// The CLI's bundles must stay ASCII: one non-ASCII character anywhere in a bundle (a `…` in a regular expression)
// makes V8 keep the whole source as a two-byte string, which cost `lint` of 500 manifests 13 MB of peak memory.
// (The unminified bundles keep a dependency's comment with an em dash; the minified CLI drops comments.)
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const DIST = join(__dirname, '..', '..', '..', 'dist');
const BUNDLES = ['cliMain.js', 'cli.js'];

describe('CLI bundles', () => {
  for (const name of BUNDLES) {
    it(`${name} holds only ASCII characters (write \\u escapes in the source instead)`, () => {
      const path = join(DIST, name);
      assert.ok(existsSync(path), `${path} is missing: npm test builds it first`);
      const text = readFileSync(path, 'utf8');
      const at = text.search(/[^\x00-\x7f]/);
      assert.equal(at, -1, at < 0 ? '' : `non-ASCII character ${JSON.stringify(text[at])} at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 20))}`);
    });
  }
});
