import { isMap, isSeq, parseDocument } from 'yaml';

/** Which parts of the GitHub Actions workflow template a site gets. */
export interface WorkflowOptions {
  /** Keep the RSSHub service container, its health wait and FEEDMILL_RSSHUB_INSTANCES. */
  rsshubService: boolean;
}

/** The id of the workflow step that waits for the RSSHub service. */
export const RSSHUB_WAIT_STEP_ID = 'rsshub-ready';

/**
 * The site's workflow from the template, which carries the RSSHub service parts: without
 * `rsshubService` they are removed (with their comments), everything else stays as written.
 */
export function workflowFor(template: string, options: WorkflowOptions): string {
  if (options.rsshubService) return template;
  const document = parseDocument(template);
  document.deleteIn(['jobs', 'build', 'services']);
  document.deleteIn(['jobs', 'build', 'env', 'FEEDMILL_RSSHUB_INSTANCES']);
  const env = document.getIn(['jobs', 'build', 'env']);
  if (isMap(env) && env.items.length === 0) document.deleteIn(['jobs', 'build', 'env']);
  const steps = document.getIn(['jobs', 'build', 'steps']);
  if (isSeq(steps)) {
    const index = steps.items.findIndex((step) => isMap(step) && step.get('id') === RSSHUB_WAIT_STEP_ID);
    if (index >= 0) steps.delete(index);
  }
  return document.toString({ lineWidth: 0 });
}
