/** @module gpu-match: matching a task's required GPU model against an instance type's. */

/** Lower-case words of a GPU model name: "NVIDIA A10G" → "nvidia a10g". */
export function normaliseGpuModel(model: string | null | undefined): string | null {
  if (model === null || model === undefined) return null;
  const words = model
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.length === 0 ? null : words.join(' ');
}

/** A required model matches when each of its words is a word of the offered model: "A10G" matches "NVIDIA A10G", "T4" not "NVIDIA T4G". */
export function gpuModelMatches(required: string | null, offered: string | null | undefined): boolean {
  if (required === null) return true;
  const words = normaliseGpuModel(offered)?.split(' ') ?? [];
  return required.split(' ').every((word) => words.includes(word));
}
