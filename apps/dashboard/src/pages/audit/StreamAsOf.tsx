import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Text, TextInput, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/AnchorLink';
import { useFormat } from '../../format/useFormat';
import { endOfDay, isEndOfDay, localDay, today } from '../mobility/as-of';
import type { StreamCategory } from './streams';

const route = getRouteApi('/app/audit/streams/$category/$id');

/** "As it stood on…": a date puts `?asOf=<end of that day>` in the URL; a banner says which. */
export function StreamAsOf({ category, id }: { category: StreamCategory; id: string }) {
  const { t } = useTranslation('audit');
  const f = useFormat();
  const { asOf, asOfVersion } = route.useSearch();
  const navigate = route.useNavigate();
  const [day, setDay] = useState(asOf ? (localDay(asOf) ?? '') : '');
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const instant = endOfDay(day);
    setInvalid(instant === undefined);
    if (instant) void navigate({ search: { asOf: instant } });
  };

  const when =
    asOf === undefined
      ? undefined
      : isEndOfDay(asOf)
        ? f.day(localDay(asOf) ?? asOf)
        : f.instant(asOf);

  return (
    <section aria-labelledby="stream-as-of">
      <Title order={2} id="stream-as-of">
        {t('stream.asOf.title')}
      </Title>
      {(asOf !== undefined || asOfVersion !== undefined) && (
        <Alert
          data-testid="as-of-banner"
          color="violet"
          variant="outline"
          my="sm"
          title={
            when !== undefined
              ? t('stream.asOf.banner', { date: when })
              : t('stream.asOf.bannerVersion', { version: asOfVersion })
          }
        >
          <AnchorLink to="/app/audit/streams/$category/$id" params={{ category, id }} search={{}}>
            {t('stream.asOf.backToNow')}
          </AnchorLink>
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            type="date"
            label={t('stream.asOf.label')}
            description={t('stream.asOf.description')}
            value={day}
            max={today()}
            onChange={(e) => setDay(e.currentTarget.value)}
            error={invalid ? t('stream.asOf.invalid') : undefined}
            name="asOf"
          />
          <Button type="submit" variant="outline">
            {t('stream.asOf.show')}
          </Button>
        </Group>
      </form>
      <Text size="sm" mt="xs">
        {t('stream.asOf.versionHint')}
      </Text>
    </section>
  );
}
