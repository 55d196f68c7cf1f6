import { Box, type BoxProps } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { mayExportAuditBundles } from '../pages/audit/access';
import classes from './AppLayout.module.css';

const ITEMS = [
  { to: '/', label: 'nav.overview', exact: true },
  { to: '/app/mobilities', label: 'nav.mobilities', exact: false },
  { to: '/app/partnerships', label: 'nav.partnerships', exact: false },
  { to: '/app/calls', label: 'nav.calls', exact: false },
] as const;

/**
 * "Audits" (/app/audit): for auditors, operators, and the administrators and coordinators who may
 * export audit bundles. Its label is in the `audit` namespace, loaded without suspending the
 * layout (the item appears once the catalogue is there).
 */
function AuditNavItem({ onNavigate }: { onNavigate?: () => void }) {
  const session = useSession();
  const { t, ready } = useTranslation('audit', { useSuspense: false });
  if (!mayExportAuditBundles(session) || !ready) return null;
  return (
    <li>
      <Link
        to="/app/audit"
        className={classes.navLink}
        activeOptions={{ exact: false, includeSearch: false }}
        activeProps={{ 'aria-current': 'page' }}
        onClick={onNavigate}
      >
        {t('nav')}
      </Link>
    </li>
  );
}

interface Props extends BoxProps {
  vertical?: boolean;
  onNavigate?: () => void;
  /** false: the links only, inside a landmark that the caller provides (the mobile navbar). */
  landmark?: boolean;
}

/** The main navigation (a <nav> landmark); the current page's link has aria-current="page". */
export function MainNav({ vertical = false, onNavigate, landmark = true, ...box }: Props) {
  const { t } = useTranslation();
  return (
    <Box
      component={landmark ? 'nav' : 'div'}
      aria-label={landmark ? t('nav.label') : undefined}
      {...box}
    >
      <ul className={`${classes.navList} ${vertical ? classes.navListVertical : ''}`}>
        {ITEMS.map((item) => (
          <li key={item.to}>
            <Link
              to={item.to}
              className={classes.navLink}
              activeOptions={{ exact: item.exact, includeSearch: false }}
              activeProps={{ 'aria-current': 'page' }}
              onClick={onNavigate}
            >
              {t(item.label)}
            </Link>
          </li>
        ))}
        <AuditNavItem onNavigate={onNavigate} />
      </ul>
    </Box>
  );
}
