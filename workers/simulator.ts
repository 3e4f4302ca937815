/**
 * The built-in Dhan simulator's coordinates: a local fake of Dhan that `npm start`, `npm run
 * devstack` and the tests run on loopback. Its credentials are placeholders, not secrets.
 */
export const SIMULATOR_CLIENT_ID = '1000000001';
export const SIMULATOR_ACCESS_TOKEN = 'simulator-access-token';

export function simulatorUrls(root: string): { api: string; control: string } {
  const base = root.replace(/\/+$/, '').replace(/\/v2$/, '');
  return { api: `${base}/v2`, control: `${base}/sim` };
}
