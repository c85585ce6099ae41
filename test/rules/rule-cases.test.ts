/**
 * The rules of the audit (issue 17), each with a workload that fires it and one that does not, evaluated
 * with the shipped rules and settings. Figures in the comments are worked by hand from the cited pages.
 */
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/advisor/settings.js';
import type { RuleHit } from '../../src/model/rule-hit.js';
import { loadInstanceCatalog } from '../../src/pricing/instance-catalog.js';
import { evaluateRules } from '../../src/rules/engine.js';
import { loadRules } from '../../src/rules/loader.js';
import type { WorkloadInput } from '../../src/workload/schema.js';
import { makeService, normalised } from '../helpers/workloads.js';

const rules = loadRules();
const ctx = {
  instanceTypes: loadInstanceCatalog(),
  launchQueueToleranceSeconds: loadSettings().scaling.launchQueueToleranceSeconds,
};

/** The hits of one rule for a workload; fails if the rule does not exist. */
function hits(ruleId: string, input: Partial<WorkloadInput>): RuleHit[] {
  const rule = rules.filter((r) => r.id === ruleId);
  expect(rule, `rule ${ruleId}`).toHaveLength(1);
  return evaluateRules(rule, normalised(input), ctx).hits;
}

describe('launch bursts against the Fargate token bucket', () => {
  it('fargate-launch-burst: 1,000 tasks at once wait 45 s, beyond the 30 s tolerance', () => {
    expect(ctx.launchQueueToleranceSeconds).toBe(30);
    // (1000 - 100) / 20 = 45 s.
    const [hit] = hits('fargate-launch-burst', { launchBurst: { tasksPerMinute: 1000 } });
    expect(hit?.facts).toEqual({ fargateLaunchQueueSeconds: 45, launchQueueToleranceSeconds: 30 });
    expect(hit?.reason).toContain('waits about 45 s for a launch token, more than the 30 s tolerated');
  });

  it('fargate-launch-burst: 150 tasks a minute cost Fargate nothing (2.5 s of queueing)', () => {
    expect(hits('fargate-launch-burst', { launchBurst: { tasksPerMinute: 150 } })).toEqual([]);
    // The edge: 700 at once wait exactly 30 s, which is tolerated; 701 wait 30.05 s.
    expect(hits('fargate-launch-burst', { launchBurst: { tasksPerMinute: 700 } })).toEqual([]);
    expect(hits('fargate-launch-burst', { launchBurst: { tasksPerMinute: 701 } })).toHaveLength(1);
  });

  it('eks-fargate-pod-burst: 700 pods in an EKS-only account wait 34 s', () => {
    // (700 - 20) / 20 = 34 s.
    const [hit] = hits('eks-fargate-pod-burst', { launchBurst: { tasksPerMinute: 700 } });
    expect(hit?.facts).toEqual({ eksOnlyFargateLaunchQueueSeconds: 34, launchQueueToleranceSeconds: 30 });
  });

  it("eks-fargate-pod-burst: s05's 96 pods clear in 3.8 s and are not worth a warning", () => {
    expect(hits('eks-fargate-pod-burst', { launchBurst: { tasksPerMinute: 96 } })).toEqual([]);
  });
});

