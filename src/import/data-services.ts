/**
 * @module data-services: recognises databases and queues run as containers (by image or by where they
 * keep data), and names the managed AWS service that usually replaces each.
 */

interface DataService {
  what: string;
  managed: string;
  /** Image repository names (the last path segment, without tag) that are this service. */
  images: RegExp;
  /** Where the official image keeps its data: a volume mounted here gives the service away. */
  dataPaths: readonly string[];
}

const DATA_SERVICES: readonly DataService[] = [
  {
    what: 'a PostgreSQL database',
    managed: 'Amazon RDS for PostgreSQL or Aurora PostgreSQL',
    images: /^(postgres|postgresql|postgis|timescaledb)$/,
    dataPaths: ['/var/lib/postgresql'],
  },
  {
    what: 'a MySQL database',
    managed: 'Amazon RDS for MySQL or Aurora MySQL',
    images: /^(mysql|mysql-server|percona)$/,
    dataPaths: ['/var/lib/mysql'],
  },
  {
    what: 'a MariaDB database',
    managed: 'Amazon RDS for MariaDB',
    images: /^mariadb$/,
    dataPaths: [],
  },
  {
    what: 'a MongoDB database',
    managed: 'Amazon DocumentDB',
    images: /^(mongo|mongodb|mongodb-community-server)$/,
    dataPaths: ['/data/db'],
  },
  {
    what: 'a Redis store',
    managed: 'Amazon ElastiCache',
    images: /^(redis|redis-stack|redis-stack-server|valkey)$/,
    dataPaths: [],
  },
  {
    what: 'an Elasticsearch cluster',
    managed: 'Amazon OpenSearch Service',
    images: /^(elasticsearch|opensearch)$/,
    dataPaths: ['/usr/share/elasticsearch/data', '/usr/share/opensearch/data'],
  },
  {
    what: 'a Kafka broker',
    managed: 'Amazon MSK',
    images: /^(kafka|cp-kafka|cp-server)$/,
    dataPaths: ['/var/lib/kafka'],
  },
  {
    what: 'a RabbitMQ broker',
    managed: 'Amazon MQ for RabbitMQ',
    images: /^rabbitmq$/,
    dataPaths: ['/var/lib/rabbitmq'],
  },
];

/** `postgres` from `docker.io/library/postgres:16-alpine` or `ghcr.io/x/postgres@sha256:...`. */
export function imageRepositoryName(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const last = withoutDigest.split('/').pop() ?? withoutDigest;
  return (last.split(':')[0] ?? last).toLowerCase();
}

/**
 * A warning for a service that is clearly a database or a queue, or null: it stays in the workload as a
 * container with its volume, but a managed service usually replaces it on AWS.
 */
export function describeDataService(image: string | undefined, mountPaths: readonly string[]): string | null {
  const repository = image === undefined ? undefined : imageRepositoryName(image);
  const byImage = DATA_SERVICES.find((d) => repository !== undefined && d.images.test(repository));
  const byPath = DATA_SERVICES.find((d) =>
    d.dataPaths.some((p) => mountPaths.some((m) => m === p || m.startsWith(`${p}/`))),
  );
  const found = byImage ?? byPath;
  if (found === undefined) return null;
  const how = byImage ? `its image is ${repository}` : 'it keeps its data where that image does';
  return `looks like ${found.what} (${how}): on AWS ${found.managed} usually replaces it; it is kept here as a container, remove it from the workload if you will use the managed service`;
}
