import type { FormEvent, ReactNode } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The submit button's words (the action's name). */
  submit: string;
  onSubmit: () => void;
  pending: boolean;
  /** The problem in words (fields the API named show their own error). */
  error?: string;
  /** A sentence before the fields: what the action does. */
  intro?: string;
  children?: ReactNode;
}

/** The frame of every action form: intro, fields, the problem (role="alert"), the submit button. */
export function ActionForm({ submit, onSubmit, pending, error, intro, children }: Props) {
  const { t } = useTranslation('actions');
  const handle = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={handle} noValidate>
      <Stack gap="sm">
        {intro && <Text size="sm">{intro}</Text>}
        {children}
        {error && (
          <Alert color="red" variant="light" role="alert" title={t('failed')}>
            {error}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={pending}>
            {submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
