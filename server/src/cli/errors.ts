/** Marks CLI errors across bundles: `ask` runs from its own bundle, with its own copy of this class. */
const BRAND = Symbol.for('backend-architect.CliError');

/** A usage or configuration problem: the CLI prints it (and its detail lines) to stderr and exits 2. */
export class CliError extends Error {
  readonly [BRAND] = true;

  constructor(
    message: string,
    readonly details: string[] = [],
    readonly showUsage = false,
  ) {
    super(message);
    this.name = 'CliError';
  }

  static override [Symbol.hasInstance](e: unknown): boolean {
    return typeof e === 'object' && e !== null && (e as { [BRAND]?: boolean })[BRAND] === true;
  }
}
