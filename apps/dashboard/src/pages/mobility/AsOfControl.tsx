import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Text, TextInput } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDay, formatInstant } from '../../format/format';
import { endOfDay, isEndOfDay, localDay, today } from './as-of';

interface Props {
  mobilityId: string;
  asOf?: string;
  asOfVersion?: number;
}

/**
 * "Show as it stood on…": a date puts `?asOf=<end of that day>` in the URL; the banner says which
 * moment the page shows, with a link back to now.
 */
export function AsOfControl({ mobilityId, asOf, asOfVersion }: Props) {
  const { t, i18n } = useTranslation('mobility');
  const navigate = useNavigate();
  const [day, setDay] = useState(asOf ? (localDay(asOf) ?? '') : '');
  const [invalid, setInvalid] = useState(false);
  const lng = i18n.language;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const instant = endOfDay(day);
    setInvalid(instant === undefined);
    if (instant)
      void navigate({
        to: '/app/mobilities/$mobilityId',
        params: { mobilityId },
        search: { asOf: instant },
      });
  };

  const when =
    asOf === undefined
      ? undefined
      : isEndOfDay(asOf)
        ? formatDay(localDay(asOf) ?? asOf, lng)
        : formatInstant(asOf, lng);

  return (
    <section aria-labelledby="as-of-title">
      <Text component="h2" id="as-of-title" className="visually-hidden">
        {t('asOf.title')}
      </Text>
      {(asOf !== undefined || asOfVersion !== undefined) && (
        <Alert
          data-testid="as-of-banner"
          color="violet"
          variant="light"
          mb="sm"
          title={
            when !== undefined
              ? t('asOf.banner', { date: when })
              : t('asOf.bannerVersion', { version: asOfVersion })
          }
        >
          <Text size="sm">{t('asOf.readOnly')}</Text>
          <Link to="/app/mobilities/$mobilityId" params={{ mobilityId }} search={{}}>
            {t('asOf.backToNow')}
          </Link>
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            type="date"
            label={t('asOf.label')}
            description={t('asOf.description')}
            value={day}
            max={today()}
            onChange={(e) => setDay(e.currentTarget.value)}
            error={invalid ? t('asOf.invalid') : undefined}
            name="asOf"
          />
          <Button type="submit" variant="outline">
            {t('asOf.show')}
          </Button>
        </Group>
      </form>
    </section>
  );
}
