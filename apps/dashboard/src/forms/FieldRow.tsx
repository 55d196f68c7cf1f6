import { Children, type ReactNode } from 'react';
import { SimpleGrid } from '@mantine/core';

/** Inputs side by side on a wide screen, one under another on a narrow one (360 px). */
export function FieldRow({ children }: { children: ReactNode }) {
  const count = Math.max(1, Children.count(children));
  return (
    <SimpleGrid cols={{ base: 1, sm: Math.min(count, 3) }} spacing="sm">
      {children}
    </SimpleGrid>
  );
}
