#!/usr/bin/env node
// The `backend-architect` executable: a few lines that load the CLI bundle (cliMain.js) through the code cache.
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { loadWithCodeCache } from './codeCache';

/**
 * Most runs last well under a second, too short for V8's optimizing compiler to pay for itself: compiling on the
 * second core slows them (an OpenAPI spec of 100 KB-2 MB: 10-20% here). It is held back for the first second;
 * longer runs (a whole repository) get it from then on. The code cache is saved before the flags change, since
 * V8 accepts a cache only under the flags it was made with.
 */
const HOLD_OPTIMIZER_MS = 1000;

setFlagsFromString('--no-opt');
const cli = loadWithCodeCache(join(__dirname, 'cliMain.js'), module);
setTimeout(() => {
  cli.save();
  setFlagsFromString('--opt');
}, HOLD_OPTIMIZER_MS).unref();
process.once('exit', () => cli.save());
(cli.exports as typeof import('./main')).runCli();
