import { createContext, useContext } from 'react';
import type { HouseholdDetail } from '../../../../electron/shared/api/register';

/**
 * The household panel (借款户详情) lives in the shell, over whatever page is open: the register
 * grid, the global search and later pages open it by borrower id. Saves made in the panel or in
 * the grid are announced so the other side can refresh.
 */
export interface HouseholdPanelApi {
  open(borrowerId: string): void;
  close(): void;
  /** Announces a household saved somewhere (panel or grid), with what the backend now holds. */
  notifyChanged(detail: HouseholdDetail): void;
  /** Subscribes to saved households; returns the unsubscribe function. */
  onChanged(listener: (detail: HouseholdDetail) => void): () => void;
}

export const HouseholdPanelContext = createContext<HouseholdPanelApi | null>(null);

export function useHouseholdPanel(): HouseholdPanelApi {
  const api = useContext(HouseholdPanelContext);
  if (!api) throw new Error('useHouseholdPanel outside the shell');
  return api;
}

/** A tiny listener set, for notifyChanged / onChanged. */
export function createChangeHub() {
  const listeners = new Set<(detail: HouseholdDetail) => void>();
  return {
    emit(detail: HouseholdDetail) {
      for (const l of [...listeners]) l(detail);
    },
    subscribe(listener: (detail: HouseholdDetail) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
