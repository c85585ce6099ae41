/**
 * @module eks-auto-mode-platform: the platform/ Terraform root module of an EKS Auto Mode stack: the
 * NodeClass and NodePools built from the priced fleet, as a local Helm chart, and metrics-server once they
 * exist. No Karpenter, load balancer controller or NVIDIA device plugin: Auto Mode runs them.
 */
import { otherHours } from '../../deployment/node-pools.js';
import type { IacFile } from '../../model/iac.js';
import { attr, expr, type HclItem, renderHcl, template } from '../hcl.js';
import { autoModeDisk, autoModeObjects } from '../kubernetes/auto-mode-node-pools.js';
import { usesKeda } from '../kubernetes/queue-scaling.js';
import type { StackPlan } from '../stack-plan.js';
import { fleetText } from './eks-compute.js';
import { kedaRelease, kedaVersionVariable } from './eks-keda.js';
import { platformSettings, yamlDocuments } from './eks-platform.js';
import { resource, variable } from './terraform-blocks.js';

export function renderAutoModePlatform(plan: StackPlan): IacFile[] {
  const { nodeClass, pools } = autoModeObjects(plan);
  const files: IacFile[] = [
    file('platform/versions.tf', platformSettings(plan)),
    file('platform/variables.tf', [
      variable('region', 'string', 'AWS Region of the cluster.', { default: plan.region }),
      variable('cluster_name', 'string', 'Name of the EKS cluster the main stack created.', {
        default: plan.name,
      }),
      ...(usesKeda(plan) ? [kedaVersionVariable()] : []),
    ]),
    file('platform/node-pools.tf', releases(plan)),
    { path: 'platform/node-pools/Chart.yaml', contents: chartFile() },
    {
      path: 'platform/node-pools/templates/node-class.yaml',
      contents: yamlDocuments(
        [nodeClass],
        [
          'The nodes of every pool: private subnets tagged by the main stack, the cluster security group,',
          'and the node role of the main stack (nodes.tf gives it its access entry).',
          ...autoModeDiskLines(plan),
        ],
      ),
    },
  ];
  if (usesKeda(plan)) files.push(file('platform/keda.tf', kedaRelease(false, ['helm_release.node_pools'])));
  for (const { pool, nodePool } of pools)
    files.push({
      path: `platform/node-pools/templates/${pool.name}.yaml`,
      contents: yamlDocuments(
        [nodePool],
        [
          `Node pool "${pool.name}": Berth priced ${fleetText(pool.peak)} at the busiest hour and ${fleetText(pool.typical)} at the median hour${otherHours(pool)}.`,
          `Auto Mode launches only ${pool.instanceTypes.join(', ')} here, as pods need them, up to the limits:`,
          'the most vCPU and memory any priced hour runs, plus one node of the largest type as room for rollouts; it removes nodes that empty.',
          ...(pool.gpu
            ? [
                'Auto Mode installs the NVIDIA driver and device plugin on GPU nodes itself:',
                'https://docs.aws.amazon.com/eks/latest/userguide/auto-accelerated.html',
              ]
            : []),
        ],
      ),
    });
  return files;
}

function file(path: string, items: readonly HclItem[]): IacFile {
  return { path, contents: renderHcl(items) };
}

function releases(plan: StackPlan): HclItem[] {
  const items: HclItem[] = [
    resource(
      'helm_release',
      'node_pools',
      [
        attr('name', 'berth-node-pools'),
        attr('namespace', 'kube-system'),
        attr('chart', template(expr('path.module'), '/node-pools')),
      ],
      [
        'The NodeClass and NodePools in node-pools/templates/: Auto Mode launches no node before they exist,',
        'as the cluster has no built-in node pool.',
      ],
    ),
  ];
  if (plan.services.some((s) => s.replicas.autoscaled))
    items.push(
      resource(
        'aws_eks_addon',
        'metrics_server',
        [
          attr('cluster_name', expr('var.cluster_name')),
          attr('addon_name', 'metrics-server'),
          attr('depends_on', [expr('helm_release.node_pools')]),
        ],
        [
          'The HorizontalPodAutoscalers read CPU use from metrics-server, which Auto Mode does not run.',
          'Created after the NodePools, so its pods have nodes to run on.',
        ],
      ),
    );
  return items;
}

function chartFile(): string {
  return yamlDocuments(
    [
      {
        apiVersion: 'v2',
        name: 'berth-node-pools',
        description: 'EKS Auto Mode NodeClass and NodePools Berth built from the priced fleet',
        type: 'application',
        version: '0.1.0',
      },
    ],
    ['A local chart, so the Helm provider can apply the Auto Mode objects without a Kubernetes provider.'],
  );
}

/** What the NodeClass's ephemeralStorage.size is, where it sets one: one disk for every pool's nodes. */
function autoModeDiskLines(plan: StackPlan): string[] {
  const disk = autoModeDisk(plan);
  if (disk === null) return [];
  return [
    `Node disk (ephemeralStorage.size): ${disk.sizeGiB} GiB (${disk.basis}).`,
    `Priced on the recommendation's "EC2 nodes' root volumes" lines at the gp2 rate: Auto Mode chooses the volume type.`,
  ];
}
