export * from './dashboard-row';
export * from './dashboard-filter';
export * from './dashboard-list.query';
export * from './dashboard-overview.query';
export * from './read-model-events';
export * from './saved-filters';

import { DashboardListHandler } from './dashboard-list.query';
import { DashboardOverviewHandler } from './dashboard-overview.query';
import { ReadModelEvents } from './read-model-events';
import { SavedFilters } from './saved-filters';

/** The dashboard's query handlers and services (registered by ApplicationModule). */
export const DASHBOARD_PROVIDERS = [
  DashboardOverviewHandler,
  DashboardListHandler,
  SavedFilters,
  ReadModelEvents,
];
export const DASHBOARD_EXPORTS = [SavedFilters, ReadModelEvents];
