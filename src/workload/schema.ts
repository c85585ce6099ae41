/** @module schema: the workload description, the single source of truth for Berth's input. */
import { z } from 'zod';
import { describeValue } from '../issues.js';
import {
  EPHEMERAL_STORAGE_LIMIT_REASON,
  MAX_AVAILABILITY_ZONES,
  MAX_EGRESS_GB_PER_MONTH,
  MAX_EPHEMERAL_STORAGE_GIB,
  MAX_GPU_MODEL_LENGTH,
  MAX_IMAGE_LENGTH,
  MAX_IMAGE_SIZE_MB,
  MAX_LOAD_BALANCER_LCU,
  MAX_LOG_GB_PER_MONTH,
  MAX_NAT_DATA_GB_PER_MONTH,
  MAX_NAT_GATEWAYS,
  MAX_QUANTITY_LENGTH,
  MAX_REGISTRY_STORAGE_GB,
  MAX_REPLICAS_PER_SERVICE,
  MAX_SCHEDULE_WINDOWS,
  MAX_SERVICES,
  MAX_TASK_GPUS,
  MAX_TASK_MEMORY_MIB,
  MAX_TASK_VCPU,
  MAX_TASKS_PER_MINUTE,
  MAX_TEAM_SIZE,
  MAX_TOTAL_TASKS,
  MAX_VOLUME_GIB,
  MIN_TASK_MEMORY_MIB,
  MIN_TASK_VCPU,
} from './limits.js';
import { parseCpu, parseMemoryMiB } from './units.js';

/** Where the task bounds come from, as the messages cite it. */
const LIMITS_SOURCE = ' (src/workload/limits.ts)';

/**
 * A quantity as a number or a short string, parsed by `parse` and within [min, max] once parsed; `hint`
 * follows the message of a number below `min` (by default the file the minimum comes from).
 */
const quantity = (
  parse: typeof parseCpu,
  what: string,
  min: number,
  max: number,
  unit: string,
  hint = LIMITS_SOURCE,
) => {
  // One wording for a number and for a parsed string out of range, each ending with the value given.
  const tooSmall = (given: unknown, note: string) =>
    `invalid ${what}: at least ${min} ${unit}, the smallest a task can ask for${note}, got ${describeValue(given)}`;
  const tooLarge = (given: unknown) =>
    `invalid ${what}: at most ${max} ${unit}, the largest EC2 instance type${LIMITS_SOURCE}, got ${describeValue(given)}`;
  return z
    .union(
      [
        z
          .number()
          .min(min, { error: (issue) => tooSmall(issue.input, hint) })
          .max(max, { error: (issue) => tooLarge(issue.input) }),
        z.string().max(MAX_QUANTITY_LENGTH),
      ],
      {
        // A service without the field reads "missing", as a missing name does, not "got undefined".
        error: (issue) =>
          issue.input === undefined
            ? `missing: expected ${what} as a number or a string with a unit`
            : `invalid ${what}: expected a finite number or a string with a unit, got ${describeValue(issue.input)}`,
      },
    )
    .superRefine((value, ctx) => {
      // A number out of range or too long a string already has its issue (and the string is not parsed).
      if (typeof value === 'number' ? value > max || value < min : value.length > MAX_QUANTITY_LENGTH) return;
      const result = parse(value);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: `invalid ${what}: ${result.message}` });
      else if (result.value > max) ctx.addIssue({ code: 'custom', message: tooLarge(value) });
      else if (result.value < min) ctx.addIssue({ code: 'custom', message: tooSmall(value, LIMITS_SOURCE) });
    });
};

