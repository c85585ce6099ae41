/**
 * KEDA's ScaledObject and TriggerAuthentication are custom resources with no published model here, so they
 * are checked against the fields KEDA documents: the spec of each, the metadata each trigger type takes
 * (strings only), and the HPA behaviour, walked with the autoscaling/v2 model like any built-in object.
 * https://keda.sh/docs/latest/reference/scaledobject-spec/ and
 * https://keda.sh/docs/latest/concepts/authentication/
 */
const SCALED_OBJECT_FIELDS = new Set([
  'scaleTargetRef',
  'pollingInterval',
  'cooldownPeriod',
  'initialCooldownPeriod',
  'idleReplicaCount',
  'minReplicaCount',
  'maxReplicaCount',
  'fallback',
  'advanced',
  'triggers',
]);
const TARGET_FIELDS = new Set(['apiVersion', 'kind', 'name', 'envSourceContainerName']);
const ADVANCED_FIELDS = new Set([
  'restoreToOriginalReplicaCount',
  'horizontalPodAutoscalerConfig',
  'scalingModifiers',
]);
const TRIGGER_FIELDS = new Set([
  'type',
  'name',
  'metadata',
  'authenticationRef',
  'metricType',
  'useCachedMetrics',
]);

/** The trigger types the starter code writes, with the metadata keys each documents. */
const TRIGGER_METADATA: Record<string, Set<string>> = {
  // https://keda.sh/docs/latest/scalers/aws-sqs/
  'aws-sqs-queue': new Set([
    'queueURL',
    'queueURLFromEnv',
    'queueLength',
    'activationQueueLength',
    'awsRegion',
    'awsEndpoint',
    'identityOwner',
    'scaleOnInFlight',
    'scaleOnDelayed',
  ]),
  // https://keda.sh/docs/latest/scalers/cpu/
  cpu: new Set(['value', 'containerName']),
};
const METRIC_TYPES = new Set(['Utilization', 'AverageValue', 'Value']);
const POD_IDENTITY_PROVIDERS = new Set(['none', 'aws', 'aws-eks', 'azure-workload', 'gcp']);

type Json = Record<string, unknown>;

function unknownKeys(value: unknown, allowed: Set<string>, where: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${where}: expected an object`];
  return Object.keys(value)
    .filter((k) => !allowed.has(k))
    .map((k) => `${where}.${k}: unknown field`);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * Problems in a ScaledObject; `behavior` is handed to the caller's walker for the autoscaling/v2 model.
 */
export function checkScaledObject(
  manifest: Json,
  where: string,
  checkBehavior: (behavior: unknown, path: string) => string[],
): string[] {
  const spec = (manifest.spec ?? {}) as Json;
  const problems = unknownKeys(spec, SCALED_OBJECT_FIELDS, `${where}: spec`);
  const target = spec.scaleTargetRef as Json | undefined;
  if (target === undefined || typeof target.name !== 'string')
    problems.push(`${where}: spec.scaleTargetRef.name: required`);
  else problems.push(...unknownKeys(target, TARGET_FIELDS, `${where}: spec.scaleTargetRef`));
  for (const key of ['pollingInterval', 'cooldownPeriod', 'minReplicaCount', 'maxReplicaCount'])
    if (spec[key] !== undefined && !isCount(spec[key]))
      problems.push(`${where}: spec.${key}: expected a whole number of at least 0`);
  if (isCount(spec.minReplicaCount) && isCount(spec.maxReplicaCount))
    if ((spec.minReplicaCount as number) > (spec.maxReplicaCount as number))
      problems.push(`${where}: spec.minReplicaCount: above maxReplicaCount`);
  if (spec.advanced !== undefined) {
    problems.push(...unknownKeys(spec.advanced, ADVANCED_FIELDS, `${where}: spec.advanced`));
    const hpa = (spec.advanced as Json).horizontalPodAutoscalerConfig as Json | undefined;
    if (hpa !== undefined) {
      problems.push(
        ...unknownKeys(
          hpa,
          new Set(['name', 'behavior']),
          `${where}: spec.advanced.horizontalPodAutoscalerConfig`,
        ),
      );
      problems.push(
        ...checkBehavior(hpa.behavior, `${where}: spec.advanced.horizontalPodAutoscalerConfig.behavior`),
      );
    }
  }
  const triggers = spec.triggers;
  if (!Array.isArray(triggers) || triggers.length === 0)
    return [...problems, `${where}: spec.triggers: required`];
  triggers.forEach((trigger: Json, i) => {
    const at = `${where}: spec.triggers[${i}]`;
    problems.push(...unknownKeys(trigger, TRIGGER_FIELDS, at));
    const allowed = TRIGGER_METADATA[String(trigger.type)];
    if (allowed === undefined) {
      problems.push(`${at}.type: no check for trigger type ${String(trigger.type)}`);
      return;
    }
    problems.push(...unknownKeys(trigger.metadata, allowed, `${at}.metadata`));
    for (const [key, value] of Object.entries((trigger.metadata ?? {}) as Json))
      if (typeof value !== 'string') problems.push(`${at}.metadata.${key}: expected a string`);
    if (trigger.metricType !== undefined && !METRIC_TYPES.has(String(trigger.metricType)))
      problems.push(`${at}.metricType: expected one of ${[...METRIC_TYPES].join(', ')}`);
    const auth = trigger.authenticationRef as Json | undefined;
    if (auth !== undefined)
      problems.push(...unknownKeys(auth, new Set(['name', 'kind']), `${at}.authenticationRef`));
  });
  return problems;
}

export function checkTriggerAuthentication(manifest: Json, where: string): string[] {
  const spec = (manifest.spec ?? {}) as Json;
  const problems = unknownKeys(spec, new Set(['podIdentity']), `${where}: spec`);
  const identity = spec.podIdentity as Json | undefined;
  if (identity === undefined) return problems;
  problems.push(
    ...unknownKeys(
      identity,
      new Set(['provider', 'roleArn', 'identityOwner', 'identityId']),
      `${where}: spec.podIdentity`,
    ),
  );
  if (!POD_IDENTITY_PROVIDERS.has(String(identity.provider)))
    problems.push(`${where}: spec.podIdentity.provider: unknown provider ${String(identity.provider)}`);
  return problems;
}
