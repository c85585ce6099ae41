/**
 * @module deployment: what a candidate deploys besides its tasks: load balancers and EC2 node pools.
 * Decided once per candidate (src/deployment/), then read by the cost lines and the starter code alike.
 */
import { z } from 'zod';
import { NodeOsSchema, TypeCountSchema } from './cost.js';
import { ArchitectureSchema, OperatingSystemSchema } from './vocabulary.js';

/** One Application Load Balancer and the services behind it. */
export const LoadBalancerSchema = z.strictObject({
  /** `public`: internet-facing; `internal`: reachable only inside the VPC. */
  scheme: z.enum(['public', 'internal']),
  services: z.array(z.string()),
});
export type LoadBalancer = z.infer<typeof LoadBalancerSchema>;

/** EC2 nodes that share a machine image: one Auto Scaling group or managed node group. */
export const NodePoolSchema = z.strictObject({
  /** `arm64`, `x86-64`, `gpu`, `gpu-arm64` or `windows`. */
  name: z.string(),
  architecture: ArchitectureSchema,
  os: OperatingSystemSchema,
  gpu: z.boolean(),
  /**
   * The optimizer's instance types: those of the busiest and median hours, the most used first, then any other
   * type a level of the priced week runs (Fleet.ceiling).
   */
  instanceTypes: z.array(z.string()),
  /** The optimizer's fleet of this pool at the busiest and at the median hour. */
  peak: z.array(TypeCountSchema),
  typical: z.array(TypeCountSchema),
  /**
   * The fleet's floor on this pool (Fleet.floor): the nodes it keeps running all week, within what was priced
   * at every hour. minSize and desiredSize count these; the scaler adds nodes above them.
   */
  floor: z.array(TypeCountSchema),
  /**
   * The most nodes of each type any level of the priced week runs on this pool (Fleet.ceiling): what each
   * type's group may grow to, at least its peak and typical count.
   */
  ceiling: z.array(TypeCountSchema).meta({
    description:
      "Per instance type, the most nodes of this pool any traffic level of the priced week runs (fleet.ceiling): at least the peak's and the median hour's count, and the only count of a type only another level runs",
  }),
  /**
   * The most vCPU and memory this pool's nodes run at any one hour of the priced week (Fleet.resourceCeiling):
   * Karpenter's limits allow it, where an hour other than the busiest needs more.
   */
  resourceCeiling: z.strictObject({ vcpu: z.number(), memoryMiB: z.number() }).meta({
    description:
      "The most vCPU and memory (MiB) this pool's nodes run at any one traffic level of the priced week (fleet.resourceCeiling); the starter code's Karpenter limits allow it",
  }),
  /**
   * The nodes of this pool that hold only the fleet's steady services (Fleet.steady), counted in peak, typical
   * and floor too: the ECS starter code gives them capacity providers of their own. Empty elsewhere.
   */
  steady: z.array(TypeCountSchema).meta({
    description:
      "The pool's nodes that hold only the fleet's steady services (fleet.steady), counted in peak, typical and floor too; the ECS starter code gives them capacity providers of their own. Empty on EKS and where the fleet has no steady services apart",
  }),
  /** What each instance type of the pool offers, so node autoscaler limits can be written in vCPU and memory. */
  instanceSizes: z.array(
    z.strictObject({
      instanceType: z.string(),
      vcpu: z.number(),
      memoryMiB: z.number(),
      /** May be fractional (a shared GPU). */
      gpus: z.number(),
    }),
  ),
  /** Nodes kept at rest (the floor), desired at creation (the same), and the most the pool may grow to: its types' ceilings added up (a service runs on one pool, and was priced on it: docs/pricing.md#each-service-runs-on-one-architecture). */
  minSize: z.number().int(),
  desiredSize: z.number().int(),
  maxSize: z.number().int(),
  spot: z.boolean(),
  /** Single-tenant hardware, because a service on the fleet requires it (priced as dedicated). */
  dedicated: z.boolean(),
  /** Services the optimizer placed on the pool's nodes (a per-node agent is on every pool that can run it). */
  services: z.array(z.string()),
});
export type NodePool = z.infer<typeof NodePoolSchema>;

/** A fixed Linux node group for an EKS cluster's system pods (deployment/system-nodes.ts), priced on its own line. */
export const SystemNodesSchema = z.strictObject({
  instanceType: z.string(),
  count: z.number().int(),
  dedicated: z.boolean(),
  /** What runs there, for the cost line and the starter code's comment. */
  runs: z.string(),
});
export type SystemNodes = z.infer<typeof SystemNodesSchema>;

/**
 * The disk of the nodes of one node pool (deployment/root-volumes.ts): one size for every node, because one
 * launch template, node group or NodeClass launches them. The cost lines price it and the starter code sets it.
 */
export const RootVolumeSchema = z.strictObject({
  /** The node pool (NodePool.name) whose nodes boot from it. */
  pool: z.string(),
  /** `windows` for a pool of Windows nodes (its instance-hours are the fleet's Windows lines); absent for Linux. */
  os: NodeOsSchema.meta({
    description:
      "'windows' for a pool of Windows nodes, whose instance-hours are the fleet's Windows lines of its instance types (and whose image's default disk is Windows's); absent for a Linux pool",
  }),
  /** The instance types of the pool the fleet runs in the priced week: their instance-hours are its hours. */
  instanceTypes: z.array(z.string()),
  /** GiB per node. */
  sizeGiB: z.number().int(),
  /** GiB the node's image gives it when the starter code leaves the disk alone. */
  defaultGiB: z.number().int(),
  /**
   * The most ephemeral storage (GiB, each task rounded up) the tasks and per-node agents of one node of the
   * pool ask for in the busiest hour's placement; 0 when none does.
   */
  tasksGiB: z.number().int(),
  /** True when the starter code sets the size (tasks ask for storage); false when it leaves the default. */
  explicit: z.boolean(),
  /**
   * `gp3` where the starter code writes the volume's type (a block device mapping); null where the image or
   * AWS chooses it, priced at the dearer gp2 rate.
   */
  volumeType: z.union([z.literal('gp3'), z.null()]),
  /**
   * Why this size, in words: where the default is kept, whose default it is (`AMI default`, `NodeClass
   * default`); else the default and what the busiest node's tasks add to it.
   */
  basis: z.string(),
});
export type RootVolume = z.infer<typeof RootVolumeSchema>;

export const DeploymentSchema = z
  .strictObject({
    loadBalancers: z.array(LoadBalancerSchema),
    nodePools: z.array(NodePoolSchema),
    /** Why the EC2 fleet cannot be written as node pools (starter code is then refused), or null. */
    nodePoolProblem: z.string().nullable(),
    /** The EKS system node group, or null (ECS, Fargate only, or no pool that needs one). */
    systemNodes: SystemNodesSchema.nullable(),
    /**
     * The disks of the EC2 fleet's nodes, one per node pool (empty without EC2 nodes): the default where no
     * task asks for ephemeral storage, else large enough for the busiest node's tasks.
     */
    rootVolumes: z.array(RootVolumeSchema),
  })
  .meta({ id: 'Deployment' });
export type Deployment = z.infer<typeof DeploymentSchema>;
