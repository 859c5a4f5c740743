/** A subcommand: takes its arguments, returns the process exit status. */
export type Command = (argv: string[]) => Promise<number>;

/** Thrown for bad arguments: the CLI prints the message and exits with status 2. */
export class UsageError extends Error {}
