/**
 * @module eks-platform: the platform/ Terraform root module of an EKS stack: the Helm releases of
 * Karpenter (with the NodePools built from the priced fleet, as a local chart), Cluster Autoscaler, the
 * AWS Load Balancer Controller and the NVIDIA device plugin. It is a separate root module, applied after the cluster exists,
 * because the Helm provider needs the cluster's endpoint to configure itself.
 */
import { Document } from 'yaml';
import type { NodePool } from '../../model/deployment.js';
import type { IacFile } from '../../model/iac.js';
import { eksNodePools, GPU_TAINT, POOL_LABEL } from '../eks.js';
import { attr, block, expr, fn, type HclItem, renderHcl, template } from '../hcl.js';
import {
  KARPENTER_NAMESPACE,
  KARPENTER_SERVICE_ACCOUNT,
  karpenterObjects,
  karpenterQueueName,
  onSystemNodes,
} from '../kubernetes/karpenter-node-pools.js';
import { usesKeda } from '../kubernetes/queue-scaling.js';
import { diskComment, poolDisk } from '../node-disks.js';
import type { StackPlan } from '../stack-plan.js';
import {
  CLUSTER_AUTOSCALER_NAMESPACE,
  CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
  clusterDiscoveryTag,
  DISCOVERY_TAG,
  usesClusterAutoscaler,
} from './eks-cluster-autoscaler.js';
import { usesKarpenter } from './eks-karpenter.js';
import { kedaRelease, kedaVersionVariable } from './eks-keda.js';
import {
  LBC_NAMESPACE,
  LBC_SERVICE_ACCOUNT,
  usesLoadBalancerController,
} from './eks-load-balancer-controller.js';
import { data, resource, terraformBlock, variable } from './terraform-blocks.js';

/** Helm provider 3.x: `kubernetes` and `exec` are attributes there, blocks in 2.x. */
export const HELM_PROVIDER_VERSION = '>= 3.0, < 4.0';

/** A Karpenter release that supports Kubernetes 1.29 to 1.35 (https://karpenter.sh/docs/upgrading/compatibility/). */
export const KARPENTER_VERSION = '1.11.1';
/** The chart of controller v2.14.1, the release the EKS guide installs (https://docs.aws.amazon.com/eks/latest/userguide/lbc-helm.html). */
export const LOAD_BALANCER_CONTROLLER_CHART_VERSION = '1.14.1';
export const NVIDIA_DEVICE_PLUGIN_VERSION = '0.17.1';
/**
 * Cluster Autoscaler's minor version must be the cluster's Kubernetes minor (KUBERNETES_VERSION, 1.35), as
 * its release table says (https://github.com/kubernetes/autoscaler/tree/master/cluster-autoscaler#releases):
 * the image is pinned to 1.35.0, from chart 9.54.0, the first chart of the 1.35 line.
 */
export const CLUSTER_AUTOSCALER_CHART_VERSION = '9.54.0';
export const CLUSTER_AUTOSCALER_VERSION = '1.35.0';

