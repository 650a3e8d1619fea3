import { inMemoryState as check } from '../code/state';
import { isBackendCode, isTestFile } from '../code/common';
import type { Rule } from './types';

/** Sessions and other per-user state kept in a service's memory (information unless it holds sessions). */
export const inMemoryState: Rule = {
  id: 'in-memory-state',
  kinds: ['python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'warning',
  title: 'Per-user state is kept in process memory',
  description:
    'Stateless services scale horizontally: any replica can serve any request, and a restart loses nothing. State kept in process memory (sessions in a map, express-session\'s MemoryStore, module-level dicts written by handlers) is lost on restart and invisible to other replicas. Keep it in a shared store such as Redis or a database.',
  // Only backend code: a sample app under `examples/` keeps its state in a Map on purpose (code/scope.ts).
  check: (ctx) => (isTestFile(ctx) || !isBackendCode(ctx) ? [] : check(ctx)),
};
