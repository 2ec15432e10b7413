export { type ItemRecord, openStore, type Store, type StoredFeed, type StoredItem } from './open-store.ts';
