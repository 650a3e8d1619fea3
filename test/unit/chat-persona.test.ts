// Persona files: the shipped personas load and are faithful to the reference; invalid files are reported.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadPersonas, parsePersona } from '../../server/src/chat/persona';
import { builtinPersonaDir } from '../../server/src/chat/personaDir';

const dir = builtinPersonaDir();

describe('shipped personas', () => {
  test('every shipped persona loads without a problem and every delegate it names exists', async () => {
    const { personas, problems } = await loadPersonas(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(personas.map((p) => p.name).sort(), ['backend-architect', 'database-architect', 'performance-engineer', 'security-auditor']);
  });

  test('the backend architect delegates schema design, security audits and system-wide optimization', async () => {
    const p = parsePersona(readFileSync(join(dir, 'backend-architect.md'), 'utf8'), 'x', 'builtin');
    assert.deepEqual(p.delegates.map((d) => d.persona), ['database-architect', 'security-auditor', 'performance-engineer']);
  });

  test('the backend architect keeps every section and figure of the reference persona', () => {
    const body = readFileSync(join(dir, 'backend-architect.md'), 'utf8');
    const mustHave = [
      // delegation
      'database-architect', 'cloud-architect', 'security-auditor', 'performance-engineer', 'frontend-developer',
      // the five checks
      'Five checks before every answer', 'Requirements', 'Service boundaries', 'Resilience', 'Observability', 'Security',
      'circuit breaker', 'Correlation IDs', 'Rate limits and input validation',
      // decision framework
      'P50, P95 and P99', 'Strong or eventual', 'GDPR, HIPAA, SOC2', 'One database per service', 'REST', 'GraphQL', 'gRPC', 'WebSocket',
      'Saga', 'Exponential backoff with jitter', 'On every external call', 'Degrade gracefully', 'RED: rate, errors, duration', 'OpenTelemetry, Jaeger', 'SLOs',
      // principles and targets
      'Simplicity - target 95%', 'under 10 minutes', 'Scalability - target 100%', 'Growing 10x', 'less than 20% re-architecture',
      'Resilience - target 99.9%', 'under 5 minutes (MTTR)', 'Observability - target 100%', 'within 5 minutes', 'less than 50 ms',
      'Security - target 100%', 'never in code',
      // patterns
      'POST /orders', 'order.created', 'payment.completed', 'inventory.reserved', '50% errors within 10s', '1s, 2s, 4s, 8s, then to a dead-letter queue',
      'failure_threshold=5, recovery_timeout=30', '"correlation_id"', '/health/ready',
      // anti-patterns
      'Over-engineering', 'Shared database', 'No timeouts', 'Stateful services', 'Missing circuit breaker',
      // checklist
      'Requirements and constraints are written down', 'Service boundaries follow DDD', 'API contracts are defined (OpenAPI or GraphQL)',
      'Communication patterns are chosen', 'Resilience patterns are in place', 'observability strategy is defined', 'security architecture has been reviewed',
      'caching strategy is planned', 'deployment strategy is written down', 'Trade-offs and the alternatives considered',
    ];
    for (const s of mustHave) assert.ok(body.toLowerCase().includes(s.toLowerCase()), `has "${s}"`);
  });
});

describe('persona validation', () => {
  const cases: [string, string, RegExp][] = [
    ['a file without frontmatter', '# Just text\n', /no frontmatter/],
    ['a missing description and a version that is not semver', '---\nname: x\nversion: one\n---\nbody\n', /description: .*; version: a semantic version/],
    ['a name that is not kebab-case', '---\nname: Team Lead\ndescription: d\nversion: 1.0.0\n---\nbody\n', /name: a kebab-case persona id/],
    ['an unknown frontmatter key', '---\nname: x\ndescription: d\nversion: 1.0.0\nmodel: opus\n---\nbody\n', /frontmatter: Unrecognized key: "model"/],
    ['a delegate without its reason', '---\nname: x\ndescription: d\nversion: 1.0.0\ndelegates:\n  - persona: y\n---\nbody\n', /delegates\.0\.when/],
    ['a persona with no instructions', '---\nname: x\ndescription: d\nversion: 1.0.0\n---\n\n', /no instructions/],
  ];
  for (const [what, text, message] of cases) {
    test(`rejects ${what} with the reason`, () => {
      assert.throws(() => parsePersona(text, 'p.md', 'workspace'), message);
    });
  }

  test('lists workspace personas, reports invalid ones and unknown delegates, and lets a workspace persona override a shipped one', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'ba-persona-'));
    try {
      const pdir = join(ws, '.backend-architect', 'personas');
      mkdirSync(pdir, { recursive: true });
      writeFileSync(join(pdir, 'team-lead.md'), '---\nname: team-lead\ndescription: Our lead\nversion: 0.1.0\ndelegates:\n  - persona: nobody\n    when: never\n---\nLead.\n');
      writeFileSync(join(pdir, 'broken.md'), '---\nname: broken\n---\nx\n');
      writeFileSync(join(pdir, 'security-auditor.md'), '---\nname: security-auditor\ndescription: Ours\nversion: 2.0.0\n---\nOur auditor.\n');
      writeFileSync(join(pdir, 'misnamed.md'), '---\nname: other\ndescription: d\nversion: 1.0.0\n---\nx\n');
      const { personas, problems } = await loadPersonas(dir, [ws]);
      assert.ok(personas.some((p) => p.name === 'team-lead' && p.source === 'workspace'));
      assert.equal(personas.find((p) => p.name === 'security-auditor')?.body, 'Our auditor.');
      const messages = problems.map((p) => `${p.path.split(/[\\/]/).at(-1)}: ${p.message}`).sort();
      assert.equal(messages.length, 3);
      assert.match(messages[0], /^broken\.md: invalid frontmatter: description: .*version/);
      assert.match(messages[1], /^misnamed\.md: name 'other' does not match the file name/);
      assert.match(messages[2], /^team-lead\.md: delegates to 'nobody', which is not a known persona/);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
