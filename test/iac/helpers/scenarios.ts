/** The scenario fixtures (examples/*.yaml) with their recommendations, and the stacks Berth generates for them. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { advise } from '../../../src/advisor/advise.js';
import { generateIac } from '../../../src/iac/generate.js';
import { generatableCandidates, targetsFor } from '../../../src/iac/targets.js';
import type { IacArtifact, IacTarget } from '../../../src/model/iac.js';
import type { Recommendation } from '../../../src/model/recommendation.js';
import type { CandidateId } from '../../../src/model/vocabulary.js';
import { heuristicFleetSolver } from '../../../src/sizing/fleet-solver.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../../helpers/workloads.js';

export interface Scenario {
  /** `s01-small-web-app`, from the file name. */
  name: string;
  rec: Recommendation;
}

export const SCENARIO_FILES = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** The examples' scenarios, then those of `extra` workload files (paths), each named after its file. */
export async function loadScenarios(extra: readonly string[] = []): Promise<Scenario[]> {
  return Promise.all(
    [...SCENARIO_FILES.map((file) => path.join(EXAMPLES_DIR, file)), ...extra].map(async (file) => ({
      name: path.basename(file, '.yaml'),
      // The heuristic fleet is the same on every run; the budgeted optimizer's depends on machine load.
      rec: await advise(readWorkloadFile(file), {
        fleetSolver: heuristicFleetSolver,
      }),
    })),
  );
}

export interface GeneratedStack {
  scenario: string;
  candidate: CandidateId;
  recommended: boolean;
  output: IacArtifact;
}

/** Every target that fits every candidate with starter code, for one scenario. */
export function generateAll(scenario: Scenario, target: IacTarget): GeneratedStack[] {
  return generatableCandidates(scenario.rec)
    .filter((id) => {
      const candidate = scenario.rec.candidates.find((c) => c.id === id);
      return candidate !== undefined && targetsFor(candidate).includes(target);
    })
    .map((candidate) => ({
      scenario: scenario.name,
      candidate,
      recommended: candidate === scenario.rec.recommended,
      output: generateIac(scenario.rec, target, { candidate }),
    }));
}

export function fileOf(output: IacArtifact, filePath: string): string {
  const file = output.files.find((f) => f.path === filePath);
  if (file === undefined)
    throw new Error(
      `${output.candidate}/${output.target}: no ${filePath} in ${output.files.map((f) => f.path).join(', ')}`,
    );
  return file.contents;
}