export const CpuSchema = quantity(parseCpu, 'CPU', MIN_TASK_VCPU, MAX_TASK_VCPU, 'vCPU').describe(
  `vCPU per task: a number (0.5), millicores ("500m") or "2 vCPU"; at least ${MIN_TASK_VCPU} (1m), at most ${MAX_TASK_VCPU}`,
);
export const MemorySchema = quantity(
  parseMemoryMiB,
  'memory',
  MIN_TASK_MEMORY_MIB,
  MAX_TASK_MEMORY_MIB,
  'MiB',
  ' (a bare number is MiB: write "1 GiB" for gibibytes)',
).describe(
  `Memory per task: MiB as a number (2048) or with a unit ("512 MiB", "1.5 GiB", "2Gi", "2 GB"); at least ${MIN_TASK_MEMORY_MIB} MiB, at most ${MAX_TASK_MEMORY_MIB} MiB (32 TiB)`,
);

/**
 * The shape of an AWS region code (`us-east-1`, `us-gov-west-1`). A well-formed code is not yet a known
 * region: that is checked against the price data's regions (known-regions.ts).
 */
export const REGION_CODE_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** The region of a workload that names none. */
export const DEFAULT_REGION = 'us-east-1';

/** Stated defaults of the cost inputs that no AWS page gives: Berth's assumptions, shown in the output. */
export const DEFAULT_IMAGE_SIZE_MB = 200;
export const DEFAULT_LOG_GB_PER_TASK_MONTH = 1;
export const DEFAULT_CONTROL_PLANE_LOG_GB_PER_MONTH = 5;

/** A replica count of one service: ECS allows 5,000 tasks per service (src/workload/limits.ts). */
const replicaCount = z.number().int().max(MAX_REPLICAS_PER_SERVICE);

const hour = z
  .number()
  .int()
  .min(0, {
    error: (issue) =>
      `expected an hour from 0 to 23, got ${issue.input}: a window starts at 0 to 23 o'clock, UTC`,
  })
  .max(23, {
    error: (issue) =>
      `expected an hour from 0 to 23, got ${issue.input}: a window starts at 0 to 23 o'clock, UTC`,
  });
const endHour = z
  .number()
  .int()
  .min(1, {
    error: (issue) =>
      `expected an hour from 1 to 24, got ${issue.input}: write 24 for a window that ends at midnight`,
  })
  .max(24, {
    error: (issue) =>
      `expected an hour from 1 to 24, got ${issue.input}: 24 is midnight at the end of the day`,
  });
/** What the schema says of a daily window's end hour; profile.ts (`inDailyWindow`) reads it this way. */
const WRAPS = 'an end before the start runs past midnight into the next day';
/** The hours of a week-long profile (profile.ts has the same constant; it imports this module). */
const HOURS_IN_WEEK = 168;
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * The message of a daily window whose end hour equals its start hour: it would cover no hour. Such a window
 * is refused rather than read as a whole day, since an end before the start already means "past midnight".
 */
function emptyWindow(what: string, endKey: string, startKey: string, hour: number): string {
  return `empty ${what}: ${endKey} (${hour}) equals ${startKey} (${hour}), so the ${what} would cover no hour (for all day, use ${startKey} 0 and ${endKey} 24)`;
}

