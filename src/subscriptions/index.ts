export {
  loadRunCatalogue,
  type PreparedSubscriptions,
  prepareSubscriptions,
} from './prepare-subscriptions.ts';
export {
  needsCatalogue,
  type ResolveOptions,
  resolveLocations,
  resolveSubscriptions,
} from './resolve-subscriptions.ts';
