import { useState } from 'react';
import { Button, Group, Text, type GroupProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Session } from '../session/session';

interface Props extends GroupProps {
  session: Session;
  /** Only the button (the mobile menu shows the account above it). */
  signOutOnly?: boolean;
}

/** Who is signed in, in which role, and signing out (POST /auth/sign-out, then the sign-in). */
export function AccountMenu({ session, signOutOnly = false, ...group }: Props) {
  const { t, i18n } = useTranslation();
  const [leaving, setLeaving] = useState(false);

  const signOut = async () => {
    setLeaving(true);
    try {
      await api.post('/auth/sign-out');
    } finally {
      window.location.assign(
        `/auth/sign-in?returnTo=${encodeURIComponent('/')}&lang=${i18n.language}`,
      );
    }
  };

  return (
    <Group gap="sm" wrap="nowrap" {...group}>
      {!signOutOnly && (
        <Text size="sm" data-testid="account">
          {t('account.signedInAs', { name: session.name, role: t(`role.${session.role}`) })}
        </Text>
      )}
      <Button variant="outline" size="xs" loading={leaving} onClick={() => void signOut()}>
        {t('account.signOut')}
      </Button>
    </Group>
  );
}
