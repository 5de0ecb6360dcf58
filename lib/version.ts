/** Injected at build time by esbuild/Next (package.json version); "dev" when run from source. */
declare const __CE_VERSION__: string | undefined;

export const APP_VERSION: string =
  typeof __CE_VERSION__ === "string" ? __CE_VERSION__ : (process.env.CE_VERSION ?? "0.1.0");
