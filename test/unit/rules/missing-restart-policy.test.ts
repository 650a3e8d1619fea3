import { describe } from 'node:test';
import { lines } from './helpers';
import { runCases, runFixes } from './composeCases';

const RULE = 'missing-restart-policy';

describe(RULE, () => {
  runCases(RULE, [
    { name: 'reports a long-running service without a restart policy', text: lines('services:', '  api:', '    build: .'), expect: ["'api' has no restart policy"] },
    { name: 'reports restart: "no"', text: lines('services:', '  api:', '    build: .', '    restart: "no"'), expect: ["'api' has no restart policy (restart: no)"] },
    { name: 'finds nothing with restart: unless-stopped', text: lines('services:', '  api:', '    build: .', '    restart: unless-stopped'), expect: [] },
    { name: 'finds nothing with deploy.restart_policy', text: lines('services:', '  api:', '    build: .', '    deploy:', '      restart_policy:', '        condition: on-failure'), expect: [] },
    { name: 'finds nothing for a migration job', text: lines('services:', '  db-migrate:', '    build: .'), expect: [] },
    { name: 'finds nothing for a job others wait on with service_completed_successfully', text: lines('services:', '  api:', '    build: .', '    restart: always', '    depends_on:', '      prepare:', '        condition: service_completed_successfully', '  prepare:', '    build: .'), expect: [] },
  ]);
  runFixes(RULE, [{ name: 'adds restart: unless-stopped', text: lines('services:', '  api:', '    build: .'), contains: lines('    build: .', '    restart: unless-stopped') }]);
});
