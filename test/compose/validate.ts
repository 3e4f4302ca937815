/**
 * The checks docker-compose.yml must pass, as a function returning every problem found (empty when
 * the file is sound), so the test can also show that a broken copy is caught. No Docker engine or
 * `docker compose` runs here; the desk's own config loader judges the desk services' environment.
 */
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../config';
import { VARIABLES } from '../../config/variables';
import { SEARCH_ATTRIBUTE_KEYS } from '../../contracts/search-attributes';
import { locateServices } from '../../scripts/devstack';
import { type YamlValue } from './yaml-subset';

type Map = { [key: string]: YamlValue };

const DESK_DOCKERFILE = 'docker/Dockerfile';
const HEALTHCHECK_FIELDS = ['test', 'interval', 'timeout', 'retries'];
/** What the Temporal server image and the admin-tools schema job read (samples-server compose). */
const TEMPORAL_DB_ENV = ['DB', 'DB_PORT', 'POSTGRES_USER', 'POSTGRES_PWD', 'POSTGRES_SEEDS'];

const isMap = (v: YamlValue | undefined): v is Map => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: YamlValue | undefined): YamlValue[] => (Array.isArray(v) ? v : []);
const text = (v: YamlValue | undefined): string => (typeof v === 'string' ? v : '');

/** `${NAME:-default}` → default (what a clean clone gets); `${NAME}` without a default is reported. */
function interpolate(value: string, where: string, problems: string[]): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_all, name: string, fallback?: string) => {
    if (fallback === undefined) problems.push(`${where}: \${${name}} has no default, so a clean clone cannot start`);
    return fallback ?? '';
  });
}

/** A service's environment as the container sees it: its env_file, then `environment` on top. */
export function serviceEnv(root: string, service: Map, where: string, problems: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const file of [service.env_file].flat().filter((f): f is string => typeof f === 'string')) {
    if (!existsSync(join(root, file))) {
      problems.push(`${where}: env_file ${file} does not exist`);
      continue;
    }
    for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
      if (m) env[m[1]!] = m[2]!;
    }
  }
  const environment = service.environment;
  if (Array.isArray(environment)) problems.push(`${where}: write environment as a mapping`);
  if (isMap(environment))
    for (const [k, v] of Object.entries(environment)) env[k] = interpolate(text(v), `${where}.${k}`, problems);
  return env;
}

/** Variables a shell script demands with `: "${NAME:?}"`. */
function requiredByScript(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/"\$\{([A-Z_][A-Z0-9_]*):\?\}"/g)].map((m) => m[1]!);
}

/** The host path of a bind mount (`./x:/y[:ro]`), or undefined for a named volume. */
function bindSource(volume: string): string | undefined {
  const source = volume.split(':')[0]!;
  return source.startsWith('.') || source.startsWith('/') ? source : undefined;
}

/** Where a path inside a container comes from, through the service's bind mounts. */
function hostPathOf(service: Map, containerPath: string): string | undefined {
  for (const v of list(service.volumes).map(text)) {
    const [source, target] = v.split(':');
    if (!source || !target || !bindSource(v)) continue;
    if (containerPath === target) return source;
    if (containerPath.startsWith(`${target}/`)) return join(source, containerPath.slice(target.length + 1));
  }
  return undefined;
}

