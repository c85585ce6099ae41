/**
 * @module limits: the upper bound of every number and list in a workload, each from an AWS quota or
 * limit where one exists (cited), otherwise a stated realistic maximum. The schema enforces them, so a
 * request can never ask for more work or money than a real deployment could.
 */

/**
 * Replicas of one service (a fixed count, the autoscaling max, a schedule window or an hourly profile
 * value): the ECS quota "Tasks per service", 5,000.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html
 */
export const MAX_REPLICAS_PER_SERVICE = 5000;

/**
 * Services in one workload. ECS allows 5,000 services per cluster (same quota page); Berth's realistic
 * maximum is 2,000: it sizes every service for every candidate, and more does not fit one recommendation's
 * time budget.
 */
export const MAX_SERVICES = 2000;

/**
 * Tasks of the whole workload at its peak (the sum over services of their peak replicas). A realistic
 * maximum: ten services at the 5,000-task quota. Kubernetes' scalability guidance stops at 150,000 pods
 * per cluster (https://kubernetes.io/docs/setup/best-practices/cluster-large/), but the EC2 placement of
 * that many tasks neither fits the time budget of one recommendation nor a readable answer.
 */
export const MAX_TOTAL_TASKS = 50_000;

/**
 * vCPU and memory of one task: no more than the largest EC2 instance type, u7in-32tb.224xlarge with 896
 * vCPU and 32 TiB (https://aws.amazon.com/ec2/instance-types/high-memory/). A larger task fits nowhere.
 */
export const MAX_TASK_VCPU = 896;
export const MAX_TASK_MEMORY_MIB = 32 * 1024 * 1024;

/**
 * The least vCPU of one task: one millicore, the finest CPU quantity Kubernetes accepts ("precision finer
 * than 1m is not allowed"; https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/).
 * ECS counts CPU in units of 1/1024 vCPU, just finer. Anything smaller is a typo, not a task.
 */
export const MIN_TASK_VCPU = 0.001;

/**
 * The least memory of one task, MiB: ECS advises against less than 6 MiB for a container, the minimum
 * the Docker daemon reserves for one.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
 */
export const MIN_TASK_MEMORY_MIB = 6;

/**
 * GPUs of one task: the most any EC2 instance type has is 8 (p5.48xlarge, 8 NVIDIA H100;
 * https://aws.amazon.com/ec2/instance-types/p5/).
 */
export const MAX_TASK_GPUS = 8;

/** Characters of a CPU or memory quantity written as a string ("1.5 GiB"); longer is not a quantity. */
export const MAX_QUANTITY_LENGTH = 32;

/**
 * Characters of an image reference: ECS takes "up to 255 letters ..., numbers, hyphens, underscores, colons,
 * periods, forward slashes, and number signs".
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
 */
export const MAX_IMAGE_LENGTH = 255;

/** Characters of a GPU model name ("NVIDIA", "A10G"): a realistic maximum. */
export const MAX_GPU_MODEL_LENGTH = 64;

/**
 * Ephemeral storage of one task, GiB: the most one task may ask for so that every EC2 option's node disk
 * holds it, and no EBS volume is larger than 16 TiB (16,384 GiB, gp2 and gp3 alike:
 * https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html). The tightest is EKS Auto Mode:
 * its 80 GiB NodeClass default plus the kubelet's reserve, (X + 1 GiB) / 0.9, must stay within 16,384 GiB,
 * so X ≤ ⌊0.9 × 16,304⌋ − 1 = 14,672 (sizing/root-volumes.ts `maxNodeTasksGiB`; test/workload/limits.test.ts
 * derives it). Fargate takes far less (rules/storage/*-fargate-ephemeral-max.yaml).
 */
export const MAX_EPHEMERAL_STORAGE_GIB = 14_672;

/** Why a task's ephemeral storage is bounded, for the schema's message. */
export const EPHEMERAL_STORAGE_LIMIT_REASON =
  "one task's ephemeral storage must fit one EC2 node's root volume beside the operating system and the kubelet's reserve, and an EBS volume holds at most 16,384 GiB";

/**
 * A persistent volume, GiB: the largest EBS volume, io2 Block Express at 64 TiB.
 * https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html
 */
export const MAX_VOLUME_GIB = 65_536;

/** Schedule windows of one service: a realistic maximum of one per hour of the week. */
export const MAX_SCHEDULE_WINDOWS = 168;

/** People in the team: a realistic maximum. */
export const MAX_TEAM_SIZE = 10_000;

/**
 * Average LCUs of the shared ALB: a realistic maximum. An LCU is 1 GB an hour processed or 25 new
 * connections a second (https://aws.amazon.com/elasticloadbalancing/pricing/), so 10,000 LCU is 10 TB an
 * hour through one load balancer.
 */
export const MAX_LOAD_BALANCER_LCU = 10_000;

/**
 * NAT gateways: the VPC quota is 5 per Availability Zone, and a workload spans at most 6 zones here.
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
 */
export const MAX_AVAILABILITY_ZONES = 6;
export const MAX_NAT_GATEWAYS = 5 * MAX_AVAILABILITY_ZONES;

/**
 * Data through the NAT gateways, GB a month: a NAT gateway scales up to 100 Gbps
 * (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html), 32,850,000 GB in a 730-hour
 * month; 30 gateways at full speed all month stay under 1e9 GB.
 */
export const MAX_NAT_DATA_GB_PER_MONTH = 1_000_000_000;

/** Images kept in ECR, GB: a realistic maximum of 1 PB. */
export const MAX_REGISTRY_STORAGE_GB = 1_000_000;

/** Tasks started in the busiest minute: at most every task of the workload at once. */
export const MAX_TASKS_PER_MINUTE = MAX_TOTAL_TASKS;

/**
 * Size of one container image as pulled, MB: a realistic maximum of 100 GB. ECR takes layers of up to
 * 52,000 MiB each (https://docs.aws.amazon.com/AmazonECR/latest/userguide/service-quotas.html); no task
 * starts in reasonable time from a larger image.
 */
export const MAX_IMAGE_SIZE_MB = 100_000;

/** Data sent to the internet, GB a month: the same ceiling as the NAT data (MAX_NAT_DATA_GB_PER_MONTH). */
export const MAX_EGRESS_GB_PER_MONTH = 1_000_000_000;

/**
 * Logs written per task, or by the EKS control plane, GB a month: a realistic maximum of 10 TB. awslogs
 * caps one stream at 10,000 events of up to 1 MB per PutLogEvents call
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html).
 */
export const MAX_LOG_GB_PER_MONTH = 10_000;
