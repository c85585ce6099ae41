// Entry of the solver worker thread. A worker does not inherit a loader registered through tsx's API
// (vitest, `tsx src/cli/main.ts`), so it registers tsx itself before importing the TypeScript worker module.
// Development only: the built package (dist/) starts its workers from the compiled modules, without tsx.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
