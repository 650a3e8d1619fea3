// Generated compose systems for bench/compose.ts: a 30-service system (services with build contexts whose code and
// config name their datastores) and a 500-file repository with 10 compose projects. Written to a temp directory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

const STORES = [
  ['pg-main', 'postgres:16.4'],
  ['pg-reports', 'bitnami/postgresql:16'],
  ['mysql', 'mysql:8.4'],
  ['mongo', 'mongo:7.0'],
  ['cache', 'redis:7.4'],
  ['mq', 'rabbitmq:3.13-management'],
] as const;

/** A compose project with `apps` application services and six datastores; each app's code names one datastore. */
export function composeProject(prefix: string, apps: number): Record<string, string> {
  const files: Record<string, string> = {};
  const lines = ['services:'];
  for (let i = 0; i < apps; i++) {
    const name = `svc-${i}`;
    const [store, image] = STORES[i % 4];
    const scheme = image.startsWith('mongo') ? 'mongodb' : image.includes('mysql') ? 'mysql' : 'postgres';
    lines.push(
      `  ${name}:`,
      `    build: ./${name}`,
      '    restart: unless-stopped',
      '    environment:',
      `      DATABASE_URL: ${scheme}://app:\${DB_PASSWORD}@${store}/${name.replace('-', '_')}`,
      '      REDIS_URL: redis://cache:6379/0',
      `      NEXT_URL: http://svc-${(i + 1) % apps}:8080`,
      '    depends_on:',
      `      ${store}:`,
      '        condition: service_healthy',
      '    deploy:',
      '      resources:',
      '        limits: { cpus: "0.5", memory: 256M }',
    );
    files[`${prefix}${name}/src/main.py`] = `import os\nDB = os.getenv("DATABASE_URL", "${scheme}://app@${store}/${name.replace('-', '_')}")\n\ndef handler(req):\n    return {"ok": True}\n`;
    files[`${prefix}${name}/config/application.properties`] = `server.port=8080\nspring.datasource.url=jdbc:${scheme === 'mongodb' ? 'mongodb' : scheme}://${store}:5432/${name.replace('-', '_')}\n`;
    files[`${prefix}${name}/Dockerfile`] = 'FROM python:3.12-slim\nCOPY . /app\n';
  }
  for (const [store, image] of STORES) {
    lines.push(`  ${store}:`, `    image: ${image}`, '    restart: unless-stopped', '    healthcheck:', '      test: ["CMD", "true"]', '    deploy:', '      resources:', '        limits: { cpus: "1", memory: 1G }');
  }
  files[`${prefix}docker-compose.yml`] = lines.join('\n') + '\n';
  files[`${prefix}.env`] = 'DB_PASSWORD=example\n';
  return files;
}

/** The 30-service system (24 apps + 6 datastores) in `root`; returns the compose file's path. */
export function thirtyServices(root: string): string {
  write(root, composeProject('', 24));
  return join(root, 'docker-compose.yml');
}

/** A repository of about `total` files: 10 compose projects (4 apps each) and filler code and YAML around them. */
export function fiveHundredFiles(root: string, total = 500): { composeFiles: string[]; files: number } {
  const files: Record<string, string> = {};
  const composeFiles: string[] = [];
  for (let p = 0; p < 10; p++) {
    Object.assign(files, composeProject(`system-${p}/`, 4));
    composeFiles.push(join(root, `system-${p}/docker-compose.yml`));
  }
  let n = Object.keys(files).length;
  for (let i = 0; n < total; i++, n++) {
    const kind = i % 4;
    const dir = `system-${i % 10}/svc-${i % 4}/src/lib${i % 7}`;
    if (kind === 0) files[`${dir}/mod${i}.py`] = `import requests\n\ndef f${i}(x):\n    return requests.get("http://svc-1:8080/x", timeout=5)\n`;
    else if (kind === 1) files[`${dir}/mod${i}.ts`] = `export function f${i}(x: number): number {\n  return x * ${i};\n}\n`;
    else if (kind === 2) files[`${dir}/mod${i}.go`] = `package lib\n\nfunc F${i}(x int) int { return x * ${i} }\n`;
    else files[`${dir}/data${i}.yaml`] = `name: item-${i}\nvalues: [1, 2, 3]\n`;
  }
  write(root, files);
  return { composeFiles, files: Object.keys(files).length };
}
