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
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html). A
 * name that is too long keeps its head and tail, so it stays recognisable, and ends in a hash of the whole
 * name, so two names that differ only in the part cut away stay distinct (two services
 * `checkout-reconciliation-job-a` and `-b` once got the same target group name).
 */
export function toAwsName(parts: readonly string[], max: number): string {
  const name = parts.map(toSlug).join('-');
  if (name.length <= max) return name;
  const room = Math.max(1, max - HASH_LENGTH - 1);
  const tail = parts.length > 1 ? toSlug(parts[parts.length - 1] ?? '') : '';
  const headLength = Math.max(1, room - tail.length - 1);
  const head = name.slice(0, headLength).replace(/-+$/, '');
  return withHash(tail === '' ? head : `${head}-${tail}`, name, room);
}

/**
 * A name given as it is, shortened like toAwsName when it is longer than `max`: IAM role names allow 64
 * characters (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
export function fitAwsName(name: string, max: number): string {
  return name.length <= max ? name : withHash(name, name, Math.max(1, max - HASH_LENGTH - 1));
}

/** `kept` cut to `room` characters, then a dash and the hash of the whole name. */
function withHash(kept: string, whole: string, room: number): string {
  return `${kept.slice(0, room).replace(/-+$/, '')}-${shortHash(whole)}`;
}

/**
 * A security group name: an AWS name of at most 255 characters that does not begin with `sg-`, which EC2
 * reserves (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html); a
 * workload named `sg-shop` gets groups named `g-sg-shop-...`.
 */
export function toSecurityGroupName(parts: readonly string[]): string {
  return toAwsNameNotStarting(parts, SECURITY_GROUP_NAME_MAX, 'sg-', 'g');
}

/**
 * A load balancer name of at most 32 characters that does not begin with `internal-`,
 * which Elastic Load Balancing refuses
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html):
 * a workload named `internal-tools` gets load balancers named `lb-internal-tools-...`.
 */
export function toLoadBalancerName(parts: readonly string[]): string {
  return toAwsNameNotStarting(parts, 32, 'internal-', 'lb');
}

/** toAwsName, led by `lead` when the name would begin with the `reserved` prefix AWS refuses. */
function toAwsNameNotStarting(parts: readonly string[], max: number, reserved: string, lead: string): string {
  const name = toAwsName(parts, max);
  return name.startsWith(reserved) ? toAwsName([lead, ...parts], max) : name;
}

/**
 * A Kubernetes namespace, label value or IngressGroup name: a DNS label of at most 63 characters
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/), shortened like toAwsName.
 */
export function toDnsLabel(parts: readonly string[]): string {
  return toAwsName(parts, 63);
}

const SECURITY_GROUP_NAME_MAX = 255;
const HASH_LENGTH = 8;

/** FNV-1a over the name's UTF-16 code units, as 8 hex digits: the same name always gives the same hash. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(HASH_LENGTH, '0');
}
