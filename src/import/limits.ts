/** @module limits: the bounds of an import's input and the stated defaults for what an input leaves out. */

/** Files in one import: a realistic maximum (a Helm chart's rendered output is one file). */
export const MAX_IMPORT_FILES = 100;

/** Characters of a file name, as echoed in messages. */
export const MAX_FILE_NAME_LENGTH = 255;

/**
 * CPU of a service that states none: half a vCPU, a Fargate task size (0.5 vCPU with 1 to 4 GB) with
 * room for a typical web process. Stated in the output, and overridable (--default-cpu, overrides file).
 */
export const DEFAULT_CPU_VCPU = 0.5;

/** Memory of a service that states none: 1 GiB, the smallest Fargate memory for 0.5 vCPU. */
export const DEFAULT_MEMORY_MIB = 1024;

/** Size of a named volume whose size the input does not say, GiB: a small gp3 volume. */
export const DEFAULT_VOLUME_GIB = 20;
