import { useState, type FormEvent } from 'react';
import { Button, Group, List, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/AnchorLink';
import { PhaseBadge } from '../../components/PhaseBadge';
import { ErrorMessage } from '../../layout/RouteStates';
import { useSession } from '../../session/session';
import { mayReadLearnerNames } from './access';
import { idSearchQuery, nameSearchQuery, type StreamHit } from './queries';
import { ID_PATTERN } from './streams';

const route = getRouteApi('/app/audit');

/** Where a hit leads: the object's own page where there is one, else the stream page. */
function HitLink({ hit }: { hit: StreamHit }) {
  const { t } = useTranslation('audit');
  const label = t('search.hit', { category: t(`category.${hit.category}`), id: hit.id });
  switch (hit.category) {
    case 'mobilities':
      return (
        <AnchorLink to="/app/mobilities/$mobilityId" params={{ mobilityId: hit.id }}>
          {label}
        </AnchorLink>
      );
    case 'partnerships':
      return (
        <AnchorLink to="/app/partnerships/$partnershipId" params={{ partnershipId: hit.id }}>
          {label}
        </AnchorLink>
      );
    case 'calls':
      return (
        <AnchorLink to="/app/calls/$callId" params={{ callId: hit.id }}>
          {label}
        </AnchorLink>
      );
    default:
      return (
        <AnchorLink
          to="/app/audit/streams/$category/$id"
          params={{ category: hit.category, id: hit.id }}
        >
          {label}
        </AnchorLink>
      );
  }
}

/**
 * One box: an id of any stream in scope (mobility, partnership, call, institution, learner), or —
 * for roles that may read names — a learner's name. The text is in the URL (`?q=`).
 */
export function StreamSearch() {
  const { t } = useTranslation('audit');
  const session = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [text, setText] = useState(search.q ?? '');
  const q = search.q;
  const isId = q !== undefined && ID_PATTERN.test(q);
  const byName = q !== undefined && mayReadLearnerNames(session);
  const ids = useQuery({ ...idSearchQuery(q ?? ''), enabled: isId });
  const names = useQuery(nameSearchQuery(q ?? '', byName));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    void navigate({ search: (s) => ({ ...s, q: value || undefined }), replace: true });
  };

  const pending = (isId && ids.isPending) || (byName && names.isPending);
  const hits = (isId ? (ids.data ?? []) : []).length + (byName ? (names.data ?? []).length : 0);

  return (
    <section aria-labelledby="audit-search">
      <Title order={2} id="audit-search">
        {t('search.title')}
      </Title>
      <Text size="sm" mb="xs">
        {mayReadLearnerNames(session) ? t('search.introNames') : t('search.intro')}
      </Text>
      <form role="search" onSubmit={submit} aria-labelledby="audit-search">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('search.label')}
            name="q"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={{ base: '100%', xs: 320 }}
          />
          <Button type="submit">{t('search.submit')}</Button>
        </Group>
      </form>
      {q !== undefined && (
        <div data-testid="search-results" aria-live="polite">
          <Title order={3} mt="md" size="h4">
            {t('search.results', { q })}
          </Title>
          {ids.isError && <ErrorMessage error={ids.error} onRetry={() => void ids.refetch()} />}
          {names.isError && (
            <ErrorMessage error={names.error} onRetry={() => void names.refetch()} />
          )}
          {pending ? (
            <Text>{t('common:app.loading')}</Text>
          ) : hits === 0 ? (
            <Text>{t('search.none')}</Text>
          ) : (
            <List spacing={4}>
              {isId &&
                (ids.data ?? []).map((hit) => (
                  <List.Item key={`${hit.category}/${hit.id}`}>
                    <HitLink hit={hit} />
                    {' · '}
                    <AnchorLink
                      to="/app/audit/streams/$category/$id"
                      params={{ category: hit.category, id: hit.id }}
                    >
                      {t('search.history')}
                    </AnchorLink>
                  </List.Item>
                ))}
              {byName &&
                (names.data ?? []).map((row) => (
                  <List.Item key={`name/${row.mobilityId}`}>
                    <AnchorLink
                      to="/app/mobilities/$mobilityId"
                      params={{ mobilityId: row.mobilityId }}
                    >
                      {t('search.mobilityOf', {
                        name: row.learnerName ?? t('common:notDisclosed'),
                        id: row.mobilityId,
                      })}
                    </AnchorLink>{' '}
                    <PhaseBadge phase={row.phase} />
                  </List.Item>
                ))}
            </List>
          )}
        </div>
      )}
    </section>
  );
}
