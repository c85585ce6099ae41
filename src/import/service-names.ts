/** @module service-names: turns names from any input into Berth service names, unique and valid. */

const MAX_NAME_LENGTH = 40;

/** `Order_Service.v2` → `order-service-v2`: lower case, dashes, starting with a letter, at most 40 characters. */
export function toServiceName(name: string): string {
  let out = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (!/^[a-z]/.test(out)) out = `s-${out}`;
  return out.slice(0, MAX_NAME_LENGTH).replace(/-$/, '');
}

/** Valid names for `names`, in order, each unique: a repeated one gets `-2`, `-3` ... */
export function toUniqueServiceNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = toServiceName(name);
    let candidate = base;
    for (let n = 2; used.has(candidate); n += 1) {
      const suffix = `-${n}`;
      candidate = `${base.slice(0, MAX_NAME_LENGTH - suffix.length).replace(/-$/, '')}${suffix}`;
    }
    used.add(candidate);
    return candidate;
  });
}