export const TrafficSchema = z
  .discriminatedUnion('pattern', [
    z.strictObject({ pattern: z.literal('steady') }),
    z
      .strictObject({
        pattern: z.literal('diurnal'),
        peakStartHour: hour.default(8).describe('Hour the daily peak starts, UTC'),
        peakEndHour: endHour
          .default(20)
          .describe(`Hour the daily peak ends, UTC, not equal to peakStartHour; ${WRAPS}`),
        /** Whether Saturday and Sunday peak too; a peak belongs to the day it starts on. */
        weekendPeak: z.boolean().default(false),
      })
      .superRefine((traffic, ctx) => {
        if (traffic.peakStartHour !== traffic.peakEndHour) return;
        ctx.addIssue({
          code: 'custom',
          path: ['peakEndHour'],
          input: traffic.peakEndHour,
          message: emptyWindow('peak window', 'peakEndHour', 'peakStartHour', traffic.peakEndHour),
        });
      }),
    z.strictObject({
      pattern: z.literal('spiky'),
      spikesPerDay: z.number().int().min(1).max(96).default(4),
      spikeMinutes: z.number().int().min(1).max(1440).default(30),
    }),
    z.strictObject({
      pattern: z.literal('batch'),
      startHour: hour.default(0),
      /** Length of one run; Fargate bills per second with a one-minute minimum. */
      durationHours: z
        .number()
        .min(1 / 3600)
        .max(24),
      daysPerWeek: z.number().int().min(1).max(7).default(7),
    }),
    z.strictObject({
      pattern: z.literal('scheduled'),
      windows: z
        .array(
          z
            .strictObject({
              /** The days the window starts on; a window that runs past midnight ends on the next day. */
              days: z
                .array(z.enum(DAYS))
                .min(1)
                .max(DAYS.length)
                .default([...DAYS]),
              startHour: hour.describe('Hour the window starts, UTC'),
              endHour: endHour.describe(`Hour the window ends, UTC, not equal to startHour; ${WRAPS}`),
              replicas: replicaCount
                .min(0)
                .describe(
                  "Replicas from startHour to endHour: within the service's replicas (from min to max; a fixed count, that count)",
                ),
            })
            .superRefine((window, ctx) => {
              if (window.startHour !== window.endHour) return;
              ctx.addIssue({
                code: 'custom',
                path: ['endHour'],
                input: window.endHour,
                message: emptyWindow('window', 'endHour', 'startHour', window.endHour),
              });
            }),
        )
        .min(1)
        .max(MAX_SCHEDULE_WINDOWS),
    }),
    z.strictObject({
      pattern: z.literal('profile'),
      hourly: z
        .array(z.number().min(0).max(MAX_REPLICAS_PER_SERVICE))
        .min(24)
        .max(168)
        .refine((a) => a.length === 24 || a.length === 168, {
          message: 'expected 24 values (one day, repeated) or 168 values (one week from Monday 00:00)',
        })
        .describe(
          "Average replicas in each hour, UTC: 24 values (one day, repeated) or 168 (one week from Monday 00:00), each within the service's replicas (from min to max; a fixed count, that count)",
        ),
    }),
  ])
  .describe('How the replica count moves over a week; expanded into replicas per hour');
export type Traffic = z.infer<typeof TrafficSchema>;

export const ReplicasSchema = z
  .union([replicaCount.min(1), z.strictObject({ min: replicaCount.min(0), max: replicaCount.min(1) })], {
    error: (issue) =>
      `invalid replicas: expected a whole number from 1 to ${MAX_REPLICAS_PER_SERVICE}, or { min, max }, got ${describeValue(issue.input)}`,
  })
  .describe(
    `A fixed replica count, or the autoscaling range; at most ${MAX_REPLICAS_PER_SERVICE} (ECS tasks per service)`,
  );

export const GpuSchema = z.union([
  z.number().int().min(0).max(MAX_TASK_GPUS),
  z.strictObject({
    count: z.number().int().min(1).max(MAX_TASK_GPUS),
    model: z.string().min(1).max(MAX_GPU_MODEL_LENGTH).optional(),
  }),
]);

export const VolumeSchema = z.strictObject({
  sizeGiB: z.number().positive().max(MAX_VOLUME_GIB),
  /** Data must survive the task being replaced (a broker's log, a database). */
  durable: z.boolean().default(true),
});

