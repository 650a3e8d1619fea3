import { describe } from 'node:test';
import { lines } from './helpers';
import { runCases } from './composeCases';

const RULE = 'stateful-service';
const app = (...volumes: string[]) => lines('services:', '  api:', '    build: .', '    volumes:', ...volumes.map((v) => `      - ${v}`), 'volumes:', '  uploads:', '  pgdata:');

describe(RULE, () => {
  runCases(RULE, [
    { name: 'reports an application service writing to a named volume', text: app('uploads:/app/uploads'), expect: ["'api' writes data to volume 'uploads' at /app/uploads"] },
    { name: 'reports a bind mount of a data directory', text: app('./data:/data'), expect: ["'api' writes data to bind mount ./data at /data"] },
    { name: 'reports the long syntax of a named volume', text: lines('services:', '  api:', '    build: .', '    volumes:', '      - type: volume', '        source: uploads', '        target: /srv/files', 'volumes:', '  uploads:'), expect: ["volume 'uploads' at /srv/files"] },
    { name: 'finds nothing for a source-code bind mount used in development', text: app('./src:/app/src', '.:/usr/src/app'), expect: [] },
    { name: 'finds nothing for a read-only mount', text: app('./config/app.yml:/etc/app/app.yml:ro', 'uploads:/data:ro'), expect: [] },
    { name: 'finds nothing for the docker socket and /tmp', text: app('/var/run/docker.sock:/var/run/docker.sock', './tmp:/tmp'), expect: [] },
    { name: 'finds nothing for a datastore keeping its data in a volume', text: lines('services:', '  db:', '    image: postgres:16', '    volumes:', '      - pgdata:/var/lib/postgresql/data', 'volumes:', '  pgdata:'), expect: [] },
    { name: 'finds nothing for a dependency cache volume', text: app('node_modules:/app/node_modules'), expect: [] },
    { name: 'finds nothing for a log folder or a dev server cache (.vite, .next)', text: lines('services:', '  api:', '    build: .', '    volumes:', '      - api_logs:/app/logs', '      - /app/.vite', '      - ./log:/var/log/api', 'volumes:', '  api_logs:'), expect: [] },
    { name: 'still reports a named volume at a data folder beside a log folder', text: lines('services:', '  api:', '    build: .', '    volumes:', '      - api_logs:/app/logs', '      - uploads:/app/uploads', 'volumes:', '  api_logs:', '  uploads:'), expect: ["'api' writes data to volume 'uploads' at /app/uploads"] },
    {
      name: 'reports a mount that a YAML anchor gives several services once, naming them, and each service\'s own mount apart',
      text: lines('x-app: &app', '  build: .', '  volumes:', '    - shared:/data', 'services:', '  web:', '    <<: *app', '  worker:', '    <<: *app', '  cron:', '    build: .', '    volumes:', '      - shared:/data', 'volumes:', '  shared:'),
      expect: ["'web' and 'worker' write data to volume 'shared' at /data: they cannot", "'cron' writes data to volume 'shared' at /data: it cannot"],
    },
    { name: 'finds nothing in a development setup (the app runs its dev server from the source tree)', text: lines('services:', '  api:', '    build: .', '    command: npm run dev', '    volumes:', '      - .:/app', '      - uploads:/app/uploads', 'volumes:', '  uploads:'), expect: [] },
    { name: 'finds nothing for a build cache volume (Rust target/)', text: lines('services:', '  api:', '    build: .', '    volumes:', '      - backend-cache:/code/target', 'volumes:', '  backend-cache:'), expect: [] },
  ]);
});
