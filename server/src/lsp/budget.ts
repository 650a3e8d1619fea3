import { PARTIALLY_ANALYZED, type Finding } from '../core/findings';

const ZERO = { line: 0, character: 0 };
const seconds = (ms: number) => (ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`);
const RAISE = 'raise backendArchitect.analysisBudgetMs to analyze it in full';

/** The note on a file whose time budget ran out before these rules started (the findings of the others stand). */
export function partialFinding(path: string, budgetMs: number, notRun: readonly string[]): Finding {
  const listed = notRun.slice(0, 5).join(', ') + (notRun.length > 5 ? ` and ${notRun.length - 5} more` : '');
  const message = `Partially analyzed: the ${seconds(budgetMs)} time budget ran out before ${notRun.length === 1 ? 'a rule' : `${notRun.length} rules`} started (${listed}); the findings of the other rules are shown. ${RAISE[0].toUpperCase()}${RAISE.slice(1)}`;
  return { ruleId: PARTIALLY_ANALYZED, severity: 'information', message, path, range: { start: ZERO, end: ZERO } };
}

/** The note on a file whose analysis was stopped before it finished (parsing alone outlasted the budget). */
export function stoppedFinding(path: string, budgetMs: number, stoppedAfterMs: number): Finding {
  const message = `Partially analyzed: stopped after ${seconds(stoppedAfterMs)} (the time budget is ${seconds(budgetMs)}) before any rule finished, so nothing else is shown for this file; ${RAISE}`;
  return { ruleId: PARTIALLY_ANALYZED, severity: 'information', message, path, range: { start: ZERO, end: ZERO } };
}

/** When the main thread stops a worker that has not answered: after twice the budget, and never before 10 s more. */
export function hardStopMs(budgetMs: number): number {
  return budgetMs + Math.max(budgetMs, 10_000);
}