export const NeedsSchema = z.strictObject({
  privileged: z.boolean().default(false),
  hostNetworking: z.boolean().default(false),
  /** Runs one copy on every node (log shipper, security agent): a DaemonSet or an ECS daemon service. */
  daemon: z.boolean().default(false),
  persistentVolume: VolumeSchema.optional(),
  /**
   * At most one task of the service on an EC2 node, so losing a node loses one replica (brokers, database
   * replicas). Default: on for a service with a durable persistent volume and 2 or more replicas, else off
   * (docs/workload.md#one-task-per-node). A per-node agent (`daemon`) runs one per node already.
   */
  onePerNode: z
    .boolean()
    .optional()
    .describe(
      'At most one task of the service per EC2 node; default true with a durable persistentVolume and 2 or more replicas',
    ),
  ephemeralStorageGiB: z
    .number()
    .positive()
    .max(MAX_EPHEMERAL_STORAGE_GIB, {
      error: (issue) =>
        `expected at most ${MAX_EPHEMERAL_STORAGE_GIB} GiB, got ${issue.input}: ${EPHEMERAL_STORAGE_LIMIT_REASON}`,
    })
    .optional(),
  /** A custom AMI, kernel modules, boot arguments or host-wide (not namespaced) kernel parameters. */
  customAmi: z.boolean().default(false),
  /** Sets namespaced kernel parameters per task (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*). */
  namespacedSysctls: z.boolean().default(false),
  dedicatedTenancy: z.boolean().default(false),
});

export const ServiceSchema = z.strictObject({
  name: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{0,39}$/,
      'expected lower-case letters, digits and dashes, starting with a letter',
    ),
  cpu: CpuSchema,
  memory: MemorySchema,
  replicas: ReplicasSchema.default(1),
  /**
   * CPU architecture of the image; `any` for multi-arch images, which lets Berth pick Graviton. Windows
   * runs on x86_64 only: arm64 is refused with `os: windows`, and `any` is read as x86_64.
   */
  architecture: z.enum(['x86_64', 'arm64', 'any']).default('x86_64'),
  os: z.enum(['linux', 'windows']).default('linux'),
  gpus: GpuSchema.default(0),
  needs: NeedsSchema.default({
    privileged: false,
    hostNetworking: false,
    daemon: false,
    customAmi: false,
    namespacedSysctls: false,
    dedicatedTenancy: false,
  }),
  traffic: TrafficSchema.optional(),
  /** Reached through a load balancer from the internet (public) or the VPC (internal), or not at all. */
  exposure: z.enum(['public', 'internal', 'none']).default('none'),
  port: z.number().int().min(1).max(65535).default(8080),
  image: z
    .string()
    .min(1)
    .max(MAX_IMAGE_LENGTH)
    .regex(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern exists to refuse them (ranges, not \p{Cc}: JSON Schema readers without Unicode mode)
      /^[^\s\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/,
      'expected an image reference such as public.ecr.aws/nginx/nginx:1.27: no spaces, control characters or text direction overrides',
    )
    .optional(),
  /**
   * Compressed size of the image as pulled, MB (1 GB = 1,024 MB): every Fargate task launch pulls it, an EC2
   * node once. 200 MB is Berth's assumption, not an AWS figure.
   */
  imageSizeMB: z
    .number()
    .positive()
    .max(MAX_IMAGE_SIZE_MB)
    .default(DEFAULT_IMAGE_SIZE_MB)
    .describe(
      `Compressed image size as pulled, MB; default ${DEFAULT_IMAGE_SIZE_MB} (an assumption), at most ${MAX_IMAGE_SIZE_MB}`,
    ),
  /** Logs each task writes to CloudWatch Logs (awslogs, on ECS), GB a month; 1 GB is Berth's assumption. */
  logGBPerTaskMonth: z
    .number()
    .min(0)
    .max(MAX_LOG_GB_PER_MONTH)
    .default(DEFAULT_LOG_GB_PER_TASK_MONTH)
    .describe(
      `Logs one task writes a month, GB (ECS sends them to CloudWatch Logs); default ${DEFAULT_LOG_GB_PER_TASK_MONTH} (an assumption)`,
    ),
  /** Tolerates interruption with two minutes' notice (Spot); defaults to the workload's setting. */
  interruptible: z.boolean().optional(),
});
export type ServiceInput = z.input<typeof ServiceSchema>;

