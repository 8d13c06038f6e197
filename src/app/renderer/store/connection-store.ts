import { create } from 'zustand';
import type { TokenDeskApi } from '../../../api/index.js';

/** Whether the screens can talk to the core yet; the API object once they can. */
interface ConnectionState {
  status: 'connecting' | 'ready' | 'failed';
  api: TokenDeskApi | undefined;
  setReady(api: TokenDeskApi): void;
  setFailed(): void;
}

export const useConnection = create<ConnectionState>((set) => ({
  status: 'connecting',
  api: undefined,
  setReady: (api) => set({ status: 'ready', api }),
  setFailed: () => set({ status: 'failed' }),
}));

/** The API for an action started by the user; the UI only offers actions once connected. */
export function requireApi(): TokenDeskApi {
  const api = useConnection.getState().api;
  if (!api) throw new Error('TokenDesk is not connected yet');
  return api;
}
