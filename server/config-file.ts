import { readFileSync } from 'node:fs';
import { Config } from '../shared/config.ts';
import { createLocalTime } from './domain/time.ts';

// Reads and validates the configuration file (CONTRACT §6). Errors name the file and the bad field.

export class ConfigError extends Error {}

export function loadConfigFile(path: string): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`CONFIG ${path}: cannot read JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = Config.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ConfigError(`CONFIG ${path} is invalid — ${issues}`);
  }
  try {
    createLocalTime(parsed.data.timezone);
  } catch {
    throw new ConfigError(`CONFIG ${path} is invalid — timezone: unknown time zone ${parsed.data.timezone}`);
  }
  return parsed.data;
}
