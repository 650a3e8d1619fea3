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
