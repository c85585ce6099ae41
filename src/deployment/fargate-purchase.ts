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
 * Fargate Spot is an ECS capacity provider for Linux tasks with the X86_64 architecture only (neither
 * Windows nor ARM64); EKS has no Fargate Spot.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html
 * A long-running service on Spot keeps one task on regular Fargate (capacity provider base 1), so a Spot
 * reclaim never takes it down; a batch job runs wholly on Spot.
 */
export function planFargatePurchase(
  service: NormalisedService,
  orchestrator: Orchestrator,
  usage: FargateUsage,
  armPriced: boolean,
): FargateSizing {
  const architecture = chooseArchitecture(service, orchestrator, armPriced);
  const spot =
    orchestrator === 'ecs' && service.interruptible && service.os === 'linux' && architecture === 'x86_64';
  return {
    service: service.name,
    requested: usage.requested,
    billed: { vcpu: usage.billed.vcpu, memoryMiB: usage.billed.memoryMiB },
    architecture,
    spot,
    onDemandBaseTasks: spot && serviceKind(service) === 'service' ? 1 : 0,
  };
}

/**
 * On ECS a multi-arch image runs on Graviton, which is cheaper, when the region has Arm prices; one that
 * tolerates interruption runs on x86_64, where Fargate Spot is.
 */
function chooseArchitecture(
  service: NormalisedService,
  orchestrator: Orchestrator,
  armPriced: boolean,
): Architecture {
  if (orchestrator === 'eks' || service.os === 'windows') return 'x86_64';
  if (service.architecture !== 'any') return service.architecture;
  if (service.interruptible) return 'x86_64';
  return armPriced ? 'arm64' : 'x86_64';
}
