export { resolveLocations, resolveSubscriptions } from './resolve-subscriptions.ts';
