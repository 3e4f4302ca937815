import { z } from 'zod';

/**
 * Checks answers against the API's own OpenAPI document: the status must be documented for the
 * operation, and a JSON body must validate against the documented schema (zod's JSON Schema reader,
 * with the document's components as `$defs`).
 */
type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

/** The path templates of a document as regular expressions; the most literal match wins. */
function templateMatcher(templates: readonly string[]) {
  const compiled = templates.map((t) => ({
    template: t,
    regex: new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    literals: t.split('/').filter((s) => s && !s.startsWith('{')).length,
  }));
  return (path: string): string | undefined =>
    compiled.filter((c) => c.regex.test(path)).sort((a, b) => b.literals - a.literals)[0]?.template;
}

export class OpenApiCheck {
  private readonly match: (path: string) => string | undefined;
  private readonly validators = new Map<string, z.ZodType>();
  /** Every (method, template, status) seen, to show which documented answers the tests reached. */
  readonly seen = new Set<string>();

  constructor(readonly document: Document) {
    this.match = templateMatcher(Object.keys(document.paths));
  }

  /** The operation `method path` belongs to, or undefined. */
  operation(method: string, url: string): { template: string; operation: Operation } | undefined {
    const path = new URL(url, 'http://x').pathname;
    const template = this.match(path);
    const operation = template ? this.document.paths[template]?.[method.toLowerCase()] : undefined;
    return template && operation ? { template, operation } : undefined;
  }

  /** What is wrong with this answer, by the document (an empty list: nothing). */
  problems(method: string, url: string, status: number, contentType: string | undefined, body: unknown): string[] {
    const found = this.operation(method, url);
    if (!found) return status === 404 ? [] : [`${method} ${url}: no such operation in the document`];
    this.seen.add(`${method.toUpperCase()} ${found.template} ${status}`);
    const response = found.operation.responses[String(status)];
    if (!response) return [`${method} ${found.template}: status ${status} is not documented`];
    const json = contentType?.startsWith('application/json');
    const schema = response.content?.['application/json']?.schema;
    if (!json || schema === undefined) return [];
    const parsed = this.validator(`${found.template} ${method} ${status}`, schema).safeParse(body);
    return parsed.success
      ? []
      : parsed.error.issues.map((i) => `${method} ${found.template} ${status}: ${i.path.join('.')}: ${i.message}`);
  }

  private validator(key: string, schema: unknown): z.ZodType {
    let validator = this.validators.get(key);
    if (!validator) {
      const root = JSON.parse(
        JSON.stringify({
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          ...(schema as object),
          $defs: this.document.components?.schemas ?? {},
        }).replaceAll('#/components/schemas/', '#/$defs/'),
      );
      validator = z.fromJSONSchema(root);
      this.validators.set(key, validator);
    }
    return validator;
  }
}
