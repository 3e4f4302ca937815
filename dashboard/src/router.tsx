import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/** The dashboard's pages, parsed from the location path. */
export type Route =
  | { readonly page: 'arena' }
  | { readonly page: 'account'; readonly accountId: string }
  | { readonly page: 'symbol'; readonly symbol: string }
  | { readonly page: 'backtests' }
  | { readonly page: 'backtest'; readonly id: number }
  | { readonly page: 'not-found'; readonly path: string };

export function parseRoute(path: string): Route {
  const account = /^\/accounts\/([a-z][a-z0-9]{0,11})\/?$/.exec(path);
  if (account) return { page: 'account', accountId: account[1]! };
  const symbol = /^\/symbols\/([A-Z][A-Z0-9&-]{0,19})\/?$/.exec(decodeURIComponent(path));
  if (symbol) return { page: 'symbol', symbol: symbol[1]! };
  const backtest = /^\/backtests\/(\d{1,12})\/?$/.exec(path);
  if (backtest) return { page: 'backtest', id: Number(backtest[1]) };
  if (/^\/backtests\/?$/.test(path)) return { page: 'backtests' };
  if (path === '/' || path === '') return { page: 'arena' };
  return { page: 'not-found', path };
}

const NAVIGATED = 'desk:navigated';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

/** The current location (path and query), re-rendering on navigation. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, search: url.searchParams };
}

/** Goes to `to` without reloading the page (the API serves index.html for every page path). */
export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo(0, 0);
}

/** An in-app link: a plain click navigates in place; modified clicks (new tab) behave as usual. */
export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={onClick} {...rest} />;
}
