#!/usr/bin/env node
// The `backend-architect` executable: a few lines that load the CLI bundle (cliMain.js) through the code cache.
import { join } from 'node:path';
import { requireWithCodeCache } from './codeCache';

const cli = requireWithCodeCache(join(__dirname, 'cliMain.js'), module) as typeof import('./main');
cli.runCli();
