import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
} from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { queryClient } from './api/query-client';
import { AppLayout } from './layout/AppLayout';
import { NotFound, RouteError, RoutePending } from './layout/RouteStates';
import { parseSearchParams, stringifySearchParams } from './router-search';
import { validateMobilitiesSearch } from './pages/mobilities/search';
import { validateMobilitySearch } from './pages/mobility/search';
import { validatePartnershipsSearch } from './pages/partnerships/search';
import { validateCallsSearch } from './pages/calls/search';
import { validateAuditSearch, validateStreamSearch } from './pages/audit/search';

export interface RouterContext {
  queryClient: QueryClient;
}

// Routes in code; each page is its own chunk (lazyRouteComponent), so the first load carries only
// the shell. Search params are validated per route (the validators are small pure modules).

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: AppLayout,
  notFoundComponent: NotFound,
});

const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./pages/overview/OverviewPage')),
});

const mobilitiesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app/mobilities',
  validateSearch: validateMobilitiesSearch,
  component: lazyRouteComponent(() => import('./pages/mobilities/MobilitiesPage')),
});

const mobilityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app/mobilities/$mobilityId',
  validateSearch: validateMobilitySearch,
  component: lazyRouteComponent(() => import('./pages/mobility/MobilityPage')),
});

const partnershipsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app/partnerships',
  validateSearch: validatePartnershipsSearch,
  component: lazyRouteComponent(() => import('./pages/partnerships/PartnershipsPage')),
});

const partnershipRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app/partnerships/$partnershipId',
  component: lazyRouteComponent(() => import('./pages/partnerships/PartnershipPage')),
});

const callsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app/calls',
  validateSearch: validateCallsSearch,
  component: lazyRouteComponent(() => import('./pages/calls/CallsPage')),
});

const callRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app/calls/$callId',
  component: lazyRouteComponent(() => import('./pages/calls/CallPage')),
});

const learnerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app/learners/$learnerId',
  component: lazyRouteComponent(() => import('./pages/learners/LearnerPage')),
});

const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app/audit',
  validateSearch: validateAuditSearch,
  component: lazyRouteComponent(() => import('./pages/audit/AuditPage')),
});

const auditStreamRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app/audit/streams/$category/$id',
  validateSearch: validateStreamSearch,
  component: lazyRouteComponent(() => import('./pages/audit/StreamPage')),
});

const routeTree = rootRoute.addChildren([
  overviewRoute,
  mobilitiesRoute,
  mobilityRoute,
  partnershipsRoute,
  partnershipRoute,
  callsRoute,
  callRoute,
  learnerRoute,
  auditRoute,
  auditStreamRoute,
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  parseSearch: parseSearchParams,
  stringifySearch: stringifySearchParams,
  defaultPreload: 'intent',
  defaultPreloadStaleTime: 0,
  defaultPendingComponent: RoutePending,
  defaultErrorComponent: RouteError,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
