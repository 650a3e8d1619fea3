import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, sep } from 'node:path';

/**
 * Whether a `.gitattributes` text marks a path generated (`docs/openapi/** linguist-generated=true`, or a bare
 * `linguist-generated`): the repository's own word that a tool writes the file. `relative` is the path from the
 * folder of the `.gitattributes`, with `/` separators. A later line wins over an earlier one, as in git.
 */
export function markedGenerated(text: string, relative: string): boolean {
  let marked = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [pattern, ...attributes] = line.split(/\s+/);
    const value = attributes.map(attributeValue).find((v) => v !== undefined);
    if (value !== undefined && matches(pattern, relative)) marked = value;
  }
  return marked;
}

function attributeValue(attribute: string): boolean | undefined {
  if (attribute === 'linguist-generated' || attribute === 'linguist-generated=true') return true;
  if (attribute === '-linguist-generated' || attribute === 'linguist-generated=false' || attribute === '!linguist-generated') return false;
  return undefined;
}

/** gitattributes patterns: no slash matches a name at any depth; otherwise from the file's folder; `**` any folders. */
function matches(pattern: string, relative: string): boolean {
  const anchored = pattern.replace(/^\//, '');
  const body = anchored
    .split(/(\*\*\/|\/\*\*|\*\*|\*|\?)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '/**') return '/.*';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const re = new RegExp(pattern.includes('/') ? `^${body}$` : `(^|/)${body}$`);
  return re.test(relative);
}

/** `.gitattributes` texts per folder, with when they were read: re-read at most every few seconds. */
const folderAttributes = new Map<string, { at: number; text: string }>();
const REREAD_MS = 5000;

/**
 * Whether a `.gitattributes` of the workspace, in the file's folder or one above it up to `root`, marks the file
 * `linguist-generated` (`examples/** linguist-generated=true`). Without a root, only the file's own folder is read.
 */
export function isMarkedGenerated(path: string, root: string | undefined, read: (path: string) => string | undefined = readQuietly): boolean {
  if (!isAbsolute(path)) return false;
  const top = root && path.startsWith(root + sep) ? root : dirname(path);
  const now = Date.now();
  for (let dir = dirname(path); dir === top || dir.startsWith(top + sep); dir = dirname(dir)) {
    let cached = folderAttributes.get(dir);
    if (!cached || now - cached.at > REREAD_MS) {
      if (folderAttributes.size > 5000) folderAttributes.clear();
      folderAttributes.set(dir, (cached = { at: now, text: read(join(dir, '.gitattributes')) ?? '' }));
    }
    if (cached.text && markedGenerated(cached.text, path.slice(dir.length + 1).split(sep).join('/'))) return true;
    if (dir === top) break;
  }
  return false;
}

function readQuietly(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
