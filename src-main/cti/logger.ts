/**
 * The smallest logger surface the CTI code needs. pino satisfies it structurally; tests pass a
 * recording logger, so malformed-input handling can be asserted on without a real sink.
 */
export interface CtiLogger {
  debug(fields: object, msg: string): void;
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

export const silentLogger: CtiLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields: object;
}

/** Keeps entries in memory; for tests and for a "last engine messages" support view. */
export function memoryLogger(limit = 500): CtiLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const push = (level: LogEntry['level']) => (fields: object, msg: string) => {
    entries.push({ level, msg, fields });
    if (entries.length > limit) entries.shift();
  };
  return {
    entries,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
  };
}

/**
 * baresip echoes account lines (`Creating UA for <...>;auth_pass=...`) in its output and in
 * replies: anything from the engine that may reach a log goes through this first.
 */
export function maskSecrets(text: string): string {
  return text.replace(/auth_pass=[^;>\s"]*/g, 'auth_pass=***');
}
