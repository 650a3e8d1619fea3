// Generated large files for the "no file can stall another" bench and tests: an OpenAPI spec and a compose file
// of about `bytes` bytes, shaped like real ones (findings of several rules in each part).
import { openApiYaml } from './corpus';

/** An OpenAPI YAML spec of at least `bytes` bytes (bench/corpus.ts's paths, repeated). */
export function bigSpec(bytes: number): string {
  const sample = openApiYaml(2000);
  const lines = Math.ceil((bytes / sample.length) * 2000);
  return openApiYaml(lines);
}

/** A compose file of at least `bytes` bytes: services that call each other and a few datastores. */
export function bigCompose(bytes: number): string {
  const out: string[] = ['services:'];
  let size = 10;
  for (let i = 0; size < bytes; i++) {
    const block = i % 50 === 0
      ? [`  db-${i}:`, '    image: postgres:16.4', '    environment:', '      POSTGRES_PASSWORD: example', '    volumes:', `      - db-${i}:/var/lib/postgresql/data`]
      : [
          `  svc-${i}:`,
          `    image: registry.example.com/team/svc-${i}:1.${i % 7}.0`,
          '    restart: unless-stopped',
          '    ports:',
          `      - "${8000 + (i % 1000)}:8080"`,
          '    environment:',
          `      DATABASE_URL: postgres://app:secret@db-${i - (i % 50)}:5432/app`,
          `      NEXT_URL: http://svc-${i + 1}:8080`,
          '    depends_on:',
          `      - db-${i - (i % 50)}`,
          ...(i % 3 === 0 ? ['    healthcheck:', '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]', '      interval: 10s'] : []),
          ...(i % 2 === 0 ? ['    deploy:', '      resources:', '        limits: { cpus: "0.5", memory: 256M }'] : []),
        ];
    const text = block.join('\n') + '\n';
    out.push(text.slice(0, -1));
    size += text.length;
  }
  return out.join('\n') + '\n';
}
