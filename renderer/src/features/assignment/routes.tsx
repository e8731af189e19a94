import type { FeatureRoutes, NavEntry } from '../../router/route-types';
import { AssignmentPage } from './AssignmentPage';

const ASSIGNMENT_NAV: NavEntry = { path: '/assignment', label: '分配', title: '管户分配', ready: true };

export const assignmentRoutes: FeatureRoutes = {
  nav: [ASSIGNMENT_NAV],
  match: (path) => (path === ASSIGNMENT_NAV.path ? { nav: ASSIGNMENT_NAV, title: ASSIGNMENT_NAV.title, page: <AssignmentPage /> } : undefined),
};
