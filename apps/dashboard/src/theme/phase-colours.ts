import type { Phase } from '../api/types';

/**
 * One colour per phase (badges, the overview's bars), each dark enough for white text at ≥ 4.5:1
 * (WCAG 2.2 AA; the unit test checks every pair). The phase's name is always written next to or on
 * the colour: colour is never the only signal.
 */
export const PHASE_COLOURS: Record<Phase, string> = {
  preparation: '#495057',
  'awaiting-signatures': '#a33b00',
  'agreement-declined': '#b02525',
  'ready-to-start': '#1864ab',
  'under-way': '#5f3dc4',
  'awaiting-assessment': '#862e9c',
  'awaiting-validation': '#a61e4d',
  'awaiting-recognition': '#0b7285',
  recognised: '#2b7a3b',
  completed: '#1b5e20',
  cancelled: '#343a40',
};

export const PHASE_TEXT = '#ffffff';
