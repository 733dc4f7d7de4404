/** Bad command-line use: exit code 2, with a message saying what to type instead. */
export class UsageError extends Error {
  override name = 'UsageError';
}
