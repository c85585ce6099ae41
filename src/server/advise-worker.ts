/**
 * @module advise-worker: the worker-thread side of the advise pool. It rebuilds the rules from plain data,
 * prices through the request thread, and runs one recommend job at a time; the pool terminates it when a
 * job passes its deadline, which is how CPU-bound work (a solve, the greedy packer) is cut.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { advise } from '../advisor/advise.js';
import type { Recommendation } from '../model/recommendation.js';
import { SnapshotPriceSource } from '../pricing/snapshot-source.js';
import { compileExpression } from '../rules/expression.js';
import { SERVICE_FACT_NAMES, WORKLOAD_FACT_NAMES } from '../rules/facts.js';
import type { Rule } from '../rules/loader.js';
import { createFleetSolver, type LevelsFleetSolver } from '../sizing/fleet-solver.js';
import { runRecommendJob } from './recommend-job.js';
import { RemotePriceSource } from './remote-price-source.js';
import { countPeakTasks, settleFootprint } from './worker-memory.js';
import { type FromWorker, serializeError, type ToWorker, type WorkerSetup } from './worker-protocol.js';

/**
 * The default solver of advise() (the optimizer, bounded by work counts), with each solve on this thread. This thread is already off the request thread, and the pool terminates it
 * at the request's deadline; a solver thread of its own would cost a thread start per worker, and on a
 * busy machine a start that outlasts a solve's time limit is stopped and started again at every solve.
 */
export function createInThreadFleetSolver(): LevelsFleetSolver {
  return createFleetSolver({ useWorker: false });
}

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
  const context = {
    rules: reviveRules(setup.rules),
    instanceTypes: setup.instanceTypes,
    priceSource,
    fleetSolver: createInThreadFleetSolver,
  };
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
    // 0 until advise() answers: a body that fails validation left nothing large behind.
    let peakTasks = 0;
    const advised = (recommendation: Recommendation) => {
      peakTasks = countPeakTasks(recommendation);
    };
    runRecommendJob(message.job, context, advised).then(
      (result) =>
        send({
          type: 'done',
          id: message.id,
          ok: true,
          result,
          ...settleFootprint(setup.recycleMb),
          peakTasks,
        }),
      (error: unknown) =>
        send({
          type: 'done',
          id: message.id,
          ok: false,
          error: serializeError(error),
          ...settleFootprint(setup.recycleMb),
          peakTasks,
        }),
    );
  });
  // One small recommendation first loads the catalogs, snapshot, settings and the LP solver the first job
  // would wait for (offline: the embedded snapshot). It cannot fail a job; any error here is ignored.
  warmUp(context.rules)
    .catch(() => undefined)
    .finally(() => send({ type: 'ready' }));
}

async function warmUp(rules: readonly Rule[]): Promise<void> {
  await advise(
    { services: [{ name: 'warm-up', cpu: 0.25, memory: 512, replicas: 2, exposure: 'public' }] },
    { rules, priceSource: new SnapshotPriceSource(), fleetSolver: createInThreadFleetSolver() },
  );
}
