import { dirname, join } from 'node:path';

/**
 * Images a Maven build of the workspace names: `docker build -t <name>` run by the exec plugin, Jib's
 * `<to><image>`, Spring Boot's `build-image` `<image><name>`, and the `<imageName>`/`<repository>` of the Docker
 * plugins (spotify, fabric8). `${...}` is resolved from the POM's properties and each module's artifactId, so a
 * parent POM that tags `${docker.image.prefix}/${project.artifactId}` names one image per module. Image name -> the
 * module's folder.
 */
const IMAGE_TEMPLATES = [
  /<argument>\s*-t\s*<\/argument>\s*<argument>([^<]+)<\/argument>/g,
  /<to>\s*<image>([^<]+)<\/image>/g,
  /<image>\s*<name>([^<]+)<\/name>/g,
  /<imageName>([^<]+)<\/imageName>/g,
  /<repository>([^<]+)<\/repository>/g,
];

const MAX_DEPTH = 3;

interface Pom {
  dir: string;
  artifactId?: string;
  properties: Map<string, string>;
  templates: string[];
  modules: string[];
}

function readPom(path: string, raw: string): Pom {
  const text = raw.replace(/<!--[\s\S]*?-->/g, '');
  // The project's own artifactId: the first one outside <parent>, <dependencies> and <build>.
  const own = text.replace(/<parent>[\s\S]*?<\/parent>|<dependencies>[\s\S]*?<\/dependencies>|<dependencyManagement>[\s\S]*?<\/dependencyManagement>|<build>[\s\S]*?<\/build>|<profiles>[\s\S]*?<\/profiles>/g, '');
  const properties = new Map<string, string>();
  for (const block of text.matchAll(/<properties>([\s\S]*?)<\/properties>/g)) {
    for (const p of block[1].matchAll(/<([\w.-]+)>([^<]*)<\/\1>/g)) if (!properties.has(p[1])) properties.set(p[1], p[2].trim());
  }
  const templates = IMAGE_TEMPLATES.flatMap((re) => [...text.matchAll(re)].map((m) => m[1].trim()));
  const modules = [...(/<modules>([\s\S]*?)<\/modules>/.exec(text)?.[1] ?? '').matchAll(/<module>([^<]+)<\/module>/g)].map((m) => m[1].trim());
  return { dir: dirname(path), artifactId: /<artifactId>([^<]+)<\/artifactId>/.exec(own)?.[1].trim(), properties, templates, modules };
}

/** A template with every `${...}` resolved for a module, or undefined when one is unknown. */
function resolve(template: string, pom: Pom, inherited: Map<string, string>): string | undefined {
  const value = (name: string): string | undefined => {
    if (name === 'project.artifactId' || name === 'artifactId' || name === 'project.name') return pom.artifactId;
    return pom.properties.get(name) ?? inherited.get(name);
  };
  let out = template;
  for (let i = 0; i < 5 && out.includes('${'); i++) {
    let unknown = false;
    out = out.replace(/\$\{([\w.-]+)\}/g, (_, name: string) => value(name) ?? ((unknown = true), ''));
    if (unknown) return undefined;
  }
  return out.includes('${') ? undefined : out;
}

/** Images named by the Maven build whose root POM is `pomPath`, with the folder of the module that builds each. */
export async function mavenBuiltImages(pomPath: string, io: { text(path: string): Promise<string | undefined> }, touched: Set<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const visit = async (path: string, templates: string[], inherited: Map<string, string>, depth: number): Promise<void> => {
    const text = await io.text(path);
    if (text === undefined) return;
    touched.add(path);
    const pom = readPom(path, text);
    const all = [...templates, ...pom.templates];
    for (const t of all) {
      const image = resolve(t, pom, inherited);
      // A name with no repository part (`app`) or a docker argument that is no image (`.`) names nothing pulled.
      if (image && /^[a-z0-9][\w.-]*(:\d+)?\/[\w./-]+(:[\w.-]+)?$/.test(image)) out.set(image.replace(/:[\w.-]+$/, ''), pom.dir);
    }
    if (depth >= MAX_DEPTH) return;
    const props = new Map([...inherited, ...pom.properties]);
    for (const m of pom.modules) await visit(join(pom.dir, m, 'pom.xml'), all, props, depth + 1);
  };
  await visit(pomPath, [], new Map(), 0);
  return out;
}
