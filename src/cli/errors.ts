import { messages } from '../core';

/** An expected failure of the command line: one Vietnamese line on stderr and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
    /** For a file-system failure: the system's reason (EACCES, ENOSPC…). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A file or folder that could not be written: exit 2 with the path and the system's reason. */
export function writeError(path: string, e: unknown): CliError {
  const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new CliError(messages.CLI.cannotWrite(path, why), 2, why);
}
