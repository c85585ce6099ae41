/** @module cost: a candidate's monthly cost, line by line, with the sizes it was priced at. */
import { z } from 'zod';
import { PriceOriginSchema } from './price.js';
import { ArchitectureSchema, orNull, UsdSchema } from './vocabulary.js';

export const LINE_CATEGORIES = [
  'compute',
  'control-plane',
  'load-balancing',
  'network',
  'storage',
  'observability',
  'discount',
] as const;
export const LineCategorySchema = z.enum(LINE_CATEGORIES);
export type LineCategory = z.infer<typeof LineCategorySchema>;

/** One checkable line of a monthly cost: what, how much, at what unit price, from where. */
export const LineItemSchema = z
  .strictObject({
    category: LineCategorySchema,
    /** The service the line is for, or null for shared items (control plane, load balancer, NAT). */
    service: z.string().nullable(),
    description: z.string(),
    /** Units per month, exact decimal string. */
    quantity: UsdSchema,
    unit: z.string(),
    /** USD per unit, exact; null when the price is missing from the source. */
    unitPriceUsd: UsdSchema.nullable(),
    /** quantity × unit price, exact (never rounded); null when the price is missing. */
    monthlyUsd: UsdSchema.nullable().meta({ description: 'quantity × unit price, exact; null if missing' }),
    priceId: z.string().nullable(),
    /** `snapshot`, `live`, `cache`, or `assumption` for stated discount assumptions. */
    priceOrigin: z.union([PriceOriginSchema, z.literal('assumption')]).nullable(),
    source: z.string().nullable(),
    asOf: z.string().nullable(),
    confirmed: z.boolean().nullable(),
    /** True when the price was not found: the line is flagged, its amount unknown, never guessed. */
    missing: z.boolean(),
  })
  .meta({ id: 'LineItem' });
export type LineItem = z.infer<typeof LineItemSchema>;

const SizeSchema = z.strictObject({ vcpu: z.number(), memoryMiB: z.number() });

/** How one service is sized and bought on Fargate. */
export const FargateSizingSchema = z.strictObject({
  service: z.string(),
  requested: SizeSchema,
  billed: SizeSchema,
  architecture: ArchitectureSchema,
  spot: z.boolean(),
  /**
   * Tasks kept on regular (on-demand) Fargate when the rest run on Fargate Spot: 1 for a long-running
   * Spot service, so a Spot reclaim never takes it down; 0 otherwise. Priced and generated alike.
   */
  onDemandBaseTasks: z.number().int(),
});
export type FargateSizing = z.infer<typeof FargateSizingSchema>;

export const TypeCountSchema = z.strictObject({ instanceType: z.string(), count: z.number().int() });
export type TypeCount = z.infer<typeof TypeCountSchema>;

/**
 * The operating system of a fleet's nodes of one line: `windows` on Windows nodes, absent on Linux nodes. A node
 * runs one OS, so a fleet that holds Linux and Windows services has separate lines (and nodes) for each, even of
 * the same instance type; a Linux-only fleet carries no `os` at all.
 */
export const NodeOsSchema = z.literal('windows').optional().meta({
  description:
    "'windows' for Windows nodes (billed at the Windows rate, launched from a Windows AMI); absent for Linux nodes. A fleet with Linux and Windows services sizes them apart, so the same instance type may appear once per OS",
});
export type NodeOs = z.infer<typeof NodeOsSchema>;

/** Nodes of one instance type and operating system in a fleet. */
export const FleetTypeCountSchema = z.strictObject({
  instanceType: z.string(),
  count: z.number().int(),
  os: NodeOsSchema,
});
export type FleetTypeCount = z.infer<typeof FleetTypeCountSchema>;

/** One node of the optimizer's fleet and the tasks it holds. */
export const FleetNodeSchema = z.strictObject({
  instanceType: z.string(),
  /** Windows or (absent) Linux: a node holds the tasks of one OS only. */
  os: NodeOsSchema,
  tasks: z.array(z.strictObject({ service: z.string(), count: z.number().int() })),
});
export type PlacedFleetNode = z.infer<typeof FleetNodeSchema>;

/** The most vCPU and memory the nodes of one kind run at any hour (Fleet.resourceCeiling). */
export const ResourceCeilingSchema = z.strictObject({
  architecture: ArchitectureSchema,
  gpu: z.boolean(),
  os: NodeOsSchema,
  vcpu: z.number(),
  memoryMiB: z.number(),
});
export type ResourceCeiling = z.infer<typeof ResourceCeilingSchema>;

