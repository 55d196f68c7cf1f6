import { Suspense } from 'react';
import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LiveUpdates } from '../live/LiveUpdates';
import { useSession } from '../session/session';
import { AccountMenu } from './AccountMenu';
import { LanguageSwitch } from './LanguageSwitch';
import { MainNav } from './MainNav';
import { RoutePending } from './RouteStates';
import classes from './AppLayout.module.css';

/**
 * The frame of every screen: a skip link, the header (product, navigation, language, account),
 * and <main>. Below the `sm` breakpoint the navigation folds into a burger menu (usable at 360 px).
 */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // Mantine's `sm` breakpoint: from there on the header's navigation shows and the menu is gone.
  const wide = useMediaQuery('(min-width: 48em)');
  const menuOpen = opened && !wide;
  const session = useSession();

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 260, breakpoint: 'sm', collapsed: { desktop: true, mobile: !menuOpen } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" gap="sm" wrap="nowrap" justify="space-between">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
                aria-expanded={opened}
                aria-controls={opened ? 'mobile-nav' : undefined}
              />
              <Link to="/" className={classes.brand}>
                {t('app.name')}
              </Link>
              <MainNav className={classes.desktopNav} visibleFrom="sm" />
            </Group>
            <Group gap="sm" wrap="nowrap">
              <LanguageSwitch />
              {session && <AccountMenu session={session} visibleFrom="md" />}
            </Group>
          </Group>
        </AppShell.Header>

        {menuOpen && (
          // Only while open (below `sm`): a collapsed navbar would leave invisible, focusable links.
          <AppShell.Navbar p="md" id="mobile-nav" aria-label={t('nav.label')}>
            <MainNav vertical landmark={false} onNavigate={close} />
            {session && (
              <>
                <Text size="sm" mt="lg">
                  {t('account.signedInAs', { name: session.name, role: t(`role.${session.role}`) })}
                </Text>
                <AccountMenu session={session} hiddenFrom="md" signOutOnly />
              </>
            )}
          </AppShell.Navbar>
        )}

        <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
          <Suspense fallback={<RoutePending />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
      {session && <LiveUpdates />}
    </>
  );
}