export const TeamSchema = z.strictObject({
  kubernetesExperience: z.enum(['none', 'some', 'expert']).default('none'),
  size: z.number().int().min(1).max(MAX_TEAM_SIZE).default(5),
  /** Appetite for running nodes: patching AMIs, sizing and scaling instances. */
  operationsAppetite: z.enum(['low', 'medium', 'high']).default('medium'),
});

export const RequirementsSchema = z.strictObject({
  kubernetesApi: z.boolean().default(false),
  ecosystem: z.array(z.enum(['helm', 'operators', 'crds', 'service-mesh', 'karpenter'])).default([]),
  /** The same deployment must also run outside AWS: on other clouds or any standard Kubernetes. */
  portability: z.boolean().default(false),
  /** Part of the workload runs on servers in your own data centre (EKS Hybrid Nodes, ECS Anywhere). */
  hybrid: z.boolean().default(false),
  spotTolerant: z.boolean().default(false),
  savingsPlans: z.enum(['none', '1yr', '3yr']).default('none'),
  eksExtendedSupport: z.boolean().default(false),
  /**
   * Where the containers must run when not in the Region's Availability Zones: an AWS Local Zone, a
   * Wavelength Zone or an Outpost (Fargate runs in none of them).
   */
  edgeLocation: z.enum(['none', 'local-zone', 'wavelength-zone', 'outpost']).default('none'),
});

export const NetworkSchema = z
  .strictObject({
    /**
     * Average Load Balancer Capacity Units of the shared ALB of each scheme, public and internal, or of its
     * ALBs together when a scheme needs several (1 LCU ≈ 25 new connections/s or 1 GB/h).
     */
    loadBalancerLcu: z.number().min(0).max(MAX_LOAD_BALANCER_LCU).default(1),
    /** NAT gateways for private subnets (one per AZ is the resilient layout; one is the cheapest). */
    natGateways: z.number().int().min(0).max(MAX_NAT_GATEWAYS).default(1),
    /** Data processed by the NAT gateways per month, GB (image pulls, calls to the internet). */
    natDataGBPerMonth: z.number().min(0).max(MAX_NAT_DATA_GB_PER_MONTH).default(0),
    /**
     * Availability Zones the load balancer and the private subnets span; a public ALB holds one public IPv4
     * address in each, and in three or more ECS Managed Instances spread a service over at least 3 instances.
     */
    availabilityZones: z.number().int().min(2).max(MAX_AVAILABILITY_ZONES).default(2),
    /**
     * VPC endpoints for image pulls: `auto` prices the cheapest path (an S3 gateway endpoint, free, for the
     * image layers; ECR interface endpoints where there is no NAT gateway); `none` sends every pull through NAT.
     */
    vpcEndpoints: z.enum(['auto', 'none']).default('auto'),
    /** Data the public services send to the internet, GB a month; the first 100 GB a month are free. */
    internetEgressGBPerMonth: z.number().min(0).max(MAX_EGRESS_GB_PER_MONTH).default(0),
    /** Logs of the EKS control plane (api, audit, authenticator, as the starter code enables), GB a month. */
    controlPlaneLogGBPerMonth: z
      .number()
      .min(0)
      .max(MAX_LOG_GB_PER_MONTH)
      .default(DEFAULT_CONTROL_PLANE_LOG_GB_PER_MONTH),
  })
  .describe('Shared network pieces that every candidate pays for alike');

/**
 * The reason given when `services` is a map: a map keyed by service name is how Compose writes services,
 * and Berth's own fields written that way (`services: { web: { cpu: 2 } }`) must not pass for Compose.
 */
export const SERVICES_WRITTEN_AS_MAP =
  "expected a list of services, got a map: Berth's services are a list, each item with its name " +
  '(services: [{ name: web, cpu: 2, memory: 4 GiB }], or one "- name: web" item per service); ' +
  'a map keyed by service name is how Compose writes them, which berth import and POST /import read';