/** One service's tasks per instance type and OS at one traffic level (Fleet.servicePeaks, Fleet.serviceTypicals). */
export const ServicePlacementSchema = z.strictObject({
  service: z.string(),
  tasks: z.array(z.strictObject({ instanceType: z.string(), os: NodeOsSchema, count: z.number().int() })),
});
export type ServicePlacement = z.infer<typeof ServicePlacementSchema>;

/** The operating system of a fleet line or node (`os` absent: Linux). */
export function nodeOs(line: { os?: NodeOs }): 'linux' | 'windows' {
  return line.os ?? 'linux';
}

/** The EC2 fleet the optimizer sized for a candidate, with where each task goes at the busiest hour. */
export const FleetSchema = z
  .strictObject({
    /** The fleet at the busiest hour and at the median hour of the week, per instance type and OS. */
    peak: z.array(FleetTypeCountSchema),
    typical: z.array(FleetTypeCountSchema),
    /**
     * Per instance type, the fewest nodes of any minute of the week (types with none left out): what a fixed
     * baseline may keep running all week and stay within the priced instance-hours. Scaling adds the rest.
     */
    floor: z.array(FleetTypeCountSchema),
    /**
     * Where running tasks stay where they started (ECS, on EC2 and Managed Instances), the services that run the same number of tasks
     * at every minute of the week are sized on nodes of their own, kept all week, and the other services on
     * nodes that come and go with them: these are those services, and their nodes per type (every level of the
     * week, the peak included, runs them). Both empty where the fleet was not sized so.
     */
    steadyServices: z.array(z.string()).meta({
      description:
        'Services sized on nodes of their own that run all week, because the fleet holds the same number of their tasks at every minute of the week and ECS never moves a running task (docs/pricing.md#steady-services-keep-their-nodes-on-ecs); the other services scale on other nodes. ECS on EC2 and ECS Managed Instances only; empty on EKS (whose nodes are consolidated) and where the fleet has no such mix',
    }),
    steady: z.array(FleetTypeCountSchema).meta({
      description:
        "The nodes of steadyServices per instance type and OS: part of every level's fleet (peak, typical and floor include them), launched as capacity of their own",
    }),
    /**
     * Per instance type and OS, the most nodes any minute of the week runs: the peak fleet's count, or more where
     * a quieter level re-packs onto a type the busiest one uses less (a day-time service beside a nightly job).
     * What the starter code lets each type grow to.
     */
    ceiling: z.array(FleetTypeCountSchema).meta({
      description:
        "Per instance type and OS, the most nodes of that type any traffic level of the week runs (at least the peak's and the typical fleet's count): the starter code's ceiling for the type. A type the busiest hour does not use is here when another level does",
    }),
    /**
     * Per kind of node (architecture, GPU or not, OS: what one node pool holds), the most vCPU and memory its
     * nodes have at any one hour of the week: a limit on the pool's total (Karpenter's) must allow it, and an
     * hour other than the busiest may need more of either.
     */
    resourceCeiling: z.array(ResourceCeilingSchema).meta({
      description:
        "Per kind of node (architecture, GPU or not, operating system), the most vCPU and memory (MiB) of that kind's nodes any traffic level of the week runs at once; an hour other than the busiest may run more of either (a memory-heavy nightly job). The starter code's Karpenter limits allow it",
    }),
    /** The peak fleet node by node, with the tasks the optimizer placed on each (all of one OS). */
    placement: z.array(FleetNodeSchema),
    /**
     * Each service's tasks per instance type and OS at the traffic level where it runs the most tasks (of those,
     * the one the week spends the most minutes at): how an ECS capacity provider strategy spreads it, since a
     * service's peak may fall at another hour than the fleet's.
     */
    servicePeaks: z.array(ServicePlacementSchema).meta({
      description:
        "Each service's tasks per instance type and OS at the traffic level where it runs the most tasks (of those, the level the week spends the most minutes at). A service whose busiest hour is not the fleet's is placed here as the optimizer sized it then; ECS capacity provider strategies take their weights from it",
    }),
    /**
     * Each service's tasks per instance type and OS in the typical fleet (the median minute's level; empty where
     * there is none): where an ECS strategy keeps a service's quiet-hour tasks (a capacity provider base).
     */
    serviceTypicals: z.array(ServicePlacementSchema).meta({
      description:
        "Each service's tasks per instance type and OS in the typical fleet (the level the median minute of the week runs; empty where there is none). Where a service's quiet hours run it on a type its busiest hour does not, ECS capacity provider strategies keep those tasks there with a base",
    }),
    /** Instance-minutes a week per type and OS over the weekly profile: what the instances are billed for. */
    instanceMinutesPerWeek: z.array(
      z.strictObject({ instanceType: z.string(), os: NodeOsSchema, minutes: z.number().int() }),
    ),
    /** Services no instance type of the region holds: their capacity is missing from the fleet. */
    unplaced: z.array(z.string()),
    /**
     * The region whose prices chose the instance types, where the fleet's own region's snapshot prices no
     * CPU type (us-east-1); null when the region's own prices did. The peak hourly costs below are then at
     * that region's prices: they order the types and are no estimate of the bill.
     */
    priceReference: z.string().nullable(),
    /**
     * Hourly cost of the peak fleet and the proven lower bound for it, exact USD, at the prices that chose
     * the instance types: Linux, shared tenancy, On-Demand. For a fleet with Windows nodes, or a dedicated, Spot
     * or Savings Plans fleet, that is not what the candidate pays an hour (its EC2 lines are, and say when their
     * price is missing).
     */
    peakHourlyUsd: UsdSchema.meta({
      description:
        "Hourly cost of the peak fleet at the prices that chose its instance types (Linux, shared tenancy, On-Demand; priceReference's region where set), Windows nodes included: it orders the fleets and sets peakGap. For a fleet with Windows nodes, or a dedicated, Spot or Savings Plans fleet, it is not what the candidate pays; the EC2 line items are (each node at its own OS's rate, and they say when that price is missing)",
    }),
    peakLowerBoundHourlyUsd: UsdSchema.meta({
      description:
        'A proven lower bound on the hourly cost of any fleet of the allowed types that holds the peak tasks, at the same prices as peakHourlyUsd',
    }),
    /** (cost − lower bound) / lower bound of the peak fleet. */
    peakGap: z.number().meta({
      description:
        'How far the peak fleet may be above the cheapest possible one: (hourly cost − proven lower bound) / lower bound, a fraction (0.0034 is 0.34 %)',
    }),
    /** The same gap for the typical fleet (`typical`); null when most of the week runs no EC2 task. */
    typicalGap: z.number().nullable().meta({
      description:
        'The same gap for the typical fleet (the fleet the median minute of the week runs); null when there is none (`typical` is empty)',
    }),
    /**
     * The same gap for the whole week's instance cost: every traffic level's fleet cost and lower bound,
     * weighted by the minutes the week spends at it (what `instanceMinutesPerWeek` bills).
     */
    weeklyGap: z.number().meta({
      description:
        "The same gap for the week's instance cost: every traffic level's fleet cost and lower bound, weighted by its minutes (what instanceMinutesPerWeek bills)",
    }),
    method: z.enum(['milp', 'heuristic']).meta({
      description:
        "Which search found the peak fleet: 'milp' for the LP dive, the exact search or the column search; 'heuristic' for greedy packing and local search. A fleet the re-pack searches improve keeps the method of the fleet they started from, and a fleet cut down from the week's level with the most tasks keeps that level's; where GPU tasks and the rest are sized apart, 'heuristic' if either part's is. The lower bound is proven apart from the fleet (by each task's share of the cheapest type that runs it, column generation, or an exact search that finished; the candidate's 'method (peak fleet)' note says which), so a 'heuristic' fleet may be proven optimal (peakGap 0).",
    }),
  })
  .meta({ id: 'Fleet' });
export type Fleet = z.infer<typeof FleetSchema>;

export const CandidateCostSchema = z
  .strictObject({
    /** Sum of every priced line (missing ones excluded), exact USD per month. */
    monthlyUsd: UsdSchema.meta({ description: 'Exact sum of every priced line item' }),
    lineItems: z.array(LineItemSchema),
    /** False when a price is missing: the total then leaves those lines out, and says so. */
    complete: z.boolean(),
    missingPriceIds: z.array(z.string()),
    fargate: z.array(FargateSizingSchema),
    fleet: orNull(FleetSchema),
    /** True when the EC2 fleet is bought as Spot (every EC2 service tolerates interruption). */
    ec2Spot: z.boolean(),
    /** Purchase options applied (Fargate Spot, EC2 Spot, Savings Plans), with their assumptions. */
    purchaseOptions: z.array(z.string()),
    notes: z.array(z.string()),
  })
  .meta({ id: 'CandidateCost' });
export type CandidateCost = z.infer<typeof CandidateCostSchema>;
