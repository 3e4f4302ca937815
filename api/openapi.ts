import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { type Route, documentedStatuses, openApiPath } from './http/route';
import { errorSchema } from './schemas/common';

/** Why each error status happens, for the document. */
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `error.fields` names each bad field and why.',
  401: 'Missing or wrong API key.',
  404: 'Not found.',
  409: 'Conflicts with the current state (e.g. starting a killed account).',
  413: 'Request body too large.',
  415: 'The body is not JSON.',
  429: 'Too many changes; retry after the Retry-After delay.',
  500: 'Internal error (details are in the server log only).',
  502: 'The market-data source failed.',
  503: 'A service the desk depends on (Temporal, Postgres) is unavailable or too slow; retry later.',
};

const DESCRIPTION = `The REST API of the AI trading desk: accounts (Temporal workflows) and their control, portfolios,
trades, LLM decisions, cycles, risk events, market data, a live event stream, metrics.

Authentication: \`Authorization: Bearer <API key>\` on every mutating route, and on read routes unless the
server runs with \`API_READS_PUBLIC=true\`. Errors always have the shape \`{ "error": { "code", "message", "fields"? } }\`.`;

/**
 * The OpenAPI 3.1 document of `routes`, generated from the zod schemas the routes validate with.
 *
 * @param readsPublic whether read routes are open (then they document no 401)
 */
export function buildOpenApiDocument(routes: readonly Route[], options: { readsPublic: boolean; version: string }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'The API key (API_KEY, or the key generated into DATA_DIR/api-key).',
  });
  for (const route of routes) {
    const secured = route.access === 'write' || (route.access === 'read' && !options.readsPublic);
    const responses = Object.fromEntries(
      documentedStatuses(route, options.readsPublic).map((status) => {
        if (status === route.success.status) {
          const { schema, contentType = 'application/json', description } = route.success;
          return [String(status), { description, ...(schema ? { content: { [contentType]: { schema } } } : {}) }];
        }
        const other = route.otherAnswers?.[status];
        if (other)
          return [
            String(status),
            { description: other.description, content: { 'application/json': { schema: other.schema } } },
          ];
        const description = ERROR_DESCRIPTIONS[status] ?? 'Error.';
        return [String(status), { description, content: { 'application/json': { schema: errorSchema } } }];
      }),
    );
    registry.registerPath({
      method: route.method,
      path: openApiPath(route.path),
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      security: secured ? [{ bearerAuth: [] }] : [],
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(route.headers ? { headers: route.headers } : {}),
        ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'AI trading desk API', version: options.version, description: DESCRIPTION },
  });
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
