/**
 * Returns the log lines that contain any of `secrets` verbatim.
 *
 * Tests use it to prove that personal data (ID numbers, phone numbers, names)
 * never reaches the logs: `expect(findPersonalData(svc.logs(), [idNumber])).toEqual([])`.
 * An empty secret would match every line, so it is rejected as a test bug.
 */
export function findPersonalData(lines: readonly string[], secrets: readonly string[]): string[] {
  if (secrets.length === 0) {
    throw new RangeError('findPersonalData: pass at least one secret to look for');
  }
  if (secrets.some((secret) => secret.length === 0)) {
    throw new RangeError('findPersonalData: an empty secret would match every line');
  }
  return lines.filter((line) => secrets.some((secret) => line.includes(secret)));
}
