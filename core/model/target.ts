// --target: an address (`manifest/composition`) or a manifest name selects what a command acts on.

export function matchesTarget(address: string, target: string): boolean {
  return address === target || address.startsWith(target.endsWith('/') ? target : target + '/');
}

/** No targets select everything. */
export function isTargeted(address: string, targets: readonly string[] | undefined): boolean {
  if (!targets || targets.length === 0) return true;
  return targets.some((t) => matchesTarget(address, t));
}