export function validateCompose(doc: YamlValue, root: string): string[] {
  const problems: string[] = [];
  if (!isMap(doc) || !isMap(doc.services)) return ['the file has no services mapping'];
  const services = doc.services as { [name: string]: Map };
  const names = new Set(Object.keys(services));
  const declaredVolumes = new Set(isMap(doc.volumes) ? Object.keys(doc.volumes) : []);
  const usedVolumes = new Set<string>();
  const hostPorts = new Map<string, string>();

  // One-shot jobs: what others wait for with service_completed_successfully.
  const oneShots = new Set<string>();
  for (const s of Object.values(services))
    if (isMap(s.depends_on))
      for (const [dep, cond] of Object.entries(s.depends_on))
        if (isMap(cond) && cond.condition === 'service_completed_successfully') oneShots.add(dep);

  for (const [name, s] of Object.entries(services)) {
    const at = `services.${name}`;
    if (!isMap(s)) {
      problems.push(`${at} is not a mapping`);
      continue;
    }
    const builtHere = isMap(s.build) && text(s.build.dockerfile) === DESK_DOCKERFILE;

    // Images: pinned to a version, never `latest`, never the deprecated auto-setup image.
    const image = text(s.image);
    const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : '';
    if (!image) problems.push(`${at}: no image`);
    else if (image.includes('temporalio/auto-setup')) problems.push(`${at}: temporalio/auto-setup is deprecated`);
    else if (!builtHere && (!tag || tag === 'latest' || !/\d/.test(tag)))
      problems.push(`${at}: image ${image} is not pinned to a version`);
    if (isMap(s.build)) {
      if (!existsSync(join(root, text(s.build.dockerfile)))) problems.push(`${at}: Dockerfile missing`);
      if (text(s.build.context) !== '.') problems.push(`${at}: build context must be the repository root`);
    }

    // Health checks on everything that keeps running.
    if (!oneShots.has(name)) {
      const hc = s.healthcheck;
      if (!isMap(hc)) problems.push(`${at}: no healthcheck`);
      else for (const f of HEALTHCHECK_FIELDS) if (!(f in hc)) problems.push(`${at}: healthcheck lacks ${f}`);
    } else if (!('restart' in s) || !text(s.restart).startsWith('on-failure'))
      problems.push(`${at}: a one-shot job should restart on-failure (its dependencies may still be starting)`);

    // Dependencies exist and wait for the right thing.
    if (isMap(s.depends_on))
      for (const [dep, cond] of Object.entries(s.depends_on)) {
        if (!names.has(dep)) problems.push(`${at}: depends on unknown service ${dep}`);
        const condition = isMap(cond) ? text(cond.condition) : '';
        if (condition === 'service_healthy' && !isMap(services[dep]?.healthcheck))
          problems.push(`${at}: waits for ${dep} to be healthy, but ${dep} has no healthcheck`);
        if (!['service_healthy', 'service_completed_successfully', 'service_started'].includes(condition))
          problems.push(`${at}: depends_on ${dep} needs a condition`);
      }

    // Volumes: named ones declared; bind mounts point at files in the repository.
    for (const v of list(s.volumes).map(text)) {
      const bind = bindSource(v);
      if (bind) {
        if (!existsSync(join(root, bind))) problems.push(`${at}: bind mount source ${bind} does not exist`);
      } else {
        const volume = v.split(':')[0]!;
        usedVolumes.add(volume);
        if (!declaredVolumes.has(volume)) problems.push(`${at}: volume ${volume} is not declared under volumes`);
        if (!v.includes(':')) problems.push(`${at}: anonymous volume ${v} loses its data on recreate`);
      }
    }

    // Ports: each host port once; quoted "host:container".
    for (const p of list(s.ports).map(text)) {
      const parts = p.split(':');
      if (parts.length < 2) problems.push(`${at}: port ${p} should be "host:container"`);
      const host = parts.slice(0, -1).join(':');
      if (hostPorts.has(host)) problems.push(`${at}: host port ${host} is also used by ${hostPorts.get(host)}`);
      hostPorts.set(host, name);
    }

    // Commands that run a repository file name one that exists.
    for (const arg of [...list(s.command), ...(isMap(s.healthcheck) ? list(s.healthcheck.test) : [])].map(text))
      if (/^[a-z][\w-]*\/[\w./-]+\.ts$/.test(arg) && !existsSync(join(root, arg)))
        problems.push(`${at}: runs ${arg}, which does not exist`);
    for (const arg of list(s.command).map(text))
      if (arg.startsWith('/scripts/')) {
        const script = hostPathOf(s, arg);
        if (!script || !existsSync(join(root, script))) problems.push(`${at}: script ${arg} is not mounted`);
        else {
          try {
            accessSync(join(root, script), constants.X_OK);
          } catch {
            problems.push(`${at}: ${script} is not executable`);
          }
          const env = serviceEnv(root, s, at, []);
          for (const v of requiredByScript(join(root, script)))
            if (!env[v]) problems.push(`${at}: ${script} needs ${v}, which is not set`);
        }
      }
  }
  for (const v of declaredVolumes) if (!usedVolumes.has(v)) problems.push(`volume ${v} is declared but unused`);

  problems.push(...checkWorkerScales(services), ...checkTemporal(services, root), ...checkDesk(services, root));
  return problems;
}

/** `--scale worker=N` needs a worker without a fixed name or host ports. */
function checkWorkerScales(services: { [name: string]: Map }): string[] {
  const worker = services.worker;
  if (!isMap(worker)) return ['no worker service'];
  const problems: string[] = [];
  if ('container_name' in worker) problems.push('services.worker: container_name prevents --scale worker=N');
  if ('ports' in worker) problems.push('services.worker: host ports prevent --scale worker=N');
  return problems;
}