export const WorkloadSchema = z
  .strictObject({
    // Printed in every report: a control character (an escape sequence) would reach the user's terminal,
    // and a bidirectional control (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) would show the
    // text around it in another order than it is written.
    name: z
      .string()
      .min(1)
      .max(80)
      .regex(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern exists to refuse them (ranges, not \p{Cc}: JSON Schema readers without Unicode mode)
        /^[^\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*$/,
        'expected printable text: control characters such as an escape, a newline or a text direction override are not allowed',
      )
      .default('workload'),
    region: z
      .string()
      .regex(REGION_CODE_PATTERN, 'expected an AWS region code such as us-east-1')
      .default(DEFAULT_REGION),
    traffic: TrafficSchema.default({ pattern: 'steady' }),
    services: z
      .array(ServiceSchema, {
        error: (issue) =>
          issue.code === 'invalid_type' &&
          typeof issue.input === 'object' &&
          issue.input !== null &&
          !Array.isArray(issue.input)
            ? SERVICES_WRITTEN_AS_MAP
            : undefined,
      })
      .min(1, 'a workload needs at least one service')
      .max(MAX_SERVICES, `a workload has at most ${MAX_SERVICES} services`),
    team: TeamSchema.default({ kubernetesExperience: 'none', size: 5, operationsAppetite: 'medium' }),
    requirements: RequirementsSchema.default({
      kubernetesApi: false,
      ecosystem: [],
      portability: false,
      hybrid: false,
      spotTolerant: false,
      savingsPlans: 'none',
      eksExtendedSupport: false,
      edgeLocation: 'none',
    }),
    network: NetworkSchema.default({
      loadBalancerLcu: 1,
      natGateways: 1,
      natDataGBPerMonth: 0,
      availabilityZones: 2,
      vpcEndpoints: 'auto',
      internetEgressGBPerMonth: 0,
      controlPlaneLogGBPerMonth: DEFAULT_CONTROL_PLANE_LOG_GB_PER_MONTH,
    }),
    /** Container images kept in ECR, GB. */
    registryStorageGB: z.number().min(0).max(MAX_REGISTRY_STORAGE_GB).default(0),
    /** Tasks or pods started in the busiest minute (deployments, scale-out, batch fan-out). */
    launchBurst: z.strictObject({ tasksPerMinute: z.number().min(0).max(MAX_TASKS_PER_MINUTE) }).optional(),
  })
  .superRefine(
    (workload, ctx) => {
      const seen = new Map<string, number>();
      workload.services.forEach((service, index) => {
        // With `when` below, a service may be anything here: one that is not an object has its issue already.
        if (typeof service !== 'object' || service === null) return;
        // A name that is not a string has its own issue.
        const first = typeof service.name === 'string' ? seen.get(service.name) : undefined;
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', index, 'name'],
            input: service.name,
            message: `duplicate service name "${service.name}": already used by services[${first}]`,
          });
        } else if (typeof service.name === 'string') seen.set(service.name, index);
        if (service?.os === 'windows' && service.architecture === 'arm64') {
          ctx.addIssue({
            code: 'custom',
            path: ['services', index, 'architecture'],
            input: service.architecture,
            message: WINDOWS_ARM64_MESSAGE,
          });
        }
        const replicas = service.replicas;
        if (
          typeof replicas === 'object' &&
          replicas !== null &&
          isCount(replicas.min) &&
          isCount(replicas.max) &&
          replicas.min > replicas.max
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', index, 'replicas'],
            message: `replicas.min (${replicas.min}) is greater than replicas.max (${replicas.max})`,
          });
        }
        for (const issue of trafficOutsideReplicas(service, index, workload.traffic)) ctx.addIssue(issue);
      });
      // Refinements run even when a service has issues of its own: a count that is already reported as out
      // of bounds (or not a number) is not summed again.
      const peaks = workload.services.map((s) =>
        typeof s === 'object' && s !== null ? peakReplicas(s.replicas) : Number.NaN,
      );
      const valid = peaks.every((p) => Number.isInteger(p) && p <= MAX_REPLICAS_PER_SERVICE);
      const total = peaks.reduce((sum, p) => sum + p, 0);
      if (valid && total > MAX_TOTAL_TASKS) {
        ctx.addIssue({
          code: 'custom',
          path: ['services'],
          message: `too many tasks: the services run ${total} tasks at their peak, and a workload may run at most ${MAX_TOTAL_TASKS} (src/workload/limits.ts)`,
        });
      }
    },
    {
      // Zod skips a refinement after an aborting issue, such as a wrong enum value in one service; the
      // workload's own checks (duplicate names, min above max, traffic outside replicas) still run wherever
      // the services are a list, so one reply names every problem.
      when: (payload) => {
        const value = payload.value as { services?: unknown } | null;
        return typeof value === 'object' && value !== null && Array.isArray(value.services);
      },
    },
  );

