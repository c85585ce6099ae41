/**
 * @module advise-worker: the worker-thread side of the advise pool. It rebuilds the rules from plain data,
 * prices through the request thread, and runs one recommend job at a time; the pool terminates it when a
 * job passes its deadline, which is how CPU-bound work (a solve, the greedy packer) is cut.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { advise } from '../advisor/advise.js';
import { SnapshotPriceSource } from '../pricing/snapshot-source.js';
import { compileExpression } from '../rules/expression.js';
import { SERVICE_FACT_NAMES, WORKLOAD_FACT_NAMES } from '../rules/facts.js';
import type { Rule } from '../rules/loader.js';
import { heuristicFleetSolver } from '../sizing/fleet-solver.js';
import { runRecommendJob } from './recommend-job.js';
import { RemotePriceSource } from './remote-price-source.js';
import { type FromWorker, serializeError, type ToWorker, type WorkerSetup } from './worker-protocol.js';

/** The rules with their conditions compiled again (the request thread loaded and checked them already). */
export function reviveRules(files: WorkerSetup['rules']): Rule[] {
  return files.map((rule) => ({
    ...rule,
    condition: compileExpression(
      rule.when,
      rule.scope === 'service' ? SERVICE_FACT_NAMES : WORKLOAD_FACT_NAMES,
    ),
  }));
}

const port = parentPort;
if (port) {
  const setup = workerData as WorkerSetup;
  const send = (message: FromWorker) => port.postMessage(message);
  const priceSource = new RemotePriceSource('snapshot', (callId, region, ids) =>
    send({ type: 'prices', callId, region, ids }),
  );
  const context = { rules: reviveRules(setup.rules), instanceTypes: setup.instanceTypes, priceSource };
  port.on('message', (message: ToWorker) => {
    if (message.type === 'prices') {
      priceSource.answer(
        message.callId,
        message.ok
          ? { ok: true, lookup: { prices: message.prices, warnings: message.warnings } }
          : { ok: false, error: message.error },
      );
      return;
    }
    priceSource.name = message.job.priceSourceName;
    runRecommendJob(message.job, context).then(
      (result) => send({ type: 'done', id: message.id, ok: true, result }),
      (error: unknown) => send({ type: 'done', id: message.id, ok: false, error: serializeError(error) }),
    );
  });
  // One small recommendation first loads the catalogs, snapshot and settings the first job would wait
  // for (offline: the embedded snapshot, no solver). It cannot fail a job; any error here is ignored.
  warmUp(context.rules)
    .catch(() => undefined)
    .finally(() => send({ type: 'ready' }));
}

async function warmUp(rules: readonly Rule[]): Promise<void> {
  await advise(
    { services: [{ name: 'warm-up', cpu: 0.25, memory: 512, exposure: 'public' }] },
    { rules, priceSource: new SnapshotPriceSource(), fleetSolver: heuristicFleetSolver },
  );
}