/** The platform module's files, under platform/; none when the cluster needs no platform piece. */
export function renderEksPlatform(plan: StackPlan): IacFile[] {
  const karpenter = usesKarpenter(plan);
  const clusterAutoscaler = usesClusterAutoscaler(plan);
  const gpuPools = eksNodePools(plan).filter((p) => p.gpu);
  const lbc = usesLoadBalancerController(plan);
  const keda = usesKeda(plan);
  if (!karpenter && !clusterAutoscaler && !lbc && !keda && gpuPools.length === 0) return [];
  const files: IacFile[] = [
    file('platform/versions.tf', platformSettings(plan)),
    file('platform/variables.tf', [
      ...variables(plan, { karpenter, clusterAutoscaler, lbc, gpu: gpuPools.length > 0 }),
      ...(keda ? [kedaVersionVariable()] : []),
    ]),
  ];
  if (karpenter) {
    files.push(file('platform/karpenter.tf', karpenterReleases(plan)));
    files.push({ path: 'platform/node-pools/Chart.yaml', contents: chartFile() });
    for (const { pool, nodeClass, nodePool } of karpenterObjects(plan))
      files.push({
        path: `platform/node-pools/templates/${pool.name}.yaml`,
        contents: yamlDocuments(
          [nodeClass, nodePool],
          [
            `Node pool "${pool.name}": Karpenter adds nodes of ${pool.instanceTypes.join(', ')} above the fixed node groups,`,
            'up to the limits: the most vCPU and memory any priced hour runs, less the node groups, plus one node of its largest type as room for rollouts.',
            ...diskLines(plan, pool),
          ],
        ),
      });
  }
  if (clusterAutoscaler)
    files.push(file('platform/cluster-autoscaler.tf', clusterAutoscalerRelease(hasSystemNodes(plan))));
  if (lbc)
    files.push(
      file('platform/load-balancer-controller.tf', loadBalancerControllerRelease(hasSystemNodes(plan))),
    );
  if (gpuPools.length > 0)
    files.push(file('platform/nvidia-device-plugin.tf', nvidiaRelease(gpuPools.map((p) => p.name))));
  if (keda) files.push(file('platform/keda.tf', kedaRelease(hasSystemNodes(plan))));
  return files;
}

/** The header lines of a pool whose disk the EC2NodeClass sets, as its node groups do. */
function diskLines(plan: StackPlan, pool: NodePool): string[] {
  const disk = poolDisk(plan, pool);
  return disk === null ? [] : [...diskComment(disk), 'The node groups of this pool launch the same disk.'];
}

function hasSystemNodes(plan: StackPlan): boolean {
  return eksNodePools(plan).some((p) => p.system);
}

function file(path: string, items: readonly HclItem[]): IacFile {
  return { path, contents: renderHcl(items) };
}

/** The platform module's terraform block and providers: AWS, and Helm configured from the cluster. */
export function platformSettings(plan: StackPlan): HclItem[] {
  return [
    terraformBlock({ helm: { source: 'hashicorp/helm', version: HELM_PROVIDER_VERSION } }, [
      `Platform layer of ${plan.name}: apply after the main stack (one folder up) has created the cluster,`,
      'and before the Kubernetes manifests: cd platform && terraform init && terraform apply',
    ]),
    block('provider', ['aws'], [attr('region', expr('var.region'))]),
    data('aws_eks_cluster', 'this', [attr('name', expr('var.cluster_name'))]),
    block(
      'provider',
      ['helm'],
      [
        attr('kubernetes', {
          host: expr('data.aws_eks_cluster.this.endpoint'),
          cluster_ca_certificate: fn(
            'base64decode',
            expr('data.aws_eks_cluster.this.certificate_authority[0].data'),
          ),
          exec: {
            api_version: 'client.authentication.k8s.io/v1beta1',
            command: 'aws',
            args: [
              'eks',
              'get-token',
              '--cluster-name',
              expr('var.cluster_name'),
              '--region',
              expr('var.region'),
            ],
          },
        }),
      ],
      [
        'Helm talks to the cluster with a token from the AWS CLI, as kubectl does after aws eks update-kubeconfig.',
      ],
    ),
  ];
}

function variables(
  plan: StackPlan,
  parts: { karpenter: boolean; clusterAutoscaler: boolean; lbc: boolean; gpu: boolean },
): HclItem[] {
  return [
    variable('region', 'string', 'AWS Region of the cluster.', { default: plan.region }),
    variable('cluster_name', 'string', 'Name of the EKS cluster the main stack created.', {
      default: plan.name,
    }),
    parts.karpenter &&
      variable(
        'karpenter_version',
        'string',
        'Karpenter chart version (https://karpenter.sh/docs/upgrading/compatibility/).',
        {
          default: KARPENTER_VERSION,
        },
      ),
    parts.clusterAutoscaler &&
      variable(
        'cluster_autoscaler_chart_version',
        'string',
        'cluster-autoscaler chart version (https://github.com/kubernetes/autoscaler/tree/master/charts/cluster-autoscaler).',
        { default: CLUSTER_AUTOSCALER_CHART_VERSION },
      ),
    parts.clusterAutoscaler &&
      variable(
        'cluster_autoscaler_version',
        'string',
        "Cluster Autoscaler version: its minor must be the cluster's Kubernetes minor (https://github.com/kubernetes/autoscaler/tree/master/cluster-autoscaler#releases).",
        { default: CLUSTER_AUTOSCALER_VERSION },
      ),
    parts.lbc &&
      variable(
        'load_balancer_controller_chart_version',
        'string',
        'aws-load-balancer-controller chart version (https://github.com/aws/eks-charts).',
        { default: LOAD_BALANCER_CONTROLLER_CHART_VERSION },
      ),
    parts.gpu &&
      variable(
        'nvidia_device_plugin_version',
        'string',
        'NVIDIA device plugin chart version (https://github.com/NVIDIA/k8s-device-plugin).',
        { default: NVIDIA_DEVICE_PLUGIN_VERSION },
      ),
  ].filter((b): b is ReturnType<typeof variable> => b !== false);
}

