/**
 * @module split-services: hands the tasks of one item, placed as counts per node, back to the services
 * it merges, so that no node holds more than a service's own cap (its share of the spread).
 */
import { filled, mapPacked } from './lists.js';

export interface ServiceShare {
  service: string;
  count: number;
  /** At most this many of the service's tasks on one node. */
  maxPerNode: number;
}

/**
 * `perNode[n]` tasks of the item on node n, to be split among `services`. Each node takes from the
 * services with the most tasks left first (which spreads every service); should that leave tasks over,
 * a max-flow assignment is used instead. Returns per node, per service, the tasks placed; throws when
 * no split respects the caps, which a valid plan rules out (see buildFleetProblem).
 */
export function splitServices(perNode: readonly number[], services: readonly ServiceShare[]): number[][] {
  const greedy = splitGreedily(perNode, services);
  if (greedy) return greedy;
  const flow = splitByFlow(perNode, services);
  if (flow) return flow;
  throw new Error(
    'service split failed: no assignment of the tasks to nodes keeps every service within its spread',
  );
}

function splitGreedily(perNode: readonly number[], services: readonly ServiceShare[]): number[][] | null {
  const left = mapPacked(services, (s) => s.count);
  const order = mapPacked(services, (_, s) => s);
  const result: number[][] = [];
  for (const count of perNode) {
    order.sort((a, b) => left[b]! - left[a]! || a - b);
    const row = filled(services.length, 0);
    let need = count;
    for (const s of order) {
      if (need === 0) break;
      const take = Math.min(need, left[s]!, services[s]!.maxPerNode);
      row[s] = take;
      left[s] = left[s]! - take;
      need -= take;
    }
    if (need > 0) return null;
    result.push(row);
  }
  return left.every((l) => l === 0) ? result : null;
}

/** Source → service (its count) → node (its cap) → sink (the node's tasks), by augmenting paths. */
function splitByFlow(perNode: readonly number[], services: readonly ServiceShare[]): number[][] | null {
  const S = services.length;
  const N = perNode.length;
  const flow = mapPacked(services, () => filled(perNode.length, 0));
  const fromSource = filled(services.length, 0);
  const toSink = filled(perNode.length, 0);
  const total = services.reduce((sum, s) => sum + s.count, 0);
  for (let pushed = 0; pushed < total; pushed++) {
    // BFS over residual edges; labels: services 0..S−1, nodes S..S+N−1.
    const parent = filled<number>(S + N, -2);
    const queue: number[] = [];
    for (let s = 0; s < S; s++) {
      if (fromSource[s]! < services[s]!.count) {
        parent[s] = -1;
        queue.push(s);
      }
    }
    let end = -1;
    for (let q = 0; q < queue.length && end < 0; q++) {
      const u = queue[q]!;
      if (u < S) {
        for (let n = 0; n < N; n++) {
          if (parent[S + n] === -2 && flow[u]![n]! < services[u]!.maxPerNode) {
            parent[S + n] = u;
            if (toSink[n]! < perNode[n]!) {
              end = S + n;
              break;
            }
            queue.push(S + n);
          }
        }
      } else {
        const n = u - S;
        for (let s = 0; s < S; s++) {
          if (parent[s] === -2 && flow[s]![n]! > 0) {
            parent[s] = u;
            queue.push(s);
          }
        }
      }
    }
    if (end < 0) return null;
    toSink[end - S] = toSink[end - S]! + 1;
    let v = end;
    while (parent[v] !== -1) {
      const u = parent[v]!;
      if (u < S) flow[u]![v - S] = flow[u]![v - S]! + 1;
      else flow[v]![u - S] = flow[v]![u - S]! - 1;
      v = u;
    }
    fromSource[v] = fromSource[v]! + 1;
  }
  return mapPacked(perNode, (_, n) => mapPacked(services, (_, s) => flow[s]![n]!));
}