describe('on premises is not portability', () => {
  it('portability-requires-kubernetes: excludes ECS for cross-cloud portability only', () => {
    const [hit] = hits('portability-requires-kubernetes', { requirements: { portability: true } });
    expect(hit?.effect).toEqual({ type: 'exclude', target: { orchestrator: 'ecs' } });
    expect(hits('portability-requires-kubernetes', { requirements: { hybrid: true } })).toEqual([]);
  });

  it('ecs-anywhere-for-on-premises: on-premises work runs on ECS Anywhere', () => {
    const [hit] = hits('ecs-anywhere-for-on-premises', { requirements: { hybrid: true } });
    expect(hit?.effect).toEqual({ type: 'warn', target: { orchestrator: 'ecs' } });
    expect(hit?.reason).toContain('EXTERNAL launch type');
    expect(hits('ecs-anywhere-for-on-premises', {})).toEqual([]);
    // With cross-cloud portability ECS is excluded anyway; the note would only be noise.
    expect(
      hits('ecs-anywhere-for-on-premises', { requirements: { hybrid: true, portability: true } }),
    ).toEqual([]);
  });

  it('eks-hybrid-nodes-for-on-premises: a warning, no longer a score for EC2 in the Region', () => {
    const [hit] = hits('eks-hybrid-nodes-for-on-premises', { requirements: { hybrid: true } });
    expect(hit?.effect.type).toBe('warn');
    expect(hit?.reason).toContain('Fargate');
    expect(hits('eks-hybrid-nodes-for-on-premises', { requirements: { portability: true } })).toEqual([]);
    expect(rules.find((r) => r.id === 'hybrid-nodes-not-fargate')).toBeUndefined();
  });

  it('hybrid-team-runs-nodes-anyway: cancels exactly the points fargate-by-default gives', () => {
    const [hit] = hits('hybrid-team-runs-nodes-anyway', { requirements: { hybrid: true } });
    const [byDefault] = hits('fargate-by-default', {});
    expect(hit?.effect).toEqual({
      type: 'score',
      target: { compute: 'fargate' },
      dimension: 'operations',
      weight: -2,
    });
    // Same dimension, opposite weight: on-premises nodes leave Fargate no operations advantage, no penalty.
    expect(byDefault?.effect).toEqual({ ...hit?.effect, weight: 2 });
    expect(hits('hybrid-team-runs-nodes-anyway', { requirements: { portability: true } })).toEqual([]);
  });

  it('eks-hybrid-nodes-not-in-govcloud: Hybrid Nodes and EKS Anywhere are not in GovCloud', () => {
    const hybrid = { requirements: { hybrid: true } };
    expect(hits('eks-hybrid-nodes-not-in-govcloud', { ...hybrid, region: 'us-gov-west-1' })).toHaveLength(1);
    expect(hits('eks-hybrid-nodes-not-in-govcloud', { ...hybrid, region: 'us-east-1' })).toEqual([]);
    expect(hits('eks-hybrid-nodes-not-in-govcloud', { region: 'us-gov-west-1' })).toEqual([]);
  });
});

describe('the Kubernetes ecosystem', () => {
  it('kubernetes-api-required: Helm excludes ECS, a service mesh does not', () => {
    expect(hits('kubernetes-api-required', { requirements: { ecosystem: ['helm'] } })).toHaveLength(1);
    expect(hits('kubernetes-api-required', { requirements: { ecosystem: ['karpenter'] } })).toHaveLength(1);
    expect(hits('kubernetes-api-required', { requirements: { ecosystem: ['service-mesh'] } })).toEqual([]);
  });

  it('service-mesh-on-ecs: a mesh on ECS is Service Connect, App Mesh having ended', () => {
    const [hit] = hits('service-mesh-on-ecs', { requirements: { ecosystem: ['service-mesh'] } });
    expect(hit?.effect).toEqual({ type: 'warn', target: { orchestrator: 'ecs' } });
    expect(hit?.reason).toContain('ECS Service Connect');
    expect(hits('service-mesh-on-ecs', { requirements: { ecosystem: ['helm'] } })).toEqual([]);
  });

  it('karpenter-needs-ec2-nodes: Karpenter rules out EKS on Fargate', () => {
    const [hit] = hits('karpenter-needs-ec2-nodes', { requirements: { ecosystem: ['karpenter'] } });
    expect(hit?.effect).toEqual({ type: 'exclude', target: { orchestrator: 'eks', compute: 'fargate' } });
    expect(hits('karpenter-needs-ec2-nodes', { requirements: { ecosystem: ['operators'] } })).toEqual([]);
  });
});

describe('cost is counted once, by the priced totals', () => {
  it.each(['variable-demand-fargate', 'steady-high-utilisation', 'savings-plans-commitment'])(
    '%s is gone: the priced totals carry it',
    (id) => {
      expect(rules.find((r) => r.id === id)).toBeUndefined();
    },
  );

  it('fargate-spot-on-ecs-only: a warning about interruption, not cost points', () => {
    const spot = { services: [makeService({ interruptible: true })] };
    const [hit] = hits('fargate-spot-on-ecs-only', spot);
    expect(hit?.effect).toEqual({ type: 'warn', target: { orchestrator: 'ecs', compute: 'fargate' } });
    expect(hit?.reason).toContain('two-minute warning');
    expect(hits('fargate-spot-on-ecs-only', { services: [makeService()] })).toEqual([]);
  });
});

