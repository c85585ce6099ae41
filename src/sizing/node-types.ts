/**
 * @module node-types: which EC2 instance types may be nodes of a fleet: current generation, and bootable
 * and usable with the AMIs Berth's starter code launches (ECS- and EKS-optimised Amazon Linux 2023, their
 * NVIDIA GPU variants, and Windows Server).
 */
import type { NodeManagement, Orchestrator } from '../model/vocabulary.js';
import type { InstanceType } from '../pricing/instance-type.js';

export interface NodeTypeOptions {
  orchestrator: Orchestrator;
  /** Families taken as previous generation where a type's `currentGeneration` is unknown (settings/fleet.yaml). */
  previousGenerationFamilies: readonly string[];
  /**
   * Whether a service of the fleet asks for a GPU; false leaves GPU types out. Absent: GPU types stay in
   * (the optimizer still only picks one where it is the cheapest fit).
   */
  gpusRequested?: boolean;
  /** Who runs the nodes; EKS Auto Mode launches only some types (AUTO_MODE_INSTANCES). Default self-managed. */
  nodes?: NodeManagement;
}

export interface NodeTypeExclusion {
  instanceType: string;
  /** `{type}: {why}`. */
  reason: string;
  /** The AWS page the reason rests on. */
  source: string;
}

export interface EligibleNodeTypes<T extends InstanceType> {
  types: T[];
  excluded: NodeTypeExclusion[];
}

interface Verdict {
  why: string;
  source: string;
}

type Check = (type: InstanceType, options: NodeTypeOptions) => Verdict | undefined;

// The Amazon EC2 Instance Types guide lists the previous-generation families ("Previous generation
// instances"); settings/fleet.yaml carries them, with the older ones of https://aws.amazon.com/ec2/previous-generation/.
const PREVIOUS_GENERATION = 'https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html';
// "For Arm-based instances, AL2023 only supports instance types that use Graviton2 or later processors.
// AL2023 doesn't support A1 instances."
const AL2023_REQUIREMENTS = 'https://docs.aws.amazon.com/linux/al2023/ug/system-requirements.html';
// The EKS accelerated AMIs and the instance types each serves: NVIDIA (x86_64: p3, g4dn and newer; Arm:
// g5g, p6e) and Neuron (inf1, inf2, trn1, trn2). g4ad (AMD), dl1 (Gaudi), g2, g3 and p2 are on neither list.
const EKS_ACCELERATED_AMIS = 'https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-optimized-ami.html';
// The ECS-optimised AL2023 variants: x86_64, arm64, Neuron and GPU; the GPU one is x86_64 only.
const ECS_AMI_VARIANTS =
  'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_AMI.html';
const BATCH_GPU_AMI = 'https://docs.aws.amazon.com/batch/latest/userguide/batch-gpu-ami.html';
const MAC_INSTANCES = 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-mac-instances.html';
// Accelerated computing types carry GPUs or other accelerators; their price pays for hardware a service
// that asks for none leaves idle. Where a region's snapshot prices only these types (issue 16), the
// cheapest priced node would otherwise be a GPU node for a web app.
const ACCELERATED_COMPUTING = 'https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html';

/**
 * NVIDIA GPU families the GPU AMIs do not serve. p2 (K80) and g2 (GRID K520): the ECS GPU-optimised AMI
 * is incompatible with them from version 20230912 on (BATCH_GPU_AMI), and the EKS NVIDIA AMIs do not list
 * them. g3 and g3s (M60): still served by the ECS GPU-optimised AMI (AWS Batch picks it for them), but not
 * on the EKS AL2023 NVIDIA list.
 */
const UNSERVED_NVIDIA_FAMILIES: Record<NodeTypeOptions['orchestrator'], ReadonlySet<string>> = {
  ecs: new Set(['g2', 'p2']),
  eks: new Set(['g2', 'p2', 'g3', 'g3s']),
};

// EKS Auto Mode launches only types with more than one vCPU, and not the nano, micro or small sizes; the
// page also lists the families it launches, which Berth does not restrict further. Read through a 2026
// secondary note that cites this page, so unconfirmed verbatim (docs/aws-managed-nodes.md).
const AUTO_MODE_INSTANCES = 'https://docs.aws.amazon.com/eks/latest/userguide/automode-learn-instances.html';

const isNeuron = (type: InstanceType) => /^(inf|trn)\d/.test(type.family);

