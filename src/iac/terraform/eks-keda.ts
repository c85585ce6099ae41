/**
 * @module eks-keda: KEDA's install in the platform/ module, where a fan-out worker scales from zero on its
 * queue. Its operator's AWS role is in the main stack (eks-queue.ts); the ScaledObjects are in the manifests.
 * https://keda.sh/docs/latest/deploy/
 */
import { attr, expr, fn, type HclItem } from '../hcl.js';
import { onSystemNodes } from '../kubernetes/karpenter-node-pools.js';
import { KEDA_CHART_VERSION, KEDA_NAMESPACE } from '../kubernetes/queue-scaling.js';
import { resource, variable } from './terraform-blocks.js';

export function kedaVersionVariable(): HclItem {
  return variable(
    'keda_chart_version',
    'string',
    'KEDA chart version (https://keda.sh/docs/latest/operate/cluster/ lists the Kubernetes versions each supports).',
    { default: KEDA_CHART_VERSION },
  );
}

/**
 * KEDA's operator, metrics server and admission webhooks (100m CPU and 100 MiB requested each:
 * https://keda.sh/docs/2.22/operate/cluster/). Where the cluster has the system node group they run there,
 * beside Karpenter and CoreDNS, which leaves them room (docs/starter-code.md#keda-on-the-system-nodes); the worker fleet is priced
 * without them. `dependsOn` names releases that must exist first (the NodePools on EKS Auto Mode).
 */
export function kedaRelease(systemNodes: boolean, dependsOn: readonly string[] = []): HclItem[] {
  return [
    resource(
      'helm_release',
      'keda',
      [
        attr('name', 'keda'),
        attr('namespace', KEDA_NAMESPACE),
        attr('create_namespace', true),
        attr('repository', 'https://kedacore.github.io/charts'),
        attr('chart', 'keda'),
        attr('version', expr('var.keda_chart_version')),
        systemNodes && attr('values', [fn('yamlencode', onSystemNodes())]),
        dependsOn.length > 0 &&
          attr(
            'depends_on',
            dependsOn.map((d) => expr(d)),
          ),
      ],
      [
        'Scales the fan-out workers from zero on the backlog of their SQS queues (the ScaledObjects in the',
        'manifests); it reads the queues with the role the main stack gives its service account through EKS Pod',
        'Identity. Apply before the manifests: they need its ScaledObject and TriggerAuthentication kinds.',
        ...(systemNodes
          ? [
              'Its three pods (300m CPU, 300 MiB requested) fit on the priced system node group beside Karpenter.',
            ]
          : [
              'Not priced: with no system node group its three pods (300m CPU, 300 MiB requested) run on the',
              "workload's nodes, which the recommendation sized for the workload's pods only.",
            ]),
      ],
    ),
  ];
}
