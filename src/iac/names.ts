/** @module names: the names generated code gives things (Terraform labels, CloudFormation ids, AWS names). */

/** A lower-case, dash-separated name safe in AWS resource names and Kubernetes object names. */
export function toSlug(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const safe = slug === '' ? 'workload' : slug;
  return /^[a-z]/.test(safe) ? safe : `w-${safe}`;
}

/** A Terraform block label: snake_case, starting with a letter (`svc-01` → `svc_01`). */
export function toTerraformLabel(name: string): string {
  return toSlug(name).replace(/-/g, '_');
}

/** A CloudFormation logical id: PascalCase letters and digits (`svc-01` → `Svc01`). */
export function toLogicalId(...parts: string[]): string {
  return parts
    .flatMap((p) => p.split(/[^A-Za-z0-9]+/))
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/**
 * An AWS resource name of at most `max` characters. Load balancers and target groups allow 32
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html); a
 * name that is too long keeps its head and tail so it stays recognisable and distinct.
 */
export function toAwsName(parts: readonly string[], max: number): string {
  const name = parts.map(toSlug).join('-');
  if (name.length <= max) return name;
  const tail = parts.length > 1 ? toSlug(parts[parts.length - 1] ?? '') : '';
  const headLength = Math.max(1, max - tail.length - 1);
  const head = name.slice(0, headLength).replace(/-+$/, '');
  return tail === '' ? head : `${head}-${tail}`.slice(0, max);
}
