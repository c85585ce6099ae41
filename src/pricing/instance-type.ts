/** @module instance-type: the shape of one EC2 instance type in the embedded catalog. */
import type { Architecture } from '../model/vocabulary.js';

export interface InstanceType {
  name: string;
  family: string;
  size: string;
  vcpu: number;
  memoryMiB: number;
  architecture: Architecture;
  /** May be fractional (g6f shares a GPU). */
  gpuCount: number;
  gpuModel: string | null;
  /** Non-GPU ML accelerators (Inferentia, Trainium). */
  acceleratorCount: number;
  /** VPC CNI default without prefix delegation: ENIs × (IPv4 per ENI − 1) + 2. */
  maxPodsEks: number;
  enis: number | null;
  ipv4PerEni: number | null;
  burstable: boolean;
  /**
   * Whether EC2 counts the type as current generation (the Price List's `currentGeneration`, EC2's
   * `CurrentGeneration`); null when the snapshot does not know.
   */
  currentGeneration: boolean | null;
}
