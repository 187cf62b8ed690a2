// The `verify` section of mageup.config.json / .yaml, read by the shared loader of src/governance/ and validated here.
import { ConfigError, loadConfig } from '../governance/config.js';
import { VerifyInputError } from './errors.js';

export interface VerifyConfig {
  /** Base URLs marked staging: --allow-writes and remote load tests are refused elsewhere. */
  staging: string[];
  allowHosts: string[];
  file: string | null;
}

export function readVerifyConfig(dir: string, explicitFile?: string): VerifyConfig {
  let config;
  try {
    config = loadConfig(dir, explicitFile);
  } catch (error) {
    if (error instanceof ConfigError) throw new VerifyInputError(error.message);
    throw error;
  }
  const v = config.verify ?? {};
  const list = (key: string): string[] => {
    const value = v[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((x) => typeof x === 'string' && x.trim()))
      throw new VerifyInputError(`${config.file}: verify.${key} must be a list of strings`);
    return value as string[];
  };
  for (const key of Object.keys(v))
    if (key !== 'staging' && key !== 'allowHosts')
      throw new VerifyInputError(`${config.file}: verify.${key} is not a setting (expected staging, allowHosts)`);
  return { staging: list('staging'), allowHosts: list('allowHosts'), file: config.file };
}

/** Whether `url` is under one of the staging base URLs (same origin, path prefix). */
export function isStaging(url: string, staging: string[]): boolean {
  const u = new URL(url);
  return staging.some((s) => {
    try {
      const st = new URL(s);
      return st.origin === u.origin && u.pathname.startsWith(st.pathname.replace(/\/?$/, '/').replace(/^\/\/$/, '/'));
    } catch {
      return false;
    }
  });
}