/**
 * Karpenter runs on the system node group (never on nodes it manages), two replicas, with the requests
 * of Karpenter's getting-started guide; the NodePools follow once its CRDs exist.
 * https://karpenter.sh/docs/getting-started/getting-started-with-karpenter/
 */
function karpenterReleases(plan: StackPlan): HclItem[] {
  return [
    resource(
      'helm_release',
      'karpenter',
      [
        attr('name', 'karpenter'),
        attr('namespace', KARPENTER_NAMESPACE),
        attr('create_namespace', true),
        attr('repository', 'oci://public.ecr.aws/karpenter'),
        attr('chart', 'karpenter'),
        attr('version', expr('var.karpenter_version')),
        attr('values', [
          fn('yamlencode', {
            settings: { clusterName: expr('var.cluster_name'), interruptionQueue: karpenterQueueName(plan) },
            serviceAccount: { name: KARPENTER_SERVICE_ACCOUNT },
            replicas: 2,
            controller: {
              // Nodes allow one IMDS hop (eks-compute.ts), so Karpenter is told its region.
              env: [{ name: 'AWS_REGION', value: expr('var.region') }],
              resources: {
                requests: { cpu: '1', memory: '1Gi' },
                limits: { cpu: '1', memory: '1Gi' },
              },
            },
            ...onSystemNodes(),
          }),
        ]),
      ],
      [
        'Karpenter adds nodes for pods the fixed node groups cannot hold (HPA scale-out, batch runs, rollouts)',
        'and removes them when they empty (consolidation). Its AWS role comes from EKS Pod Identity (main stack).',
      ],
    ),
    resource(
      'helm_release',
      'node_pools',
      [
        attr('name', 'berth-node-pools'),
        attr('namespace', KARPENTER_NAMESPACE),
        attr('chart', template(expr('path.module'), '/node-pools')),
        attr('depends_on', [expr('helm_release.karpenter')]),
      ],
      ['The NodePools and EC2NodeClasses in node-pools/templates/, one pair per node pool.'],
    ),
  ];
}

/**
 * Cluster Autoscaler grows the Windows and dedicated-tenancy node groups between their minimum (the priced
 * floor) and maximum (the priced peak); it finds them by the tags the main stack put on their Auto Scaling
 * groups. It runs on Linux nodes (the system node group where there is one), never on nodes it manages:
 * it does not remove a node that runs a kube-system pod, and Windows nodes cannot run it.
 * https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md
 */
