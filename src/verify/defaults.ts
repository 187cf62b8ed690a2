/** Defaults of `mageup verify`'s options; apart from the probes so the CLI shows them without loading a browser. */
export const VERIFY_DEFAULTS = {
  samples: 7,
  browserSamples: 5,
  concurrency: 4,
  durationS: 5,
  maxRequests: 3000,
  timeoutMs: 20_000,
  remoteIntervalMs: 250,
} as const;

/** Every output format of `mageup verify`. */
export const VERIFY_FORMATS = ['text', 'json', 'md', 'html', 'sarif', 'junit', 'github'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];
