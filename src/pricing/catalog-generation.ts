/**
 * @module catalog-generation: sets the instance catalog's `currentGeneration` from what the Price List
 * said, for `berth prices refresh`.
 */
import { readFile } from 'node:fs/promises';
import { parseDataFile } from './read-data-file.js';
import { InstanceTypesFileSchema } from './snapshot-files.js';
import { compareCodeUnits, formatSnapshotJson } from './snapshot-json.js';

/**
 * The new text of the catalog file with each listed type's currentGeneration set from the API, or
 * undefined when the folder has no catalog (an entry needs specs the Price List query does not give, so
 * none is created). Types the API said nothing about keep their value. Throws PRICE_DATA_INVALID on a
 * broken catalog, before anything is written.
 */
export async function applyCurrentGeneration(
  file: string,
  generations: ReadonlyMap<string, boolean>,
  region: string,
): Promise<{ file: string; text: string; updated: number } | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined || generations.size === 0) return undefined;
  const catalog = parseDataFile(file, text, InstanceTypesFileSchema);
  let updated = 0;
  const instanceTypes = catalog.instanceTypes.map((type) => {
    const generation = generations.get(type.name);
    if (generation === undefined) return type;
    updated++;
    return { ...type, currentGeneration: generation };
  });
  // One provenance entry for the field, listing every region whose refresh wrote it.
  const isGenerationSource = (s: unknown) =>
    typeof s === 'object' && s !== null && (s as { field?: unknown }).field === 'currentGeneration';
  const previous = catalog.provenance.sources.find(isGenerationSource) as { regions?: unknown } | undefined;
  const regions = new Set(Array.isArray(previous?.regions) ? previous.regions.map(String) : []);
  regions.add(region);
  const source = {
    field: 'currentGeneration',
    source: 'AWS Price List API (GetProducts AmazonEC2, product attribute currentGeneration)',
    writtenBy: 'berth prices refresh',
    regions: [...regions].sort(compareCodeUnits),
  };
  const sources = [...catalog.provenance.sources.filter((s) => !isGenerationSource(s)), source];
  const next = InstanceTypesFileSchema.parse({
    ...catalog,
    provenance: { ...catalog.provenance, sources },
    instanceTypes,
  });
  return { file, text: formatSnapshotJson(next), updated };
}
