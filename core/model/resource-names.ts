// Names the manifest schema accepts (metadata.name, composition names: `^[a-z0-9][a-z0-9-]{0,62}$`),
// made from names people gave things elsewhere (a folder, a stage, a channel).

export const RESOURCE_NAME_MAX_LENGTH = 63;

/** `text` as a resource name: lowercase, runs of other characters as one '-'; '' when nothing is left. */
export function toResourceName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, RESOURCE_NAME_MAX_LENGTH)
    .replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`, ... (cut to fit) for the first one not in `taken`; the result is added to `taken`. */
export function claimUniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n += 1) {
    const suffix = `-${n}`;
    name = base.slice(0, RESOURCE_NAME_MAX_LENGTH - suffix.length).replace(/-+$/, '') + suffix;
  }
  taken.add(name);
  return name;
}
