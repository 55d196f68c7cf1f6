import { Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../layout/RouteStates';
import { formatDay, formatInstant } from '../../format/format';
import { actorOf, describeEvent, type HistoryEntry, type Part } from './timeline';
import type { UnitSnapshot } from './types';
import { localized } from './words';
import classes from './Timeline.module.css';

interface Props {
  entries: HistoryEntry[] | undefined;
  error: unknown;
  units: UnitSnapshot[];
  /** As of a moment: say that the history stops there. */
  cut: boolean;
}

/** The audit trail in words: each event with who did it and when, oldest first. */
export function Timeline({ entries, error, units, cut }: Props) {
  const { t, i18n } = useTranslation(['mobility', 'common']);
  const lng = i18n.language;
  const titles = new Map(units.map((u) => [u.unitId, localized(u.title, lng)]));

  const word = (part: Part): string => {
    if ('text' in part) return part.text;
    if ('term' in part) return t(`mobility:${part.term}`);
    if ('terms' in part) return part.terms.map((term) => t(`mobility:${term}`)).join(', ');
    if ('day' in part) return part.day ? formatDay(part.day, lng) : '—';
    if ('unit' in part) return titles.get(part.unit) ?? part.unit;
    return t('common:notDisclosed');
  };

  const who = (entry: HistoryEntry): string => {
    const actor = actorOf(entry);
    if (actor.kind !== 'person') return t(`mobility:timeline.actor.${actor.kind}`);
    const role = actor.role ? t(`common:role.${actor.role}`, { defaultValue: actor.role }) : '?';
    const name = actor.institutionId
      ? t('mobility:timeline.actor.person', { role, institution: actor.institutionId })
      : t('mobility:timeline.actor.personNoInstitution', { role });
    return actor.id ? `${name} (${actor.id})` : name;
  };

  return (
    <section aria-labelledby="timeline-title">
      <Title order={2} id="timeline-title">
        {t('mobility:timeline.title')}
      </Title>
      <Text size="sm">{cut ? t('mobility:timeline.cut') : t('mobility:timeline.intro')}</Text>
      {error ? (
        <ErrorMessage error={error} />
      ) : !entries ? (
        <Text>{t('common:app.loading')}</Text>
      ) : entries.length === 0 ? (
        <Text>{t('mobility:timeline.empty')}</Text>
      ) : (
        <ol className={classes.list} data-testid="timeline">
          {entries.map((entry) => {
            const { key, values } = describeEvent(entry);
            const words = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, word(v)]));
            return (
              <li key={entry.version} className={classes.item} data-event={entry.type}>
                <Text>{t(`mobility:${key}`, words)}</Text>
                <Text size="sm" c="dimmed" className={classes.actor}>
                  {who(entry)} ·{' '}
                  <time dateTime={entry.recordedAt}>{formatInstant(entry.recordedAt, lng)}</time>
                  {entry.personalDataErased && ` · ${t('mobility:timeline.erased')}`}
                </Text>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