/** In order: the first check that fails a type gives its reason. */
const CHECKS: Check[] = [
  (type) =>
    type.currentGeneration === false
      ? { why: 'previous generation (EC2 reports CurrentGeneration false)', source: PREVIOUS_GENERATION }
      : undefined,
  (type, options) =>
    type.currentGeneration === null && options.previousGenerationFamilies.includes(type.family)
      ? {
          why: `previous generation (family ${type.family} is on the fallback list of settings/fleet.yaml, used while the snapshot does not know the type's generation)`,
          source: PREVIOUS_GENERATION,
        }
      : undefined,
  (type) =>
    type.family.startsWith('mac')
      ? {
          why: 'a Mac instance boots macOS only, on a Mac Dedicated Host; the ECS- and EKS-optimised AMIs are Linux or Windows',
          source: MAC_INSTANCES,
        }
      : undefined,
  (type) =>
    type.family === 'a1'
      ? {
          why: 'Amazon Linux 2023, the base of the ECS- and EKS-optimised AMIs, supports Arm instances from Graviton2 on and not A1',
          source: AL2023_REQUIREMENTS,
        }
      : undefined,
  (type) =>
    type.acceleratorCount > 0 && isNeuron(type)
      ? {
          why: `its ${type.acceleratorCount} Inferentia/Trainium accelerator(s) need the Neuron AMI, which Berth's starter code does not use, and no other service can use them`,
          source: EKS_ACCELERATED_AMIS,
        }
      : undefined,
  (type) =>
    type.acceleratorCount > 0
      ? {
          why: `its ${type.acceleratorCount} ML accelerator(s) need drivers that none of the AMIs of Berth's starter code carry`,
          source: EKS_ACCELERATED_AMIS,
        }
      : undefined,
  (type) =>
    type.gpuCount > 0 && !(type.gpuModel ?? '').startsWith('NVIDIA')
      ? {
          why: `its GPUs (${type.gpuModel ?? 'model unknown'}) are not NVIDIA; the ECS GPU-optimised and EKS NVIDIA AMIs drive NVIDIA GPUs only`,
          source: EKS_ACCELERATED_AMIS,
        }
      : undefined,
  (type, options) =>
    type.gpuCount > 0 && UNSERVED_NVIDIA_FAMILIES[options.orchestrator].has(type.family)
      ? {
          why: `its ${type.gpuModel} is not among the GPUs the ${options.orchestrator === 'ecs' ? 'ECS GPU-optimised AMI serves' : 'EKS NVIDIA AMIs serve'}`,
          source: options.orchestrator === 'ecs' ? BATCH_GPU_AMI : EKS_ACCELERATED_AMIS,
        }
      : undefined,
  (type, options) =>
    options.gpusRequested === false && type.gpuCount > 0
      ? {
          why: `its ${type.gpuCount} GPU(s) would sit idle: no service of this fleet asks for a GPU`,
          source: ACCELERATED_COMPUTING,
        }
      : undefined,
  (type, options) =>
    options.nodes === 'eks-auto-mode' && (type.vcpu <= 1 || /\.(nano|micro|small)$/.test(type.name))
      ? {
          why: `EKS Auto Mode launches neither single-vCPU types nor the nano, micro and small sizes (${type.vcpu} vCPU)`,
          source: AUTO_MODE_INSTANCES,
        }
      : undefined,
  (type, options) =>
    options.orchestrator === 'ecs' && type.gpuCount > 0 && type.architecture === 'arm64'
      ? { why: 'ECS publishes its GPU-optimised AMI for x86_64 only, none for Arm', source: ECS_AMI_VARIANTS }
      : undefined,
];

function findVerdict(type: InstanceType, options: NodeTypeOptions): Verdict | undefined {
  for (const check of CHECKS) {
    const verdict = check(type, options);
    if (verdict !== undefined) return verdict;
  }
  return undefined;
}

/**
 * The types a fleet may use, and every other one with its reason. Pure: the same types and options
 * always give the same answer, in the order of the types given.
 */
export function eligibleNodeTypes<T extends InstanceType>(
  types: readonly T[],
  options: NodeTypeOptions,
): EligibleNodeTypes<T> {
  const eligible: T[] = [];
  const excluded: NodeTypeExclusion[] = [];
  for (const type of types) {
    const verdict = findVerdict(type, options);
    if (verdict === undefined) eligible.push(type);
    else
      excluded.push({
        instanceType: type.name,
        reason: `${type.name}: ${verdict.why}`,
        source: verdict.source,
      });
  }
  return { types: eligible, excluded };
}
