import type { ReactNode } from 'react';
import classes from './ScrollTable.module.css';

/**
 * A wide table that scrolls sideways on a narrow screen: a named region that takes the keyboard
 * focus, so that it can be scrolled with the arrow keys too (WCAG 2.1.1; axe
 * "scrollable-region-focusable").
 */
export function ScrollTable({
  label,
  minWidth,
  children,
}: {
  label: string;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    <div className={classes.scroll} role="region" aria-label={label} tabIndex={0}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