/**
 * Windows containers on AWS (Fargate, and the ECS and EKS Windows AMIs) run on x86_64 only
 * (docs/workload.md#windows-containers-run-on-x86_64-only).
 */
const WINDOWS_ARM64_MESSAGE =
  'arm64 cannot run a Windows container: Windows containers run on x86_64 only on AWS (Fargate, and the ' +
  'ECS and EKS Windows AMIs; docs/workload.md#windows-containers-run-on-x86_64-only); build the image ' +
  'for x86_64 and write x86_64, or any for a multi-arch image';

/** A replica count that passed its own bounds: a whole number from 0 to the per-service maximum. */
function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_REPLICAS_PER_SERVICE;
}

/** An hour's level of a profile that passed its own bounds: a number from 0 to the per-service maximum. */
function isLevel(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= MAX_REPLICAS_PER_SERVICE;
}

function replicasWord(count: number): string {
  return `${count} replica${count === 1 ? '' : 's'}`;
}

type OutsideIssue = {
  code: 'custom';
  path: (string | number)[];
  input: number;
  message: string;
};

/**
 * The schedule windows and profile hours of a service's traffic (its own, or the workload's) that ask for
 * more replicas than its replicas allow, or fewer. The starter code scales a service between replicas.min
 * and replicas.max (a fixed count runs that count, with no autoscaling), so a level above the top would be
 * priced and never launched, and a profile hour below the bottom launched and priced lower; a window below
 * the bottom changes nothing, the minimum running at every hour
 * (docs/workload.md#schedules-and-profiles-stay-within-replicas). One issue per window; one per side of a
 * profile, at its first hour out of range, with the count of the others. A per-node agent is left alone:
 * it runs one task on every node.
 */
