export { openStore, type Store } from './open-store.ts';
export type {
  ItemRecord,
  PendingChange,
  SiteItem,
  StoredFeed,
  StoredItem,
  SuccessUpdate,
} from './store-records.ts';
