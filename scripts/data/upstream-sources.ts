/**
 * @module upstream-sources: what ../shared/aws-data/SOURCES.md says about where the CSV rows come from,
 * kept here as data so the generated files can carry it.
 */

export interface UpstreamSource {
  id: string;
  repository: string;
  commit: string;
  date: string | null;
  path: string;
}

/** The spec sources of ec2-instance-types.csv (ids as in ../shared/aws-data/SOURCES.md). */
export const INSTANCE_SPEC_SOURCES: readonly UpstreamSource[] = [
  {
    id: 'AS',
    repository: 'kubernetes/autoscaler',
    commit: 'e964265b7440c0faa751f28f77b18166584d001d',
    date: '2026-01-22',
    path: 'cluster-autoscaler/cloudprovider/aws/ec2_instance_types.go',
  },
  {
    id: 'KD',
    repository: 'aws/karpenter-provider-aws',
    commit: '692ccdd0629e488300821443f0fa0bc3c3e08047',
    date: '2026-07-11',
    path: 'website/content/en/preview/reference/instance-types.md',
  },
  {
    id: 'KV',
    repository: 'aws/karpenter-provider-aws',
    commit: '7f27b4e85d3157418ab84eb04a3c91da7cb8fbba',
    date: '2026-08-18',
    path: 'pkg/providers/instancetype/zz_generated.vpclimits.go',
  },
  {
    id: 'EM',
    repository: 'awslabs/amazon-eks-ami',
    commit: '2377b69aaeb8d751af1a265c2bfbeb94e6f6da90',
    date: '2026-02-27',
    path: 'templates/shared/runtime/eni-max-pods.txt',
  },
  {
    id: 'II',
    repository: 'awslabs/amazon-eks-ami',
    commit: '4d63a3bc2d86958490e0e0e2a04eba69da4c45db',
    date: '2026-07-01',
    path: 'nodeadm/internal/kubelet/instance-info.jsonl',
  },
  {
    id: 'GPU',
    repository: 'tsaol/aws-gpu',
    commit: '77fcd9fe1d0652fd07b830e5ed030d61da87923e',
    date: '2026-01-21',
    path: 'data/all_gpu_instances.js',
  },
];

/**
 * The as-of date of an EC2 price, by the repository named in the row's `source` column
 * (`repo@commit:path`). The CSV has no date column; these are the dates ../shared/aws-data/SOURCES.md
 * gives per source: KP = Karpenter's generated us-east-1 price map ("generated at 2026-07-20T13:44:30Z"),
 * CF = ec2-cheaper-finder's Bulk API export ("generatedAt": "2026-09-04T11:29:34.772Z"), GPU = the
 * vantage-derived GPU list ("Last updated: 2026-01-21"), SKY = the SkyPilot catalog, whose commit date
 * could not be determined (null: undated, never guessed).
 */
export const EC2_PRICE_AS_OF_BY_REPOSITORY: Readonly<Record<string, string | null>> = {
  'aws/karpenter-provider-aws': '2026-07-20',
  'ChaseFreeman17/ec2-cheaper-finder': '2026-09-04',
  'tsaol/aws-gpu': '2026-01-21',
  'skypilot-org/skypilot-catalog': null,
};

/**
 * EC2 prices the sources disagree on, marked unconfirmed in every region: Karpenter's us-east-1
 * m8g.metal-24xl (4.73933) is not the m8g.24xlarge price that SkyPilot gives (4.30848), while
 * m8g.metal-48xl equals m8g.48xlarge; SOURCES.md says to verify them before relying on them.
 */
export const UNCONFIRMED_EC2_TYPES: ReadonlySet<string> = new Set(['m8g.metal-24xl']);

/**
 * The Fargate Spot columns all come from one 2021 snapshot, whatever the row's `source` says about its
 * on-demand figures (SOURCES.md: "Spot columns are always 2021-01-14"). Spot rates float, so they are
 * stored as unconfirmed.
 */
export const FARGATE_SPOT_SOURCE = 'theuves/fgcalc@2c672a08:src/utils/data.js (2021-01-14 snapshot)';
export const FARGATE_SPOT_AS_OF = '2021-01-14';
