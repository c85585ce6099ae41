/**
 * @module openapi-schemas: reshapes component schemas so generated clients read them right: a default
 * means "optional" in a request and "always present" in a response.
 */

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An input schema with its `default`s moved into the descriptions. Client generators (openapi-typescript
 * by default) read a defaulted property of a component as always present, which is true of a response
 * but would make a caller send every defaulted workload field; the server fills them in, so they stay
 * optional, and the default is still stated.
 */
export function describeInputDefaults(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(describeInputDefaults);
  if (!isSchema(schema)) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    // Under `properties` the keys are field names, not keywords: a field named "default" stays.
    if (key === 'properties' && isSchema(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describeInputDefaults(v)]));
    } else if (key !== 'default') {
      out[key] = describeInputDefaults(value);
    }
  }
  if ('default' in schema) {
    const stated = `Default: \`${JSON.stringify(schema.default)}\`.`;
    out.description =
      typeof out.description === 'string' ? `${out.description.replace(/\.?$/, '.')} ${stated}` : stated;
  }
  return out;
}

/**
 * An output schema whose defaulted properties are required: the server's zod parse fills every default,
 * so the field is always in the response, and saying so lets clients read it without a check.
 */
export function requireOutputDefaults(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(requireOutputDefaults);
  if (!isSchema(schema)) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === 'properties' && isSchema(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, requireOutputDefaults(v)]))
        : requireOutputDefaults(value);
  }
  if (isSchema(schema.properties)) {
    const required = Array.isArray(schema.required) ? [...(schema.required as string[])] : [];
    for (const [name, property] of Object.entries(schema.properties)) {
      if (isSchema(property) && 'default' in property && !required.includes(name)) required.push(name);
    }
    if (required.length > 0) out.required = required;
  }
  return out;
}

/** Values for a service's size fields, as a user writes them; see `withServiceExamples`. */
const SERVICE_EXAMPLES: Record<string, unknown[]> = {
  cpu: [0.25, '500m', '2 vCPU'],
  memory: ['512 MiB', 2048, '1.5 GiB'],
  replicas: [2, { min: 2, max: 10 }],
};

/**
 * The workload schema with `examples` on a service's cpu, memory and replicas. Without them a tool that
 * builds a sample body from the schema (Swagger UI's schema view) writes 0 for cpu and memory, which the
 * server rejects.
 */
export function withServiceExamples(workload: Schema): Schema {
  const services = workload.properties;
  if (!isSchema(services) || !isSchema(services.services) || !isSchema(services.services.items)) {
    throw new Error('workload schema has no services[] items: openapi-schemas.ts must follow its shape');
  }
  const items = services.services.items;
  const fields = items.properties;
  if (!isSchema(fields)) throw new Error('workload service schema has no properties: cannot add examples');
  const withExamples = { ...fields };
  for (const [name, examples] of Object.entries(SERVICE_EXAMPLES)) {
    const field = fields[name];
    if (!isSchema(field)) throw new Error(`workload service schema has no ${name}: cannot add its examples`);
    withExamples[name] = { ...field, examples };
  }
  return {
    ...workload,
    properties: {
      ...services,
      services: { ...services.services, items: { ...items, properties: withExamples } },
    },
  };
}
