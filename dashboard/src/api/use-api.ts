import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './client';
import type { DeskEventKind } from './types';
import { useDesk } from '../desk';

/** When to load again without the user asking. */
export interface Freshness {
  /** Reload when the live stream reports one of these kinds of events… */
  readonly on?: readonly DeskEventKind[];
  /** …of this account only (default: any account). */
  readonly account?: string;
  /** Also reload on a timer (for what has no events, like the market clock). */
  readonly everyMs?: number;
}

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  reload(): void;
}

/** Live events can come many per second; a view reloads at most this often. */
const MIN_RELOAD_GAP_MS = 1_000;

/**
 * GETs `path` (null: nothing yet) and keeps it fresh: reloads on matching live events, at most once a
 * second (a burst of events gives one reload after it), and on `everyMs`. Keeps showing the previous
 * answer while reloading, so live views do not flicker.
 */
export function useApi<T>(path: string | null, fresh: Freshness = {}): Loaded<T> {
  const { client, subscribe } = useDesk();
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean; path: string | null }>({
    loading: path !== null,
    path,
  });
  const inFlight = useRef<AbortController | null>(null);
  const lastLoad = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(() => {
    if (path === null) return;
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    lastLoad.current = Date.now();
    setState((s) => ({ ...s, loading: true }));
    client.get<T>(path, controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false, path }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : undefined;
        setState((s) => ({ ...s, error: apiError, loading: false }));
      },
    );
  }, [client, path]);

  // A new path starts afresh (no stale data from another account or symbol), and nothing scheduled
  // for the old one runs.
  useEffect(() => {
    setState({ loading: path !== null, path });
    load();
    return () => {
      inFlight.current?.abort();
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
    };
  }, [load, path]);

  const soon = useCallback(() => {
    if (pending.current) return;
    const wait = Math.max(0, lastLoad.current + MIN_RELOAD_GAP_MS - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      load();
    }, wait);
  }, [load]);

  const kinds = fresh.on?.join(',') ?? '';
  const account = fresh.account;
  useEffect(() => {
    if (!kinds) return;
    const wanted = new Set(kinds.split(','));
    return subscribe((event) => {
      if (wanted.has(event.kind) && (account === undefined || event.accountId === account)) soon();
    });
  }, [subscribe, soon, kinds, account]);

  useEffect(() => {
    if (!fresh.everyMs) return;
    const timer = setInterval(load, fresh.everyMs);
    return () => clearInterval(timer);
  }, [load, fresh.everyMs]);

  // Until the effect has run for a new path, the state still holds the previous path's answer.
  if (state.path !== path) return { data: undefined, error: undefined, loading: path !== null, reload: load };
  return { data: state.data, error: state.error, loading: state.loading, reload: load };
}
