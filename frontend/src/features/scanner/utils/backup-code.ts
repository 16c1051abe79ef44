/**
 * A backup code as door search shows it (the server masks it the same way): `****` and its
 * last four characters, enough to tell two namesakes apart; the whole code would admit
 * whoever reads it over a shoulder.
 */
export function maskBackupCode(code: string): string {
  return `****${code.slice(-4)}`;
}
