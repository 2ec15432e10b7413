export {
  type Catalogue,
  type CatalogueRoute,
  type CategoryLang,
  type LabelOptions,
  localNames,
  type RouteNames,
  routeCategories,
  routeCategoryLabel,
  type TranslationLang,
} from './catalogue.ts';
export { type CatalogueCache, openCatalogueCache } from './catalogue-cache.ts';
export { CATEGORY_KEYS, categoryKeyOf, categoryLabel, primaryCategory } from './category-labels.ts';
export { checkInstance, type InstanceCheck, type RouteCheck } from './check-instance.ts';
export { findRoute, normalizeRoutePath, searchRoutes } from './find-route.ts';
export {
  type CooldownPolicy,
  type InstanceHealth,
  type InstanceHealthStore,
  type InstanceOutcome,
  isCooling,
  nextHealth,
  openInstanceHealthStore,
} from './instance-health.ts';
export {
  describeCooldown,
  type InstanceHealthOptions,
  type InstanceLimit,
  instanceHealthFetcher,
  instanceHealthOptionsOf,
} from './instance-health-fetcher.ts';
export {
  instanceLabel,
  instanceSecrets,
  instanceUrl,
  type RsshubInstance,
  redactOutgoing,
  redactSecrets,
  redactUrl,
  toInstances,
} from './instances.ts';
export {
  type CatalogueLoad,
  type CatalogueSources,
  loadCatalogue,
  requireCatalogue,
} from './load-catalogue.ts';
export { loadRadarRules, type RadarRulesLoad, type RadarRulesSources } from './load-radar-rules.ts';
export { matchRadarRules, type RadarMatch } from './match-radar-rules.ts';
export {
  isRouteTemplate,
  type RadarRule,
  type RadarRules,
  type RadarSite,
  readRadarRules,
} from './radar-rules.ts';
export { type LoadedRadarRules, openRadarRulesCache, type RadarRulesCache } from './radar-rules-cache.ts';
export { readDocsPage } from './read-docs-page.ts';
export { readNamespaceApi } from './read-namespace-api.ts';
export { redactingFetcher } from './redacting-fetcher.ts';
export { type FillResult, fillPattern, hasPlaceholders, matchPattern, patternParams } from './route-path.ts';
export { RSSHUB_QUERY_PARAMETERS, type RsshubQuery, withRouteQuery } from './route-query.ts';