function clusterAutoscalerRelease(systemNodes: boolean): HclItem[] {
  return [
    resource(
      'helm_release',
      'cluster_autoscaler',
      [
        attr('name', 'cluster-autoscaler'),
        attr('namespace', CLUSTER_AUTOSCALER_NAMESPACE),
        attr('repository', 'https://kubernetes.github.io/autoscaler'),
        attr('chart', 'cluster-autoscaler'),
        attr('version', expr('var.cluster_autoscaler_chart_version')),
        attr('values', [
          fn('yamlencode', {
            cloudProvider: 'aws',
            awsRegion: expr('var.region'),
            autoDiscovery: {
              clusterName: expr('var.cluster_name'),
              tags: [DISCOVERY_TAG, template(clusterDiscoveryTag(''), expr('var.cluster_name'))],
            },
            image: { tag: template('v', expr('var.cluster_autoscaler_version')) },
            rbac: { serviceAccount: { name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } },
            priorityClassName: 'system-cluster-critical',
            // Of the groups whose nodes fit the waiting pods, grow the one that leaves the least idle.
            extraArgs: { expander: 'least-waste' },
            // The requests of Cluster Autoscaler's own example deployment (docs/starter-code.md#node-autoscaling).
            resources: {
              requests: { cpu: '100m', memory: '600Mi' },
              limits: { memory: '600Mi' },
            },
            nodeSelector: {
              'kubernetes.io/os': 'linux',
              ...(systemNodes ? onSystemNodes().nodeSelector : {}),
            },
          }),
        ]),
      ],
      [
        'Adds nodes to the Windows and dedicated-tenancy node groups when pods wait, up to the most of each type',
        'any priced hour runs (its ceiling), and removes idle ones down to the priced floor. Its AWS role comes from EKS Pod Identity (main stack).',
      ],
    ),
  ];
}

function loadBalancerControllerRelease(systemNodes: boolean): HclItem[] {
  return [
    resource(
      'helm_release',
      'aws_load_balancer_controller',
      [
        attr('name', 'aws-load-balancer-controller'),
        attr('namespace', LBC_NAMESPACE),
        attr('repository', 'https://aws.github.io/eks-charts'),
        attr('chart', 'aws-load-balancer-controller'),
        attr('version', expr('var.load_balancer_controller_chart_version')),
        attr('values', [
          fn('yamlencode', {
            clusterName: expr('var.cluster_name'),
            region: expr('var.region'),
            vpcId: expr('data.aws_eks_cluster.this.vpc_config[0].vpc_id'),
            serviceAccount: { name: LBC_SERVICE_ACCOUNT },
            ...(systemNodes ? onSystemNodes() : {}),
          }),
        ]),
      ],
      [
        'Turns the Ingresses of the manifests into ALBs; its AWS role comes from EKS Pod Identity (main stack).',
        'https://docs.aws.amazon.com/eks/latest/userguide/lbc-helm.html',
      ],
    ),
  ];
}

/**
 * GPU pods ask for nvidia.com/gpu, which only the device plugin advertises; it runs on the GPU pools only
 * and tolerates their taint. https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-k8s-device-plugin.html
 */
function nvidiaRelease(pools: string[]): HclItem[] {
  return [
    resource(
      'helm_release',
      'nvidia_device_plugin',
      [
        attr('name', 'nvidia-device-plugin'),
        attr('namespace', 'kube-system'),
        attr('repository', 'https://nvidia.github.io/k8s-device-plugin'),
        attr('chart', 'nvidia-device-plugin'),
        attr('version', expr('var.nvidia_device_plugin_version')),
        attr('values', [
          fn('yamlencode', {
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [
                    { matchExpressions: [{ key: POOL_LABEL, operator: 'In', values: pools }] },
                  ],
                },
              },
            },
            tolerations: [{ key: GPU_TAINT.key, operator: 'Exists', effect: 'NoSchedule' }],
          }),
        ]),
      ],
      ['Advertises the GPUs of the GPU nodes to Kubernetes (nvidia.com/gpu).'],
    ),
  ];
}

function chartFile(): string {
  return yamlDocuments(
    [
      {
        apiVersion: 'v2',
        name: 'berth-node-pools',
        description: 'Karpenter NodePools and EC2NodeClasses Berth built from the priced fleet',
        type: 'application',
        version: '0.1.0',
      },
    ],
    ['A local chart, so the Helm provider can apply the Karpenter objects without a Kubernetes provider.'],
  );
}

export function yamlDocuments(objects: readonly object[], header: readonly string[]): string {
  return objects
    .map((object, index) => {
      const doc = new Document(object, { version: '1.1' });
      if (index === 0) doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
      return doc.toString({ lineWidth: 0 });
    })
    .join('---\n');
}
