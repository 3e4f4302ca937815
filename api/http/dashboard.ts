import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express, type Response } from 'express';

/** Paths the dashboard never answers: they belong to the API, its docs and its metrics. */
const SERVER_PATHS = /^\/(api|docs|metrics)(\/|$)/;
/** Paths of files (assets, or anything with an extension) rather than pages. */
const FILE_PATH = /^\/assets\/|\.[A-Za-z0-9]+$/;

/**
 * The dashboard's content policy. helmet's default (kept for the API) also upgrades every request to
 * https, which would break the dashboard when it is opened over plain http on a LAN address.
 */
const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
  "form-action 'self'",
].join('; ');

/** Where `vite build dashboard` writes the app (from the sources, or from a `dist/` build of the server). */
export function defaultDashboardDir(): string | undefined {
  return [resolve(__dirname, '../../dashboard/dist'), resolve(__dirname, '../../../dashboard/dist')].find((dir) =>
    existsSync(join(dir, 'index.html')),
  );
}

function dashboardHeaders(res: Response, path: string): void {
  res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  // Vite names assets by content hash: they never change. Everything else is revalidated.
  res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Serves the built dashboard (`dir`, the output of `vite build dashboard`) at `/`: its files, and its
 * `index.html` for any other page a browser asks for (`/accounts/claude`), so deep links and reloads
 * work. Requests under `/api`, `/docs` and `/metrics`, for missing files, or that do not accept HTML,
 * are left to the API (and its JSON 404).
 */
export function mountDashboard(app: Express, dir: string): void {
  const files = express.static(dir, { index: false, setHeaders: dashboardHeaders });
  const index = join(dir, 'index.html');
  app.use((req, res, next) => (SERVER_PATHS.test(req.path) ? next() : files(req, res, next)));
  app.get(/.*/, (req, res, next) => {
    // A missing file (an old asset after a rebuild) is a 404, not the page in its place.
    if (SERVER_PATHS.test(req.path) || FILE_PATH.test(req.path) || !req.accepts('html')) return next();
    dashboardHeaders(res, index);
    res.sendFile(index);
  });
}
