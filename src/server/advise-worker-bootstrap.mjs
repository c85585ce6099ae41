// Entry of an advise worker thread. A worker does not inherit a loader registered through tsx's API
// (bin/berth.js, vitest), so it registers tsx itself before importing the TypeScript worker module.
import { register } from 'tsx/esm/api';

register();
await import('./advise-worker.ts');
