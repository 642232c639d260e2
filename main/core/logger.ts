// The core logs through whatever its host hands it (pino in the hosts); silent otherwise.
export type CoreLogger = {
  info(o: object | string, m?: string): void;
  warn(o: object | string, m?: string): void;
  error(o: object | string, m?: string): void;
};

export const silentLogger: CoreLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
