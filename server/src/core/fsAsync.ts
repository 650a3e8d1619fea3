// Promise forms of the few fs calls the analyzer makes, over the callback API: Node 20 loads `fs/promises` (and
// the readline and stream modules behind it) on first import, 1-3 ms of a CLI run that lasts 60-120 ms.
import * as fs from 'node:fs';
import { promisify } from 'node:util';

export const readFile = promisify(fs.readFile);
export const readdir = promisify(fs.readdir);
export const stat = promisify(fs.stat);
/** The system's realpath, like `fs/promises` (the callback `fs.realpath` resolves links in JavaScript). */
export const realpath = promisify(fs.realpath.native);