describe('durable block storage on ECS', () => {
  const durable = {
    services: [makeService({ needs: { persistentVolume: { sizeGiB: 100, durable: true } } })],
  };
  const scratch = {
    services: [makeService({ needs: { persistentVolume: { sizeGiB: 100, durable: false } } })],
  };

  it('ecs-fargate-ebs-not-durable: the reason is deletion at every service task stop, EC2 alike', () => {
    const [hit] = hits('ecs-fargate-ebs-not-durable', durable);
    expect(hit?.reason).toContain('always deletes it when a service');
    expect(hit?.reason).not.toContain('unless told otherwise');
    expect(hit?.source).toBe('https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html');
    expect(hits('ecs-fargate-ebs-not-durable', scratch)).toEqual([]);
  });

  it('ecs-ec2-task-volumes-not-durable: ECS on EC2 keeps durable data only on instance volumes or EFS', () => {
    const [hit] = hits('ecs-ec2-task-volumes-not-durable', durable);
    expect(hit?.effect).toEqual({ type: 'warn', target: { orchestrator: 'ecs', compute: 'ec2' } });
    expect(hit?.reason).toContain('placement constraints, or EFS');
    expect(hits('ecs-ec2-task-volumes-not-durable', scratch)).toEqual([]);
  });
});

describe('kernel tuning', () => {
  it('fargate-no-custom-ami: a custom AMI or host-wide kernel settings exclude Fargate', () => {
    const [hit] = hits('fargate-no-custom-ami', { services: [makeService({ needs: { customAmi: true } })] });
    expect(hit?.effect).toEqual({ type: 'exclude', target: { compute: 'fargate' } });
    expect(hit?.reason).not.toContain('linuxParameters');
  });

  it('fargate-no-custom-ami: namespaced sysctls alone keep Fargate', () => {
    const sysctls = { services: [makeService({ needs: { namespacedSysctls: true } })] };
    expect(hits('fargate-no-custom-ami', sysctls)).toEqual([]);
    const [hit] = hits('namespaced-sysctls-on-fargate', sysctls);
    expect(hit?.effect).toEqual({ type: 'warn', target: { compute: 'fargate' } });
    expect(hit?.reason).toContain('systemControls on Linux tasks of platform version 1.4.0 or later');
    expect(hits('namespaced-sysctls-on-fargate', { services: [makeService()] })).toEqual([]);
  });
});