function checkTemporal(services: { [name: string]: Map }, root: string): string[] {
  const problems: string[] = [];
  const byImage = (prefix: string) => Object.entries(services).filter(([, s]) => text(s.image).startsWith(prefix));
  const servers = byImage('temporalio/server:');
  const adminTools = byImage('temporalio/admin-tools:');
  if (servers.length !== 1) problems.push('expected one temporalio/server service');
  if (byImage('temporalio/ui:').length !== 1) problems.push('expected one temporalio/ui service');
  for (const [name, s] of servers) {
    const env = serviceEnv(root, s, `services.${name}`, problems);
    for (const v of [...TEMPORAL_DB_ENV, 'BIND_ON_IP', 'DYNAMIC_CONFIG_FILE_PATH'])
      if (!env[v]) problems.push(`services.${name}: ${v} is not set`);
    if (env.POSTGRES_SEEDS && !services[env.POSTGRES_SEEDS])
      problems.push(`services.${name}: POSTGRES_SEEDS=${env.POSTGRES_SEEDS} is not a service`);
    const dynamic = env.DYNAMIC_CONFIG_FILE_PATH && hostPathOf(s, `/etc/temporal/${env.DYNAMIC_CONFIG_FILE_PATH}`);
    if (!dynamic || !existsSync(join(root, dynamic)))
      problems.push(`services.${name}: the dynamic config file is not mounted from the repository`);
  }
  const scripts = adminTools.map(([, s]) => text(list(s.command)[0]));
  if (!scripts.some((c) => c.endsWith('setup-postgres.sh'))) problems.push('no admin-tools job sets up the schema');
  const namespaceJob = adminTools.find(([, s]) => text(list(s.command)[0]).endsWith('create-namespace.sh'));
  if (!namespaceJob) problems.push('no admin-tools job creates the namespace');
  else {
    const script = hostPathOf(namespaceJob[1], text(list(namespaceJob[1].command)[0]));
    const body = script && existsSync(join(root, script)) ? readFileSync(join(root, script), 'utf8') : '';
    for (const key of SEARCH_ATTRIBUTE_KEYS) {
      const type = key.type.toLowerCase().replace('_', '');
      if (!new RegExp(`\\b${key.name}=${type}\\b`, 'i').test(body))
        problems.push(`the namespace job does not register search attribute ${key.name} (${key.type})`);
    }
  }
  return problems;
}

/** The desk's services: their environment must satisfy the desk's own config loader. */
function checkDesk(services: { [name: string]: Map }, root: string): string[] {
  const problems: string[] = [];
  const desk = Object.entries(services).filter(([, s]) => isMap(s.build));
  if (desk.length === 0) return ['no service builds the desk image'];
  const known = new Set(Object.keys(VARIABLES));
  for (const [name, s] of desk) {
    const at = `services.${name}`;
    const env = serviceEnv(root, s, at, problems);
    for (const key of Object.keys(env)) if (!known.has(key)) problems.push(`${at}: ${key} is not a desk variable`);
    let config;
    try {
      config = loadConfig(env);
    } catch (e) {
      problems.push(`${at}: ${(e as Error).message}`);
      continue;
    }
    if (name === 'dhan-sim') continue; // the simulator reads its flags, not the desk's config
    const where = locateServices(config);
    if (!config.database.url) problems.push(`${at}: DATABASE_URL is not set`);
    else checkUrlService(new URL(config.database.url.reveal()), services, `${at}: DATABASE_URL`, problems);
    if (!config.temporal.address) problems.push(`${at}: TEMPORAL_ADDRESS is not set`);
    else checkUrlService(new URL(`grpc://${config.temporal.address}`), services, `${at}: TEMPORAL_ADDRESS`, problems);
    if (config.trading.marketData === 'simulator') {
      if (!config.simulator.url) problems.push(`${at}: DHAN_SIMULATOR_URL is not set`);
      else checkUrlService(new URL(where.simulatorUrl!), services, `${at}: DHAN_SIMULATOR_URL`, problems);
    }
    if (name === 'api') {
      if (config.api.host !== '0.0.0.0') problems.push(`${at}: API_HOST must be 0.0.0.0 inside a container`);
      if (
        !list(s.ports)
          .map(text)
          .some((p) => p.endsWith(`:${config.api.port}`))
      )
        problems.push(`${at}: API_PORT ${config.api.port} is not published`);
    }
  }
  return problems;
}

/** The URL's host must be a service that listens on the URL's port (declared by its own settings or ports). */
function checkUrlService(url: URL, services: { [name: string]: Map }, what: string, problems: string[]): void {
  const target = services[url.hostname];
  if (!target) return void problems.push(`${what} points at ${url.hostname}, which is not a service`);
  const port = url.port;
  const listens = [
    ...list(target.ports).map((p) => text(p).split(':').pop()),
    ...list(target.command).map(text),
    ...(isMap(target.healthcheck) ? list(target.healthcheck.test).map(text) : []),
  ];
  const image = text(target.image);
  const defaults: Record<string, string> = { 'postgres:': '5432', 'temporalio/server:': '7233' };
  const known = Object.entries(defaults).find(([prefix]) => image.startsWith(prefix))?.[1];
  if (port !== known && !listens.some((l) => l === port || l?.includes(`${port}`)))
    problems.push(`${what}: ${url.hostname} does not listen on port ${port}`);
}
