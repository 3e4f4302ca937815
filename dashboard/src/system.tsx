import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { Health, SystemStatus } from './api/types';
import { useApi } from './api/use-api';

/** Colours of the accounts, in id order, shared by the tables, the arena chart and the chart markers. */
const ACCOUNT_COLOURS = ['#60a5fa', '#f472b6', '#34d399', '#fbbf24', '#a78bfa', '#fb923c', '#22d3ee', '#f87171'];

export interface SystemView {
  readonly status: SystemStatus | undefined;
  readonly health: Health | undefined;
  /** The colour of an account (grey for one the desk does not list). */
  colourOf(accountId: string): string;
}

const SystemContext = createContext<SystemView | null>(null);

export function useSystem(): SystemView {
  const view = useContext(SystemContext);
  if (!view) throw new Error('useSystem outside <SystemProvider>');
  return view;
}

/**
 * The desk at a glance, loaded once for every view: accounts with their workflows, the market session,
 * and the health of Postgres and Temporal. The market clock moves without events, so it also polls.
 */
export function SystemProvider({ children }: { children: ReactNode }) {
  const status = useApi<SystemStatus>('/api/system/status', { on: ['cycle'], everyMs: 5_000 });
  const health = useApi<Health>('/api/health', { everyMs: 10_000 });
  const ids = status.data?.accounts.map((a) => a.id).join(',') ?? '';
  const view = useMemo<SystemView>(() => {
    const order = ids.split(',');
    return {
      status: status.data,
      health: health.data,
      colourOf: (id) => {
        const i = order.indexOf(id);
        return i < 0 ? '#9ca3af' : ACCOUNT_COLOURS[i % ACCOUNT_COLOURS.length]!;
      },
    };
  }, [status.data, health.data, ids]);
  return <SystemContext.Provider value={view}>{children}</SystemContext.Provider>;
}
