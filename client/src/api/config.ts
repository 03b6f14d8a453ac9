import { PublicConfig } from '../../../shared/index.ts';

// GET /api/v1/config: timezone and optional tile layer. The console still works on defaults without it.

export async function fetchPublicConfig(signal?: AbortSignal): Promise<PublicConfig | null> {
  try {
    const response = await fetch('/api/v1/config', { signal, headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const parsed = PublicConfig.safeParse(await response.json());
    if (!parsed.success) console.warn('[config] malformed /api/v1/config rejected', parsed.error.issues);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
