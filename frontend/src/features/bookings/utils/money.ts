/** Money arithmetic on the API's decimal strings, in minor units so 0.1 + 0.2 stays 0.30. */

export function toCents(amount: string): number {
  return Math.round(Number(amount) * 100);
}

export function fromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** The total of `quantity` items at each decimal-string unit price. */
export function totalOf(lines: readonly { unitPrice: string; quantity: number }[]): string {
  return fromCents(lines.reduce((sum, line) => sum + toCents(line.unitPrice) * line.quantity, 0));
}
