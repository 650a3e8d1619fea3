import { describe } from 'node:test';
import { lines } from './helpers';
import { runCases } from './composeCases';

const RULE = 'missing-resource-limits';

describe(RULE, () => {
  runCases(RULE, [
    { name: 'reports a service without any limit', text: lines('services:', '  api:', '    build: .'), expect: ["'api' has no memory limit"] },
    { name: 'finds nothing for a memory limit without a CPU limit', text: lines('services:', '  api:', '    build: .', '    deploy:', '      resources:', '        limits:', '          memory: 512M'), expect: [] },
    { name: 'reports a CPU limit without a memory limit', text: lines('services:', '  api:', '    build: .', '    cpus: 0.5'), expect: ["'api' has no memory limit"] },
    { name: 'finds nothing with deploy.resources.limits for memory and cpus', text: lines('services:', '  api:', '    build: .', '    deploy:', '      resources:', '        limits:', "          cpus: '0.5'", '          memory: 512M'), expect: [] },
    { name: 'finds nothing with the service-level mem_limit and cpus', text: lines('services:', '  api:', '    build: .', '    mem_limit: 512m', '    cpus: 0.5'), expect: [] },
  ]);
});
