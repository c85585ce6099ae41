/**
 * @module logger: structured JSON-lines logs. Callers pass chosen fields only: never request bodies,
 * headers or SDK error objects (whose `$response` can carry credentials); errors are reduced to
 * name, code, message and stack.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(
  options: { level?: LogLevel; write?: (line: string) => void; now?: () => Date } = {},
): Logger {
  const min = RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? (() => new Date());
  const log =
    (level: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: Fields = {}) => {
      if (RANK[level] < min) return;
      write(`${JSON.stringify({ time: now().toISOString(), level, msg, ...fields })}\n`);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = createLogger({ level: 'silent' });

/** An error as log fields: its name, code, message and stack, and the same for each cause (depth ≤ 5). */
export function describeError(error: unknown, depth = 0): Fields {
  if (!(error instanceof Error)) return { message: String(error) };
  const out: Fields = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') out.code = code;
  if (error.stack) out.stack = error.stack;
  if (error.cause !== undefined && depth < 5) out.cause = describeError(error.cause, depth + 1);
  return out;
}
