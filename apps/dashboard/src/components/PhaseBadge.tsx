import { useTranslation } from 'react-i18next';
import type { Phase } from '../api/types';
import { PHASE_COLOURS } from '../theme/phase-colours';

/** A phase as a coloured badge with its name (white on a dark colour, ≥ 4.5:1). */
export function PhaseBadge({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  return (
    <span className="phase-badge" style={{ backgroundColor: PHASE_COLOURS[phase] }}>
      {t(`phase.${phase}`)}
    </span>
  );
}
