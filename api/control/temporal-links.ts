/**
 * The page of a workflow execution in the Temporal Web UI:
 * `<ui>/namespaces/<namespace>/workflows/<workflowId>/<runId>` (without a run id, the UI shows the latest
 * run). Null when no UI URL is known (an external Temporal without TEMPORAL_UI_URL).
 */
export function workflowUrl(
  uiUrl: string | undefined,
  namespace: string,
  workflowId: string,
  runId: string | null,
): string | null {
  if (!uiUrl) return null;
  const base = `${uiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}` : base;
}
