import type { TFunction } from 'i18next';
import { isApiError } from '../api/http.ts';

// One readable sentence for a failed request: a known code in the user's language, else the server's message.

const KNOWN = ['forbidden', 'unauthorized', 'not_found', 'conflict', 'not_receiving', 'rate_limited', 'network'] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (code: string): code is Known => (KNOWN as readonly string[]).includes(code);

export function errorText(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    if (error.code === 'bad_request') return error.message;
    if (isKnown(error.code)) return t(`errors.${error.code}`);
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
