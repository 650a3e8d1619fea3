import { printable } from './formatters/text';
import { TOOL_NAME, toolInfo } from './version';

/** Exit status of a failure that is not the user's: a bug of the CLI (2 is kept for usage and configuration errors). */
export const EXIT_INTERNAL = 3;

/**
 * Reports an error the CLI did not expect: its message, the version and where to report it, on stderr; the stack
 * trace only with `--debug`. Returns the exit status.
 */
export function reportInternalError(e: unknown, debug: boolean, err: (text: string) => void): number {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const { version, issuesUri } = toolInfo();
  err(`${TOOL_NAME}: internal error: ${printable(message)}\n`);
  err(`${TOOL_NAME} ${version} (Node ${process.version}): please report this at ${issuesUri}${debug ? '' : ' (--debug adds the stack trace)'}\n`);
  if (debug && e instanceof Error && e.stack) err(`${e.stack}\n`);
  return EXIT_INTERNAL;
}
