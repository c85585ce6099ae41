/** @module highs: loads the HiGHS WebAssembly solver once per thread. */
import highsDefault, { type Highs, type InitOptions } from 'highs';

type Loader = (options?: InitOptions) => Promise<Highs>;

/**
 * highs ships CommonJS types with an ESM build: under NodeNext TypeScript sees the default import as
 * the CJS module object, while Node's ESM loader hands us the function itself. Accept either.
 */
const highsLoader: Loader =
  typeof highsDefault === 'function'
    ? (highsDefault as Loader)
    : (highsDefault as { default: Loader }).default;

let runtime: Promise<Highs> | null = null;

/** ~50 ms the first time (docs/optimizer.md#highs-runtime), then free; a failed load is retried next call. */
export function loadHighs(): Promise<Highs> {
  if (runtime) return runtime;
  const loading = highsLoader();
  runtime = loading;
  loading.catch(() => {
    runtime = null;
  });
  return loading;
}
