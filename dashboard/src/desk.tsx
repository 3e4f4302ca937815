import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { type ApiClient, type ConnectionState, createApiClient } from './api/client';
import { followEvents, type StreamState } from './api/events';
import type { DeskEvent } from './api/types';

const KEY_STORAGE = 'desk.apiKey';

/** The API key, kept in this browser so it is entered once. */
export const storedKey = {
  read: (): string | null => window.localStorage.getItem(KEY_STORAGE),
  write: (key: string | null) =>
    key === null ? window.localStorage.removeItem(KEY_STORAGE) : window.localStorage.setItem(KEY_STORAGE, key),
};

export interface Desk {
  readonly client: ApiClient;
  /** Whether the API answered the latest request and took the key. */
  readonly connection: { readonly state: ConnectionState; readonly message?: string };
  readonly stream: StreamState;
  /** Calls `listener` with every event of the live stream until the returned function is called. */
  subscribe(listener: (event: DeskEvent) => void): () => void;
  /** Forgets the key (the key form shows again). */
  signOut(): void;
}

const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside <DeskProvider>');
  return desk;
}

/**
 * One API client and one event stream for the whole app, for the given key. Components subscribe to
 * the stream rather than opening their own.
 */
export function DeskProvider({
  apiKey,
  onSignOut,
  children,
}: {
  apiKey: string;
  onSignOut: () => void;
  children: ReactNode;
}) {
  const [connection, setConnection] = useState<Desk['connection']>({ state: 'ok' });
  const [stream, setStream] = useState<StreamState>('connecting');
  const listeners = useRef(new Set<(event: DeskEvent) => void>());

  const client = useMemo(
    () =>
      createApiClient(apiKey, (state, message) =>
        setConnection((old) =>
          old.state === state && old.message === message ? old : { state, ...(message ? { message } : {}) },
        ),
      ),
    [apiKey],
  );

  useEffect(
    () => followEvents(client, (event) => listeners.current.forEach((listener) => listener(event)), setStream),
    [client],
  );

  const subscribe = useCallback((listener: (event: DeskEvent) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  const desk = useMemo<Desk>(
    () => ({ client, connection, stream, subscribe, signOut: onSignOut }),
    [client, connection, stream, subscribe, onSignOut],
  );
  return <DeskContext.Provider value={desk}>{children}</DeskContext.Provider>;
}
