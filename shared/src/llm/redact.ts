/**
 * Keeps the API key out of everything the layer hands out: events, log lines, error messages. The key is
 * never put there on purpose; this is the second lock, for text that comes from elsewhere (a server that
 * echoes a header, an SDK log line).
 */
export const REDACTED = '[redacted]';

export type Redactor = <T>(value: T) => T;

export function makeRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const keys = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
  if (keys.length === 0) return (value) => value;
  const scrub = (text: string) => keys.reduce((out, key) => out.split(key).join(REDACTED), text);
  const walk = (value: unknown, seen: WeakSet<object>): unknown => {
    if (typeof value === 'string') return scrub(value);
    if (value === null || typeof value !== 'object' || seen.has(value)) return value;
    seen.add(value);
    if (Array.isArray(value)) return value.map((item) => walk(item, seen));
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) out[name] = walk(item, seen);
    return out;
  };
  return <T>(value: T): T => walk(value, new WeakSet()) as T;
}

/** Joins logger arguments into one line (objects as JSON, errors by message). */
export function logLine(args: readonly unknown[]): string {
  return args
    .map((arg) => {
      if (typeof arg === 'string') return arg;
      if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
      try {
        return JSON.stringify(arg);
      } catch {
        return String(arg);
      }
    })
    .join(' ');
}
