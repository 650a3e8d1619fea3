import { dirname, join, resolve } from 'node:path';

/** Blanks a section of a POM, keeping offsets (a related location still points at the right line). */
const blank = (section: string) => section.replace(/[^\n]/g, ' ');

/**
 * The parent POMs of a Maven module that lie in the workspace (`<parent><relativePath>`, by default `../pom.xml`),
 * nearest first, up to four levels. A module inherits its parent's `<dependencies>`; `<dependencyManagement>` only
 * pins versions, so it is blanked, and so are the `<modules>` a parent lists.
 */
export async function parentPoms(path: string, text: string, read: (path: string) => Promise<string | undefined>): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  let [current, body] = [path, text];
  for (let level = 0; level < 4; level++) {
    const parent = /<parent>([\s\S]*?)<\/parent>/.exec(body.replace(/<!--[\s\S]*?-->/g, ''))?.[1];
    if (!parent) break;
    const relative = /<relativePath>\s*([^<]*?)\s*<\/relativePath>|<relativePath\s*\/>/.exec(parent);
    const target = relative ? relative[1] : '../pom.xml';
    if (!target) break; // `<relativePath/>`: the parent comes from a repository, not from the workspace
    const next = resolve(dirname(current), target.endsWith('.xml') ? target : join(target, 'pom.xml'));
    if (next === current || out.some((p) => p.path === next)) break;
    const parentText = await read(next);
    if (parentText === undefined) break;
    out.push({ path: next, text: parentText.replace(/<dependencyManagement>[\s\S]*?<\/dependencyManagement>|<modules>[\s\S]*?<\/modules>/g, blank) });
    [current, body] = [next, parentText];
  }
  return out;
}
