import { useSyncExternalStore } from 'react';
import { CloseButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Success notices of the actions: a small store and the live region that shows them. */
interface Notice {
  id: number;
  message: string;
}

let notices: Notice[] = [];
let next = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

export function notify(message: string): void {
  const id = next++;
  notices = [...notices.slice(-2), { id, message }];
  emit();
  // Read by screen readers at once; gone after a while (never the only record: the page updates).
  window.setTimeout(() => dismiss(id), 8000);
}

export function dismiss(id: number): void {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Where the notices appear: a polite live region (role="status"). */
export function ActionNotices() {
  const { t } = useTranslation('actions');
  const current = useSyncExternalStore(subscribe, () => notices);
  return (
    <Stack role="status" aria-live="polite" gap="xs">
      {current.map((notice) => (
        <Paper
          key={notice.id}
          withBorder
          p="sm"
          style={{ borderLeft: '4px solid #1b5e20' }}
          data-testid="action-notice"
        >
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Text fw={600} size="sm">
                {t('done')}
              </Text>
              <Text size="sm">{notice.message}</Text>
            </div>
            <CloseButton aria-label={t('dismiss')} onClick={() => dismiss(notice.id)} />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
