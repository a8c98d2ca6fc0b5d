/** A mistake on the command line or in its inputs: reported in one line, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
