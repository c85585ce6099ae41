/**
 * @module quantities: the resource amounts each input format writes, read into vCPU, MiB and GiB:
 * Kubernetes quantities ("250m", "512Mi", "1G", "129e6"), Compose byte strings ("512m", "1gb") and
 * ECS CPU units (1024 to a vCPU).
 */

const KUBERNETES_SUFFIX: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * A Kubernetes resource quantity in its base unit (cores, bytes), or null when it is not one. The
 * grammar: a signed decimal, then a binary suffix (Ki..Ei), a decimal suffix (n..E) or an exponent
 * (e3); https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
export function parseKubernetesQuantity(input: unknown): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : null;
  if (typeof input !== 'string') return null;
  const match = /^\+?(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(
    input.trim(),
  );
  if (!match?.[1]) return null;
  const base = Number(match[1]);
  if (match[2] !== undefined) return base * 10 ** Number(match[2].slice(1));
  const factor = KUBERNETES_SUFFIX[match[3] ?? ''];
  return factor === undefined ? null : base * factor;
}

const MIB = 2 ** 20;
const GIB = 2 ** 30;

/** Bytes to whole MiB, rounded up: a task is never given less memory than it asked for. */
export function bytesToMiB(bytes: number): number {
  return Math.ceil(bytes / MIB - 1e-9);
}

/** Bytes to GiB, rounded up to a whole GiB (EBS volumes are sized in GiB). */
export function bytesToGiB(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / GIB - 1e-9));
}

/** vCPU rounded up to a millicore, the finest CPU Kubernetes and Berth accept. */
export function roundVcpu(vcpu: number): number {
  return Math.ceil(vcpu * 1000 - 1e-9) / 1000;
}

const COMPOSE_UNITS: Record<string, number> = { b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/**
 * A Compose byte value in bytes, or null: an integer of bytes, or a number with `b`, `k`, `m` or `g`
 * (optionally followed by `b`), binary multiples as Docker reads them
 * (the Compose Specification, "Specifying byte values":
 * https://github.com/compose-spec/compose-spec/blob/main/spec.md).
 */
export function parseComposeBytes(input: unknown): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input > 0 ? input : null;
  if (typeof input !== 'string') return null;
  const match = /^(\d+(?:\.\d+)?)\s*([bkmgt])?b?$/i.exec(input.trim());
  if (!match?.[1]) return null;
  return Number(match[1]) * (COMPOSE_UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1);
}

/** ECS CPU units to vCPU: "1024 CPU units is equivalent to 1 vCPU" (AWS ECS task definition parameters). */
export function ecsUnitsToVcpu(units: number): number {
  return roundVcpu(units / 1024);
}
