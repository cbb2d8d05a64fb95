/** Reported by /health; the build injects the package version, tests and tsx see 'dev'. */
declare const __SERVER_VERSION__: string | undefined;

export const SERVER_VERSION: string =
  typeof __SERVER_VERSION__ === 'string' ? __SERVER_VERSION__ : 'dev';
