/** What the status bar item says for a server state and the server's last status. No vscode import (tested). */
import type { StatusParams } from '../../server/src/lsp/protocol';

export type ServerState = 'starting' | 'running' | 'stopped' | 'failed' | 'crashed';

export interface StatusView {
  text: string;
  tooltip: string;
  /** What a click opens. */
  opens: 'problems' | 'output';
  /** Highlights the item when the server is not running. */
  alert?: 'error' | 'warning';
}

const NAME = 'Backend Architect';

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function findingsSummary(s: StatusParams): string {
  if (s.errors + s.warnings + s.infos === 0) return 'no findings';
  const parts = [count(s.errors, 'error'), count(s.warnings, 'warning'), `${s.infos} info`];
  return `${parts.join(', ')} in ${count(s.files, 'file')}`;
}

function countsText(s: StatusParams): string {
  const parts: string[] = [];
  if (s.errors) parts.push(`$(error) ${s.errors}`);
  if (s.warnings) parts.push(`$(warning) ${s.warnings}`);
  if (s.infos) parts.push(`$(info) ${s.infos}`);
  return parts.length ? parts.join(' ') : `$(check) ${NAME}`;
}

function scanningView(s: StatusParams): StatusView {
  // A scan reports 0/0 until it has listed the files.
  const known = s.scanned !== undefined && !!s.total;
  const progress = known ? ` ${s.scanned}/${s.total}` : '';
  const detail = known ? `${s.scanned} of ${count(s.total!, 'file')} analyzed` : 'in progress';
  return {
    text: `$(sync~spin) ${NAME}: scanning${progress}`,
    tooltip: `${NAME}: workspace scan ${detail}; ${findingsSummary(s)} so far.\nClick to open the Problems view.`,
    opens: 'problems',
  };
}

export function describeStatus(state: ServerState, status: StatusParams | undefined): StatusView {
  switch (state) {
    case 'starting':
      return { text: `$(sync~spin) ${NAME}: starting`, tooltip: `${NAME}: the language server is starting.`, opens: 'output' };
    case 'failed':
      return {
        text: `$(error) ${NAME}: not running`,
        tooltip: `${NAME}: the language server did not start.\nClick to show the output; run "${NAME}: Restart Server" to try again.`,
        opens: 'output',
        alert: 'error',
      };
    case 'crashed':
      return {
        text: `$(error) ${NAME}: crashed`,
        tooltip: `${NAME}: the language server crashed 5 times within 3 minutes and is not restarted again.\nClick to show the output; run "${NAME}: Restart Server" to start it again.`,
        opens: 'output',
        alert: 'error',
      };
    case 'stopped':
      return {
        text: `$(circle-slash) ${NAME}: stopped`,
        tooltip: `${NAME}: the language server has stopped.\nClick to show the output; run "${NAME}: Restart Server" to start it again.`,
        opens: 'output',
        alert: 'warning',
      };
    case 'running':
      if (status?.state === 'scanning') return scanningView(status);
      return {
        text: status ? countsText(status) : `$(check) ${NAME}`,
        tooltip: `${NAME}: ${status ? findingsSummary(status) : 'no findings'}.\nClick to open the Problems view.`,
        opens: 'problems',
      };
  }
}
