import { describe } from 'node:test';
import { lines } from './helpers';
import { runCases } from './composeCases';

const RULE = 'missing-resource-limits';

describe(RULE, () => {
  runCases(RULE, [
    { name: 'reports a service without any limit', text: lines('services:', '  api:', '    build: .'), expect: ["'api' has no memory or CPU limit"] },
    { name: 'reports a service with a memory limit but no CPU limit', text: lines('services:', '  api:', '    build: .', '    deploy:', '      resources:', '        limits:', '          memory: 512M'), expect: ["'api' has no CPU limit"] },
    { name: 'finds nothing with deploy.resources.limits for memory and cpus', text: lines('services:', '  api:', '    build: .', '    deploy:', '      resources:', '        limits:', "          cpus: '0.5'", '          memory: 512M'), expect: [] },
    { name: 'finds nothing with the service-level mem_limit and cpus', text: lines('services:', '  api:', '    build: .', '    mem_limit: 512m', '    cpus: 0.5'), expect: [] },
  ]);
});
