import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMonth } from '../../format/format';

interface Props {
  data: { month: string; count: number }[];
  /** Says what the chart shows and that the table below has the figures. */
  label: string;
  lng: string;
}

/**
 * Mobilities per planned start month as bars (its own lazy chunk: Recharts). A picture for sighted
 * readers: role="img" with a label; the figures and the links are in MonthTable under it.
 */
export default function MonthChart({ data, label, lng }: Props) {
  const rows = data.map((d) => ({ ...d, label: formatMonth(d.month, lng) }));
  return (
    <div role="img" aria-label={label} style={{ width: '100%', height: 240 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 12, fill: '#343a40' }}
            interval="preserveStartEnd"
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#343a40' }} />
          <Tooltip />
          <Bar dataKey="count" fill="#1971c2" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
