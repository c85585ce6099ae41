/**
 * @module fargate-purchase: how a service is bought on Fargate: which architecture, whether on Fargate Spot,
 * and how many tasks stay on regular Fargate underneath the Spot ones.
 */
import type { FargateSizing } from '../model/cost.js';
import type { Architecture, Orchestrator } from '../model/vocabulary.js';
import type { FargateUsage } from '../sizing/fargate-usage.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { serviceKind } from './service-kind.js';

/**
 * Fargate Spot is an ECS capacity provider for Linux tasks; EKS has no Fargate Spot.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html
 * A long-running service on Spot keeps one task on regular Fargate (capacity provider base 1), so a Spot
 * reclaim never takes it down; a batch job runs wholly on Spot.
 */
export function planFargatePurchase(
  service: NormalisedService,
  orchestrator: Orchestrator,
  usage: FargateUsage,
  armPriced: (spot: boolean) => boolean,
): FargateSizing {
  const spot = orchestrator === 'ecs' && service.interruptible && service.os === 'linux';
  return {
    service: service.name,
    requested: usage.requested,
    billed: { vcpu: usage.billed.vcpu, memoryMiB: usage.billed.memoryMiB },
    architecture: chooseArchitecture(service, orchestrator, armPriced),
    spot,
    onDemandBaseTasks: spot && serviceKind(service) === 'service' ? 1 : 0,
  };
}

/** On ECS a multi-arch image runs on Graviton, which is cheaper, when the region has Arm prices. */
function chooseArchitecture(
  service: NormalisedService,
  orchestrator: Orchestrator,
  armPriced: (spot: boolean) => boolean,
): Architecture {
  if (orchestrator === 'eks' || service.os === 'windows') return 'x86_64';
  if (service.architecture !== 'any') return service.architecture;
  return armPriced(service.interruptible) ? 'arm64' : 'x86_64';
}