function trafficOutsideReplicas(
  service: { name: string; replicas: unknown; traffic?: Traffic | undefined; needs?: { daemon?: boolean } },
  index: number,
  workloadTraffic: Traffic | undefined,
): OutsideIssue[] {
  // A per-node agent runs one task on every node, whatever its replicas and traffic say.
  if (service.needs?.daemon === true) return [];
  const replicas = service.replicas;
  const fixed = typeof replicas === 'number';
  const range = fixed
    ? { min: replicas, max: replicas }
    : typeof replicas === 'object' && replicas !== null
      ? (replicas as { min?: unknown; max?: unknown })
      : null;
  // A count that failed its own checks, or an empty range, has its issue already.
  if (range === null || !isCount(range.min) || !isCount(range.max) || range.min > range.max) return [];
  const { min, max } = range as { min: number; max: number };
  const own = service.traffic !== undefined;
  const traffic = service.traffic ?? workloadTraffic;
  const at: (string | number)[] = own ? ['services', index, 'traffic'] : ['traffic'];
  // Names the bound; where the traffic is the workload's, the message first says which service it is about.
  const bound = (field: 'min' | 'max') =>
    fixed
      ? `replicas (${min}, a fixed count${min === 1 ? ', the default when replicas is not given' : ''})`
      : `replicas.${field} (${field === 'min' ? min : max})`;
  const lead = own ? '' : `for ${service.name} (services[${index}], which follows the workload's traffic), `;
  const above = (what: string, highest: number) =>
    fixed
      ? `the starter code runs a fixed count of ${min} with no autoscaling, so the replicas above it would be priced and never launched; write replicas as { min, max } with max at least ${Math.ceil(highest)}, or lower the ${what}`
      : `the starter code's autoscaling stops at replicas.max, so the replicas above it would be priced and never launched; raise replicas.max to ${Math.ceil(highest)} or lower the ${what}`;
  const issues: OutsideIssue[] = [];
  if (traffic?.pattern === 'scheduled' && Array.isArray(traffic.windows)) {
    traffic.windows.forEach((window, w) => {
      const count = window?.replicas;
      if (!isCount(count) || (count >= min && count <= max)) return;
      const path = [...at, 'windows', w, 'replicas'];
      const message =
        count > max
          ? `${lead}${replicasWord(count)} is above ${bound('max')}: ${above('window', count)}`
          : `${lead}${replicasWord(count)} is below ${bound('min')}: the service runs at least ${min} at every hour, so this window would change nothing; ${fixed ? `write replicas as { min, max } with min at most ${count}` : `lower replicas.min to ${count}`}, or raise the window`;
      issues.push({ code: 'custom', path, input: count, message });
    });
  }
  if (
    traffic?.pattern === 'profile' &&
    Array.isArray(traffic.hourly) &&
    (traffic.hourly.length === 24 || traffic.hourly.length === HOURS_IN_WEEK)
  ) {
    const levels = traffic.hourly.map((v, h) => ({ v, h })).filter(({ v }) => isLevel(v));
    const high = levels.filter(({ v }) => v > max);
    const low = levels.filter(({ v }) => v < min);
    const others = (n: number) =>
      n === 0 ? '' : `, as ${n === 1 ? 'is 1 more hour' : `are ${n} more hours`} of the profile`;
    const first = (list: typeof levels) => list[0]!;
    if (high.length > 0) {
      const highest = Math.max(...high.map(({ v }) => v));
      issues.push({
        code: 'custom',
        path: [...at, 'hourly', first(high).h],
        input: first(high).v,
        message: `${lead}${replicasWord(first(high).v)} is above ${bound('max')}${others(high.length - 1)}: ${above('profile', highest)}`,
      });
    }
    if (low.length > 0) {
      const lowest = Math.min(...low.map(({ v }) => v));
      issues.push({
        code: 'custom',
        path: [...at, 'hourly', first(low).h],
        input: first(low).v,
        message: `${lead}${replicasWord(first(low).v)} is below ${bound('min')}${others(low.length - 1)}: ${
          fixed
            ? `the starter code runs a fixed count of ${min} in every hour, so those hours would be launched and priced lower; write replicas as { min, max } with min at most ${Math.floor(lowest)}, or raise the profile`
            : `the starter code's autoscaling keeps at least replicas.min running, so those hours would be launched and priced lower; lower replicas.min to ${Math.floor(lowest)} or raise the profile`
        }`,
      });
    }
  }
  return issues;
}

/**
 * The most replicas a service runs in any hour: its count, or its range's top. A schedule window or a profile
 * hour above it is refused where it is written (trafficOutsideReplicas), not counted here.
 */
function peakReplicas(replicas: z.output<typeof ReplicasSchema>): number {
  return typeof replicas === 'number' ? replicas : replicas?.max;
}

export type WorkloadInput = z.input<typeof WorkloadSchema>;
export type ParsedWorkload = z.output<typeof WorkloadSchema>;
