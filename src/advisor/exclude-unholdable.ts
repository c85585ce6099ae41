/**
 * @module exclude-unholdable: takes out the candidates whose EC2 nodes cannot hold some task of theirs. The
 * rules check a task against the whole catalog (rules/compute/fitting-instance-required.yaml); each EC2
 * option then allows fewer types (its AMIs, its own type limits), and a task that none of those holds
 * leaves the candidate without a fleet: it is excluded before sizing, with the reason, as a rule would.
 */
import type { Candidate } from '../model/candidate.js';
import type { RuleHit } from '../model/rule-hit.js';
import { CANDIDATE_SHAPES } from '../model/vocabulary.js';
import type { InstanceType } from '../pricing/instance-type.js';
import { findUnholdableServices } from '../sizing/node-fit.js';
import type { NormalisedWorkload } from '../workload/normalised-schema.js';

/** The id of the exclusion, as a rule's id names the rule that excluded a candidate. */
export const NO_ELIGIBLE_INSTANCE_TYPE = 'no-eligible-instance-type';

export interface UnholdableContext {
  workload: NormalisedWorkload;
  /** The whole instance catalog, priced or not: a missing price is flagged, never a reason to exclude. */
  catalog: readonly InstanceType[];
  previousGenerationFamilies: readonly string[];
}

/**
 * Every feasible candidate with EC2 placements, checked; a candidate some of whose EC2 tasks no eligible
 * type holds comes back not feasible, with one exclusion per such service. Others come back as they were.
 */
export function excludeUnholdable(candidates: readonly Candidate[], ctx: UnholdableContext): Candidate[] {
  const byName = new Map(ctx.workload.services.map((s) => [s.name, s]));
  return candidates.map((c) => {
    if (!c.feasible) return c;
    const services = c.placements.filter((p) => p.compute === 'ec2').map((p) => byName.get(p.service)!);
    const { nodes } = CANDIDATE_SHAPES[c.id];
    const unholdable = findUnholdableServices({
      orchestrator: c.orchestrator,
      nodes,
      services,
      catalog: ctx.catalog,
      previousGenerationFamilies: ctx.previousGenerationFamilies,
    });
    if (unholdable.length === 0) return c;
    const exclusions = unholdable.map(
      (u): RuleHit => ({
        ruleId: NO_ELIGIBLE_INSTANCE_TYPE,
        title: 'A task on EC2 must fit an instance type the candidate may launch',
        effect: {
          type: 'exclude',
          target: {
            orchestrator: c.orchestrator,
            compute: 'ec2',
            ...(nodes === 'self-managed' ? {} : { nodes }),
          },
        },
        service: u.service,
        reason: `${u.service}: ${u.reason}`,
        source: u.source,
        sourceKind: 'aws-doc',
        facts: {},
      }),
    );
    return { ...c, feasible: false, exclusions: [...c.exclusions, ...exclusions] };
  });
}
