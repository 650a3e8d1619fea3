/** A usage or configuration problem: the CLI prints it (and its detail lines) to stderr and exits 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
    readonly showUsage = false,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
