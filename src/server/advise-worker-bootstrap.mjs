// Entry of an advise worker thread. A worker does not inherit a loader registered through tsx's API
// (vitest, `tsx src/cli/main.ts`), so it registers tsx itself before importing the TypeScript worker module.
// Development only: the built package (dist/) starts its workers from the compiled modules, without tsx.
// The large plain-JavaScript dependencies are imported first, through Node's own loader: behind tsx's
// hooks every one of mathjs' thousand files costs a round trip to the hooks thread, which made a worker
// take several seconds to start. Imported here, they are already loaded when the TypeScript asks.
import { register } from 'tsx/esm/api';

await Promise.all([
  import('mathjs'),
  import('zod'),
  import('yaml'),
  import('decimal.js'),
  import('@hono/zod-openapi'),
]);
register();
await import('./advise-worker.ts');
