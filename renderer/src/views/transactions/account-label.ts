/**
 * An account number as a reader tells accounts apart by: its first four characters (bank or
 * country and check digits) and last four, the middle masked, grouped as banks print them.
 * Short identifiers (a cash label, a card's last digits) are shown whole.
 */
export function maskAccount(identifier: string): string {
  const plain = identifier.replace(/[\s-]/g, '');
  if (plain.length <= 8) return identifier.trim();
  return `${plain.slice(0, 4)} •••• ${plain.slice(-4)}`;
}

/** Holder names with more than one account in the case: on those, a name alone does not say which account. */
export function sharedHolders(accounts: { holderName: string; identifier: string }[]): Set<string> {
  const seen = new Map<string, number>();
  for (const a of accounts) if (a.holderName) seen.set(a.holderName, (seen.get(a.holderName) ?? 0) + 1);
  return new Set([...seen].filter(([, n]) => n > 1).map(([name]) => name));
}

/** The side of a transaction as the grid shows it: the holder, and the masked number where the holder has two accounts. */
export function sideLabel(label: string | null, identifier: string | null, shared: Set<string>): string | null {
  if (label === null) return null;
  return identifier && shared.has(label) ? `${label} · ${maskAccount(identifier)}` : label;
}
