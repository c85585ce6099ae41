/**
 * What each input format writes for "one replica per node" becomes needs.onePerNode, with where it was read
 * (docs/import.md): a Kubernetes required pod anti-affinity on the hostname that selects the pod's own
 * labels, an ECS service's distinctInstance placement constraint, Compose's max_replicas_per_node: 1.
 * Look-alikes (another app's labels, a zone topology, a preference, a cap of 2) are not read as it.
 */
import { describe, expect, it } from 'vitest';
import { importWorkload } from '../../src/import/import-workload.js';

const kubernetes = (affinity: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: kafka }
spec:
  replicas: 3
  serviceName: kafka
  selector: { matchLabels: { app: kafka } }
  template:
    metadata: { labels: { app: kafka, tier: data } }
    spec:
      affinity:
${affinity}
      containers:
        - name: kafka
          image: bitnami/kafka:3.7
          resources: { requests: { cpu: "2", memory: 8Gi } }
`;

/** The first service's needs, and where its onePerNode was read. */
const read = (files: { name: string; text: string }[]) => {
  const result = importWorkload(files);
  const service = result.workload.services[0]!;
  return { needs: service.needs, source: result.sources[service.name]?.['needs.onePerNode'] };
};

describe('import: one replica per node', () => {
  it('reads a required pod anti-affinity to the pod itself over kubernetes.io/hostname', () => {
    const own = `        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: { matchExpressions: [{ key: tier, operator: In, values: [web] }] }
              topologyKey: kubernetes.io/hostname
            - labelSelector: { matchLabels: { app: kafka } }
              topologyKey: kubernetes.io/hostname`;
    expect(read([{ name: 'k.yaml', text: kubernetes(own) }])).toEqual({
      needs: { onePerNode: true },
      // The second term, the one that selects the pod's own labels.
      source:
        'k.yaml:17 spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[1].topologyKey',
    });
    // Another app's pods, a zone, and a preference do not keep the replicas apart on nodes.
    for (const other of [
      `        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: { matchLabels: { app: zookeeper } }
              topologyKey: kubernetes.io/hostname`,
      `        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: { matchLabels: { app: kafka } }
              topologyKey: topology.kubernetes.io/zone`,
      `        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector: { matchLabels: { app: kafka } }
                topologyKey: kubernetes.io/hostname`,
    ]) {
      const result = importWorkload([{ name: 'k.yaml', text: kubernetes(other) }]);
      expect(result.workload.services[0]!.needs).toBeUndefined();
      // Not read, and said so where the anti-affinity's terms start.
      expect(result.notes.filter((n) => n.message.startsWith('podAntiAffinity'))).toEqual([
        expect.objectContaining({
          kind: 'unsupported',
          at: 'k.yaml:13',
          message:
            "podAntiAffinity has no field in a Berth workload, except a required term over kubernetes.io/hostname that selects the pod's own labels in its own namespace (needs.onePerNode); this one is not carried over",
        }),
      ]);
    }
  });

  it("reads a term limited to the object's own namespace, not one that looks at others, nor a DaemonSet's", () => {
    const term = (extra: string) => `        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: { matchLabels: { app: kafka } }
              topologyKey: kubernetes.io/hostname
${extra}`;
    const inNamespace = (text: string) =>
      text.replace('metadata: { name: kafka }', 'metadata: { name: kafka, namespace: data }');
    const needs = (text: string) => importWorkload([{ name: 'k.yaml', text }]).workload.services[0]!.needs;
    expect(needs(inNamespace(kubernetes(term('              namespaces: [data]'))))).toEqual({
      onePerNode: true,
    });
    expect(needs(inNamespace(kubernetes(term('              namespaces: [monitoring]'))))).toBeUndefined();
    expect(needs(kubernetes(term('              namespaceSelector: {}')))).toBeUndefined();
    // An object without a namespace is in `default`: a term naming `default` is its own namespace.
    expect(needs(kubernetes(term('              namespaces: [default]')))).toEqual({ onePerNode: true });
    expect(needs(kubernetes(term('              namespaces: [data]')))).toBeUndefined();
    // A DaemonSet runs one pod per node already: its anti-affinity adds nothing.
    const daemonSet = kubernetes(term(''))
      .replace('kind: StatefulSet', 'kind: DaemonSet')
      .replace('  replicas: 3\n  serviceName: kafka\n', '');
    expect(needs(daemonSet)).toEqual({ daemon: true });
  });

  it('refuses a misspelt field of the anti-affinity it reads, rather than pricing the replicas packed', () => {
    const typo = `        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: { matchLabels: { app: kafka } }
              topologKey: kubernetes.io/hostname`;
    expect(() => importWorkload([{ name: 'k.yaml', text: kubernetes(typo) }])).toThrow(
      'k.yaml:15: spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologKey: unknown Kubernetes field "topologKey": not a field of PodAffinityTerm (core/v1) in the Kubernetes API (did you mean topologyKey?)',
    );
  });

  it("reads an ECS service's distinctInstance constraint", () => {
    const task = {
      name: 'td.json',
      text: JSON.stringify({
        taskDefinition: {
          family: 'kafka',
          containerDefinitions: [{ name: 'kafka', image: 'bitnami/kafka:3.7', cpu: 2048, memory: 8192 }],
        },
      }),
    };
    const service = (constraints: unknown[]) => ({
      name: 'svc.json',
      text: JSON.stringify({
        services: [
          {
            serviceName: 'kafka',
            taskDefinition: 'kafka',
            desiredCount: 3,
            placementConstraints: constraints,
          },
        ],
      }),
    });
    const memberOf = { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ r5a.*' };
    expect(read([task, service([memberOf, { type: 'distinctInstance' }])])).toEqual({
      needs: { onePerNode: true },
      source: 'svc.json:1 services[0].placementConstraints[1].type',
    });
    expect(read([task, service([memberOf])]).needs).toBeUndefined();
    expect(() => importWorkload([task, service([{ typ: 'distinctInstance' }])])).toThrow(
      'svc.json:1: services[0].placementConstraints[0].typ: unknown ECS field "typ": not a field of PlacementConstraint in the Amazon ECS API (did you mean type?)',
    );
  });

  it("reads Compose's max_replicas_per_node: 1, and not a cap of 2", () => {
    const compose = (cap: number) => `services:
  kafka:
    image: bitnami/kafka:3.7
    deploy:
      replicas: 3
      placement: { max_replicas_per_node: ${cap} }
`;
    expect(read([{ name: 'compose.yaml', text: compose(1) }])).toEqual({
      needs: { onePerNode: true },
      source: 'compose.yaml:6 services.kafka.deploy.placement.max_replicas_per_node',
    });
    const two = importWorkload([{ name: 'compose.yaml', text: compose(2) }]);
    expect(two.workload.services[0]!.needs).toBeUndefined();
    expect(two.notes.filter((n) => n.message.startsWith('deploy.placement'))).toEqual([
      expect.objectContaining({
        kind: 'unsupported',
        at: 'compose.yaml:6',
        message:
          "deploy.placement.max_replicas_per_node 2 has no field in a Berth workload: only 1 (needs.onePerNode) is; Berth's own spread keeps at most half of a service's tasks, rounded up, on one node",
      }),
    ]);
    const typo = compose(1).replace('max_replicas_per_node', 'max_replica_per_node');
    expect(() => importWorkload([{ name: 'compose.yaml', text: typo }])).toThrow(
      'compose.yaml:6: services.kafka.deploy.placement.max_replica_per_node: unknown Compose key "max_replica_per_node": not a deploy.placement attribute in the Compose Specification (did you mean max_replicas_per_node?)',
    );
  });
});
