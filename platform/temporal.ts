import { Client, Connection } from '@temporalio/client';
import { type Duration, type SearchAttributeType } from '@temporalio/common';
import { type SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { grpc, temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_KEYS } from '../contracts/search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;

const INDEXED_TYPE: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

export interface TemporalTarget {
  readonly address: string;
  readonly namespace: string;
}

/**
 * The one way the API, the workers' clients and the scripts connect to Temporal.
 * `connectTimeout` bounds how long an unreachable server blocks start-up.
 */
export async function connectClient(target: TemporalTarget, connectTimeout: Duration = '10s'): Promise<Client> {
  const connection = await Connection.connect({ address: target.address, connectTimeout });
  return new Client({ connection, namespace: target.namespace });
}

/**
 * Registers the project's custom search attributes on the namespace, adding only those missing,
 * so it is safe on every start and against any server (dev server, self-hosted, compose).
 */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: readonly SearchAttributeKey<SearchAttributeType>[] = SEARCH_ATTRIBUTE_KEYS,
): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set([
    ...Object.keys(existing.customAttributes ?? {}),
    ...Object.keys(existing.systemAttributes ?? {}),
  ]);
  const missing = keys.filter((k) => !known.has(k.name));
  if (missing.length > 0) {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, INDEXED_TYPE[k.type as SearchAttributeType]])),
    });
  }
  return missing.map((k) => k.name);
}

/** True when the frontend answers its health check within `timeoutMs`. */
export async function temporalReachable(connection: Connection, timeoutMs = 2_000): Promise<boolean> {
  try {
    const response = await connection.withDeadline(Date.now() + timeoutMs, () => connection.healthService.check({}));
    return response.status === grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
  } catch {
    return false;
  }
}
