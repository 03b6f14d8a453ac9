import { createStore } from 'zustand/vanilla';
import type { PublicConfig } from '../../../shared/index.ts';

// What the console knows of the deployment (GET /api/v1/config): timezone and the optional tile layer.

export const DEFAULT_CONFIG: PublicConfig = { timezone: 'Asia/Ho_Chi_Minh', map: {} };

export interface ConfigState {
  config: PublicConfig;
  setConfig: (config: PublicConfig) => void;
}

export const createConfigStore = () =>
  createStore<ConfigState>()((set) => ({
    config: DEFAULT_CONFIG,
    setConfig: (config) => set({ config }),
  }));

export type ConfigStore = ReturnType<typeof createConfigStore>;
