/**
 * The dashboard's build (`vite build dashboard` → dashboard/dist, served by the API at /) and its dev
 * server (`npm run dashboard:dev`), which proxies /api to a running desk (DESK_API_URL, default the
 * API's default address) so the app talks to the same origin in both cases.
 */
import { defineConfig } from 'vite';

const api = process.env.DESK_API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? 8000}`;

export default defineConfig({
  // React's automatic JSX runtime through Vite's built-in Oxc transform (no React plugin needed).
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1_000 },
  server: { port: 5173, proxy: { '/api': { target: api, changeOrigin: true } } },
});
