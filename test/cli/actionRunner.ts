// Runs the composite action of action.yml on this machine, as a GitHub runner would: each `run:` step a bash script
// with its `env:` expressions resolved, GITHUB_OUTPUT / GITHUB_PATH / GITHUB_STEP_SUMMARY files between steps.
// `uses:` steps are not run: they are returned with their resolved `with:` for the test to check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { toPlain } from '../../server/src/core/documents/tree';
import { parseYaml } from '../../server/src/core/documents/yaml';
import { ROOT } from './helpers';

interface Step {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

export interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export function readAction(): Action {
  return toPlain(parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')).root) as Action;
}

export interface StepRun {
  name: string;
  skipped: boolean;
  code?: number | null;
  stdout?: string;
  stderr?: string;
  /** A `uses:` step that would run: its action and resolved `with:`. */
  uses?: { action: string; with: Record<string, string> };
}

export interface ActionRun {
  steps: StepRun[];
  outputs: Record<string, string>;
  summary: string;
}

export interface RunnerContext {
  workspace: string;
  /** RUNNER_TEMP; also holds the runner's files (outputs, path, summary, event). */
  temp: string;
  inputs: Record<string, string>;
  event: unknown;
  /** Put first on PATH (fake commands). */
  path: string[];
  env?: Record<string, string>;
}

const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g;

/** The few expressions the action uses: inputs, github.action_path, github.event.*, steps.ID.outputs.NAME. Others throw. */
function evaluate(expr: string, ctx: RunnerContext, inputs: Record<string, string>, steps: Record<string, Record<string, string>>): string | boolean {
  const compare = /^(.+?)\s*(==|!=)\s*''$/.exec(expr);
  if (compare) return (evaluate(compare[1], ctx, inputs, steps) === '') === (compare[2] === '==');
  const [head, ...rest] = expr.split('.');
  if (head === 'inputs' && rest.length === 1 && rest[0] in inputs) return inputs[rest[0]];
  if (head === 'github' && expr === 'github.action_path') return ROOT;
  if (head === 'github' && rest[0] === 'event') return String(rest.slice(1).reduce((o: any, k) => o?.[k], ctx.event) ?? '');
  if (head === 'steps' && rest[1] === 'outputs') return steps[rest[0]]?.[rest[2]] ?? '';
  throw new Error(`the test runner does not know the expression '${expr}'`);
}

function substitute(text: string, ...args: [RunnerContext, Record<string, string>, Record<string, Record<string, string>>]): string {
  return text.replace(EXPRESSION, (_m, expr: string) => String(evaluate(expr, ...args)));
}

/** `key=value` lines of a GITHUB_OUTPUT file (the action writes no multi-line values). */
function readOutputs(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/** Runs the action's steps in order; a failing step stops the run, as on GitHub (no step uses `always()`). */
export function runAction(action: Action, ctx: RunnerContext): ActionRun {
  mkdirSync(ctx.temp, { recursive: true });
  const files = { summary: join(ctx.temp, 'step-summary.md'), path: join(ctx.temp, 'github-path'), event: join(ctx.temp, 'event.json') };
  writeFileSync(files.event, JSON.stringify(ctx.event));
  writeFileSync(files.summary, '');
  writeFileSync(files.path, '');
  const steps: Record<string, Record<string, string>> = {};
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    inputs[name] = ctx.inputs[name] ?? substitute(input.default ?? '', ctx, {}, steps);
  }
  const args = [ctx, inputs, steps] as const;
  const runs: StepRun[] = [];
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.if !== undefined && evaluate(step.if.replace(EXPRESSION, '$1'), ...args) !== true) {
      runs.push({ name: step.name, skipped: true });
      continue;
    }
    if (step.uses) {
      const resolved = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v), ...args)]));
      runs.push({ name: step.name, skipped: false, uses: { action: step.uses, with: resolved } });
      continue;
    }
    const script = join(ctx.temp, `step-${i}.sh`);
    const output = join(ctx.temp, `output-${i}`);
    writeFileSync(script, step.run!);
    const added = readFileSync(files.path, 'utf8').split('\n').filter(Boolean).reverse();
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PATH: [...ctx.path, ...added, process.env.PATH].join(delimiter),
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ctx.workspace,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: output,
      GITHUB_PATH: files.path,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: ctx.temp,
      ...ctx.env,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(String(v), ...args);
    // The shell GitHub uses for `shell: bash`.
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: ctx.workspace, env, encoding: 'utf8', timeout: 120_000 });
    if (r.error) throw r.error;
    if (step.id) steps[step.id] = readOutputs(output);
    runs.push({ name: step.name, skipped: false, code: r.status, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) break;
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, o]) => [k, substitute(o.value, ...args)]));
  return { steps: runs, outputs, summary: readFileSync(files.summary, 'utf8') };
}