describe('refreshed sources', () => {
  it.each([
    [
      'eks-fargate-not-in-govcloud',
      'https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-eks.html',
    ],
    ['fargate-no-dedicated-tenancy', 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html'],
    ['eks-extended-support-cost', 'https://aws.amazon.com/eks/pricing/'],
    ['ecs-service-discovery-task-quota', 'https://docs.aws.amazon.com/general/latest/gr/ecs-service.html'],
  ])('%s cites %s', (id, source) => {
    expect(rules.find((r) => r.id === id)?.source).toBe(source);
  });

  it('eks-fargate-not-in-govcloud: fires in us-gov-east-1, not in us-east-1', () => {
    expect(hits('eks-fargate-not-in-govcloud', { region: 'us-gov-east-1' })).toHaveLength(1);
    expect(hits('eks-fargate-not-in-govcloud', { region: 'us-east-1' })).toEqual([]);
  });

  it('fargate-no-dedicated-tenancy: fires for single-tenant hardware only', () => {
    const dedicated = { services: [makeService({ needs: { dedicatedTenancy: true } })] };
    expect(hits('fargate-no-dedicated-tenancy', dedicated)).toHaveLength(1);
    expect(hits('fargate-no-dedicated-tenancy', { services: [makeService()] })).toEqual([]);
  });

  it('eks-extended-support-cost: warns without an opt-in, since extended support is the default', () => {
    const [hit] = hits('eks-extended-support-cost', {});
    expect(hit?.effect).toEqual({ type: 'warn', target: { orchestrator: 'eks' } });
    expect(hit?.reason).toContain('$0.60 instead of $0.10 per cluster-hour');
    expect(hit?.reason).toContain('(here: false)');
    expect(
      hits('eks-extended-support-cost', { requirements: { eksExtendedSupport: true } })[0]?.reason,
    ).toContain('(here: true)');
    // It targets EKS only: ECS has no control-plane version.
    expect(hit?.effect.target).not.toHaveProperty('compute');
  });

  it('ecs-service-discovery-task-quota: fires above 1,000 tasks in one service', () => {
    expect(
      hits('ecs-service-discovery-task-quota', { services: [makeService({ replicas: 1001 })] }),
    ).toHaveLength(1);
    expect(hits('ecs-service-discovery-task-quota', { services: [makeService({ replicas: 1000 })] })).toEqual(
      [],
    );
  });
});

describe('edge locations', () => {
  const at = (edgeLocation: 'none' | 'local-zone' | 'wavelength-zone' | 'outpost') => ({
    requirements: { edgeLocation },
  });

  it.each(['local-zone', 'wavelength-zone', 'outpost'] as const)(
    'ecs-fargate-not-at-edge and eks-fargate-not-at-edge: Fargate is excluded in a %s',
    (where) => {
      expect(hits('ecs-fargate-not-at-edge', at(where))[0]?.effect).toEqual({
        type: 'exclude',
        target: { orchestrator: 'ecs', compute: 'fargate' },
      });
      expect(hits('eks-fargate-not-at-edge', at(where))[0]?.effect).toEqual({
        type: 'exclude',
        target: { orchestrator: 'eks', compute: 'fargate' },
      });
    },
  );

  it('Fargate stays in the Region (the default)', () => {
    expect(hits('ecs-fargate-not-at-edge', {})).toEqual([]);
    expect(hits('eks-fargate-not-at-edge', at('none'))).toEqual([]);
  });

  it('eks-edge-self-managed-nodes: Outposts and Wavelength take self-managed nodes only, Local Zones not', () => {
    expect(hits('eks-edge-self-managed-nodes', at('outpost'))).toHaveLength(1);
    expect(hits('eks-edge-self-managed-nodes', at('wavelength-zone'))).toHaveLength(1);
    expect(hits('eks-edge-self-managed-nodes', at('local-zone'))).toEqual([]);
  });
});

describe('Spot safety', () => {
  const durable = { persistentVolume: { sizeGiB: 100, durable: true } };

  it('spot-with-durable-volume: an interruptible service with a durable volume warns on EC2', () => {
    const [hit] = hits('spot-with-durable-volume', {
      services: [makeService({ interruptible: true, replicas: 3, needs: durable })],
    });
    expect(hit?.effect).toEqual({ type: 'warn', target: { compute: 'ec2' } });
    expect(
      hits('spot-with-durable-volume', { services: [makeService({ replicas: 3, needs: durable })] }),
    ).toEqual([]);
  });

  it('spot-single-replica: one replica (fixed, or at the bottom of its range) on Spot warns', () => {
    expect(
      hits('spot-single-replica', { services: [makeService({ interruptible: true, replicas: 1 })] }),
    ).toHaveLength(1);
    expect(
      hits('spot-single-replica', {
        services: [makeService({ interruptible: true, replicas: { min: 1, max: 6 } })],
      }),
    ).toHaveLength(1);
    expect(
      hits('spot-single-replica', { services: [makeService({ interruptible: true, replicas: 2 })] }),
    ).toEqual([]);
    expect(hits('spot-single-replica', { services: [makeService({ replicas: 1 })] })).toEqual([]);
  });
});

describe('stateful spread', () => {
  it('stateful-replicas-spread: three Kafka brokers with durable volumes told to share nodes are warned', () => {
    const brokers = makeService({
      name: 'broker',
      replicas: 3,
      needs: { persistentVolume: { sizeGiB: 1024 }, onePerNode: false },
    });
    const [hit] = hits('stateful-replicas-spread', { services: [brokers] });
    expect(hit?.facts).toEqual({ durableVolume: true, peakReplicas: 3, onePerNode: false });
    expect(hit?.reason).toContain('distinctInstance');
    // One per node, by default or as given, is priced and launched so: nothing to warn of.
    const { onePerNode: _, ...byDefault } = brokers.needs!;
    expect(hits('stateful-replicas-spread', { services: [{ ...brokers, needs: byDefault }] })).toEqual([]);
    expect(
      hits('stateful-replicas-spread', {
        services: [{ ...brokers, needs: { ...byDefault, onePerNode: true } }],
      }),
    ).toEqual([]);
    const single = makeService({ replicas: 1, needs: { persistentVolume: { sizeGiB: 10 } } });
    expect(hits('stateful-replicas-spread', { services: [single] })).toEqual([]);
    expect(hits('stateful-replicas-spread', { services: [makeService({ replicas: 3 })] })).toEqual([]);
  });
});

describe('Windows on EKS', () => {
  it('eks-windows-needs-linux-nodes: once per workload, for the EKS EC2 placements', () => {
    const windows = (name: string) => makeService({ name, os: 'windows', architecture: 'x86_64' });
    const found = hits('eks-windows-needs-linux-nodes', { services: [windows('a'), windows('b')] });
    expect(found).toHaveLength(1);
    // Self-managed nodes only: EKS Auto Mode runs CoreDNS itself and has no Windows nodes.
    expect(found[0]?.effect).toEqual({
      type: 'warn',
      target: { orchestrator: 'eks', compute: 'ec2', nodes: 'self-managed' },
    });
    expect(found[0]?.reason).toContain('Linux nodes or Fargate pods');
    expect(hits('eks-windows-needs-linux-nodes', { services: [makeService()] })).toEqual([]);
  });
});

describe('launch limits on the EC2 side', () => {
  it('ecs-service-launch-rate: above 250 tasks a minute, on both ECS computes', () => {
    const [hit] = hits('ecs-service-launch-rate', { launchBurst: { tasksPerMinute: 400 } });
    expect(hit?.effect).toEqual({ type: 'warn', target: { orchestrator: 'ecs' } });
    expect(hits('ecs-service-launch-rate', { launchBurst: { tasksPerMinute: 250 } })).toEqual([]);
  });

  it('ecs-ec2-provisioning-quota: above 300 tasks a minute, on ECS on EC2', () => {
    const [hit] = hits('ecs-ec2-provisioning-quota', { launchBurst: { tasksPerMinute: 301 } });
    expect(hit?.effect).toEqual({ type: 'warn', target: { orchestrator: 'ecs', compute: 'ec2' } });
    expect(hits('ecs-ec2-provisioning-quota', { launchBurst: { tasksPerMinute: 300 } })).toEqual([]);
  });
});

describe('per-node agents on ECS Managed Instances', () => {
  it('ecs-managed-instances-no-daemon-service: excludes Managed Instances once per agent, and nothing else', () => {
    const agent = (name: string) =>
      makeService({ name, cpu: '250m', memory: '256Mi', needs: { daemon: true } });
    const found = hits('ecs-managed-instances-no-daemon-service', {
      services: [makeService(), agent('logs'), agent('metrics')],
    });
    expect(found.map((h) => h.service)).toEqual(['logs', 'metrics']);
    // Managed Instances only: ECS on EC2 runs the agent as a DAEMON service, which is what Berth writes.
    expect(found[0]?.effect).toEqual({
      type: 'exclude',
      target: { orchestrator: 'ecs', nodes: 'ecs-managed-instances' },
    });
    expect(found[0]?.reason).toContain('Managed Daemons');
    expect(hits('ecs-managed-instances-no-daemon-service', { services: [makeService()] })).toEqual([]);
  });
});

describe('dedicated tenancy on ECS Managed Instances', () => {
  it('ecs-managed-instances-no-dedicated-tenancy: excludes Managed Instances for a single-tenant service only', () => {
    const found = hits('ecs-managed-instances-no-dedicated-tenancy', {
      services: [makeService(), makeService({ name: 'ledger', needs: { dedicatedTenancy: true } })],
    });
    expect(found.map((h) => h.service)).toEqual(['ledger']);
    expect(found[0]?.effect).toEqual({
      type: 'exclude',
      target: { orchestrator: 'ecs', nodes: 'ecs-managed-instances' },
    });
    expect(found[0]?.reason).toContain('no tenancy setting');
    expect(hits('ecs-managed-instances-no-dedicated-tenancy', { services: [makeService()] })).toEqual([]);
  });
});
