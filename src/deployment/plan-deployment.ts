/**
 * @module plan-deployment: the deployment decisions of one candidate, made once: its load balancers, its
 * EC2 node pools and their disks. The cost lines and every starter-code target read the same decisions.
 */

import { isBerthError } from '../errors.js';
import type { Candidate } from '../model/candidate.js';
import type { Fleet } from '../model/cost.js';
import type { Deployment } from '../model/deployment.js';
import { awsManagesNodes } from '../model/vocabulary.js';
import type { InstanceType } from '../pricing/instance-type.js';
import type { NormalisedWorkload } from '../workload/normalised-schema.js';
import { planLoadBalancers } from './load-balancers.js';
import { planNodePools } from './node-pools.js';
import { planRootVolumes } from './root-volumes.js';
import { planSystemNodes } from './system-nodes.js';

export interface DeploymentInputs {
  candidate: Pick<Candidate, 'id' | 'label' | 'placements' | 'orchestrator'>;
  workload: NormalisedWorkload;
  fleet: Fleet | null;
  ec2Spot: boolean;
  findInstanceType: (name: string) => InstanceType | undefined;
}

export function planDeployment(inputs: DeploymentInputs): Deployment {
  const { candidate, workload } = inputs;
  const onEc2 = new Set(candidate.placements.filter((p) => p.compute === 'ec2').map((p) => p.service));
  const ec2Services = workload.services.filter((s) => onEc2.has(s.name));
  let nodePools: Deployment['nodePools'] = [];
  let nodePoolProblem: string | null = null;
  try {
    nodePools = planNodePools({
      candidate,
      services: ec2Services,
      fleet: inputs.fleet,
      spot: inputs.ec2Spot,
      findInstanceType: inputs.findInstanceType,
    });
  } catch (error) {
    // A fleet the starter code cannot express still has a price; generating code for it is refused later.
    if (!isBerthError(error) || error.code !== 'UNSUPPORTED_IAC_TARGET') throw error;
    nodePoolProblem = error.message;
  }
  return {
    loadBalancers: planLoadBalancers(workload.services),
    nodePools,
    nodePoolProblem,
    // AWS runs CoreDNS and the node autoscaler of AWS-managed nodes: no system node group to add.
    systemNodes: awsManagesNodes(candidate.id) ? null : planSystemNodes(candidate.orchestrator, nodePools),
    // Sized from the fleet itself, so the disks are priced even where the pools cannot be written.
    rootVolumes: planRootVolumes({
      candidate,
      services: ec2Services,
      fleet: inputs.fleet,
      findInstanceType: inputs.findInstanceType,
    }),
  };
}
