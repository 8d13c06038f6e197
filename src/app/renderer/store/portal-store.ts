import { create } from 'zustand';
import type { PortalPrompt } from '../../../api/index.js';

/** The prompts CA web pages raised that wait for the user (fed by the portalPrompts event). */
interface PortalState {
  prompts: PortalPrompt[];
  setPrompts(prompts: PortalPrompt[]): void;
}

export const usePortal = create<PortalState>((set) => ({
  prompts: [],
  setPrompts: (prompts) => set({ prompts }),
}));
