import { Paper, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PHASES, type Phase } from '../../api/types';
import { AnchorLink } from '../../components/AnchorLink';
import { useFormat } from '../../format/useFormat';
import { PHASE_COLOURS } from '../../theme/phase-colours';
import classes from './overview.module.css';

/**
 * Mobilities by phase: one bar split by phase (the EWP dashboard's colour bars; decorative — the
 * list under it carries the same figures in words), then each phase's count as a link.
 */
export function PhaseSection({ phases, total }: { phases: Record<Phase, number>; total: number }) {
  const { t } = useTranslation('overview');
  const f = useFormat();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="phases-title">
      <Title order={2} id="phases-title" size="h3">
        {t('byPhase.title')}
      </Title>
      {total > 0 && (
        <div className={classes.phaseBar} aria-hidden="true">
          {PHASES.filter((phase) => phases[phase] > 0).map((phase) => (
            <div
              key={phase}
              className={classes.phaseSegment}
              style={{
                flexGrow: phases[phase],
                backgroundColor: PHASE_COLOURS[phase],
              }}
            />
          ))}
        </div>
      )}
      <ul className={classes.phaseList}>
        {PHASES.map((phase) => (
          <li key={phase} className={classes.phaseItem}>
            <span
              className={classes.swatch}
              style={{ backgroundColor: PHASE_COLOURS[phase] }}
              aria-hidden="true"
            />
            <AnchorLink to="/app/mobilities" search={{ phase: [phase] }}>
              <span>{t(`common:phase.${phase}`)}</span>{' '}
              <span data-testid={`count-phase-${phase}`} className={classes.count}>
                {f.number(phases[phase] ?? 0)}
              </span>
            </AnchorLink>
          </li>
        ))}
      </ul>
    </Paper>
  );
}
