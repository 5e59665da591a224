import { Grid, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectNode } from '../../../shared/api/nodes';

// A plain Gantt-like chart: per node, the planned phase (from the previous node's planned date)
// and the actual phase (from the previous actual date), an overdue tail up to today, and a today
// line. Dates are YYYY-MM-DD; positions are percentages of the span, so it scales with the card.

const DAY = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const COLORS = { planned: '#9db8d9', actual: '#52a447', late: '#d4380d', overdue: '#ff7875', today: '#1f5fa8' };

function monthTicks(from: number, to: number, locale: string): { at: number; label: string }[] {
  const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const ticks: { at: number; label: string }[] = [];
  const d = new Date(from);
  let cursor = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  const months = (to - from) / (30 * DAY);
  const step = months > 24 ? 6 : months > 12 ? 3 : months > 6 ? 2 : 1;
  while (cursor <= to) {
    const c = new Date(cursor);
    if (c.getUTCMonth() % step === 0) ticks.push({ at: cursor, label: c.getUTCMonth() === 0 ? `${c.getUTCFullYear()}` : month.format(c) });
    cursor = Date.UTC(c.getUTCFullYear(), c.getUTCMonth() + 1, 1);
  }
  return ticks;
}

interface Bar {
  from: number;
  to: number;
  color: string;
  dashed?: boolean;
  title: string;
}

export function NodesGantt({ nodes, startDate, today }: { nodes: ProjectNode[]; startDate: string | null; today: string }) {
  const { t, i18n } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const dated = nodes.filter((n) => n.plannedDate || n.actualDate);
  if (dated.length === 0) return null;

  const all = [today, ...(startDate ? [startDate] : []), ...nodes.flatMap((n) => [n.plannedDate, n.actualDate].filter((d): d is string => Boolean(d)))].map(toMs);
  const min = Math.min(...all) - 7 * DAY;
  const max = Math.max(...all) + 14 * DAY;
  const pct = (ms: number) => `${(((ms - min) / (max - min)) * 100).toFixed(2)}%`;
  const width = (a: number, b: number) => `${Math.max(((b - a) / (max - min)) * 100, 0.6).toFixed(2)}%`;
  const todayMs = toMs(today);

  let prevPlanned = startDate ? toMs(startDate) : null;
  let prevActual = startDate ? toMs(startDate) : null;
  const rows = nodes.map((n) => {
    const bars: Bar[] = [];
    const planned = n.plannedDate ? toMs(n.plannedDate) : null;
    const actual = n.actualDate ? toMs(n.actualDate) : null;
    if (planned !== null) {
      bars.push({ from: Math.min(prevPlanned ?? planned, planned), to: planned, color: COLORS.planned, title: `${t('projectDetail.plannedShort')} ${n.plannedDate}` });
    }
    if (actual !== null) {
      const isLate = planned !== null && actual > planned;
      bars.push({ from: Math.min(prevActual ?? actual, actual), to: actual, color: isLate ? COLORS.late : COLORS.actual, title: `${t('projectDetail.actualShort')} ${n.actualDate}` });
    } else if (n.isOverdue && planned !== null) {
      bars.push({ from: planned, to: todayMs, color: COLORS.overdue, dashed: true, title: t('projectDetail.overdueDays', { count: n.daysOverdue ?? 0 }) });
    }
    if (planned !== null) prevPlanned = planned;
    if (actual !== null) prevActual = actual;
    return { node: n, bars, planned, actual };
  });

  const labelWidth = isPhone ? 76 : 130;
  const legend = [
    { color: COLORS.planned, text: t('projectDetail.legendPlanned') },
    { color: COLORS.actual, text: t('projectDetail.legendActual') },
    { color: COLORS.late, text: t('projectDetail.legendLate') },
    { color: COLORS.overdue, text: t('projectDetail.legendOverdue') },
  ];

  return (
    <figure style={{ margin: '0 0 16px' }} aria-label={t('projectDetail.ganttTitle')}>
      <div style={{ display: 'flex', fontSize: 12, color: '#8c8c8c', marginBottom: 4 }}>
        <div style={{ width: labelWidth, flex: 'none' }} />
        <div style={{ position: 'relative', flex: 1, height: 18 }}>
          {monthTicks(min, max, i18n.language).map((tick) => (
            <span key={tick.at} style={{ position: 'absolute', left: pct(tick.at), transform: 'translateX(-50%)', whiteSpace: 'nowrap' }}>
              {tick.label}
            </span>
          ))}
        </div>
      </div>
      <div style={{ position: 'relative' }}>
        {rows.map(({ node, bars, planned, actual }) => (
          <div key={node.id} style={{ display: 'flex', alignItems: 'center', height: 26, borderTop: '1px solid #f0f0f0' }}>
            <div
              style={{ width: labelWidth, flex: 'none', paddingRight: 8, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: 13 }}
              title={node.name}
            >
              <Typography.Text type={node.isOverdue ? 'danger' : undefined}>{node.name}</Typography.Text>
            </div>
            <div style={{ position: 'relative', flex: 1, height: '100%' }}>
              {bars.map((b, i) => (
                <div
                  key={i}
                  title={b.title}
                  style={{
                    position: 'absolute',
                    left: pct(b.from),
                    width: width(b.from, b.to),
                    top: i === 0 ? 5 : 14,
                    height: 7,
                    borderRadius: 2,
                    background: b.dashed ? `repeating-linear-gradient(45deg, ${b.color}, ${b.color} 4px, #fff1f0 4px, #fff1f0 7px)` : b.color,
                  }}
                />
              ))}
              {planned !== null && <Marker at={pct(planned)} color="#5b7fb0" hollow title={`${t('projectDetail.plannedShort')} ${node.plannedDate}`} />}
              {actual !== null && <Marker at={pct(actual)} color={planned !== null && actual > planned ? COLORS.late : COLORS.actual} title={`${t('projectDetail.actualShort')} ${node.actualDate}`} />}
            </div>
          </div>
        ))}
        <div
          title={`${t('projectDetail.today')} ${today}`}
          style={{
            position: 'absolute',
            top: -4,
            bottom: 0,
            left: `calc(${labelWidth}px + (100% - ${labelWidth}px) * ${((todayMs - min) / (max - min)).toFixed(4)})`,
            borderLeft: `2px solid ${COLORS.today}`,
          }}
        />
      </div>
      <figcaption style={{ marginTop: 8 }}>
        <Space size={16} wrap style={{ fontSize: 12, color: '#595959' }}>
          {legend.map((l) => (
            <span key={l.text}>
              <span style={{ display: 'inline-block', width: 14, height: 7, background: l.color, borderRadius: 2, marginRight: 4, verticalAlign: 'middle' }} />
              {l.text}
            </span>
          ))}
          <span>
            <span style={{ display: 'inline-block', width: 2, height: 12, background: COLORS.today, marginRight: 4, verticalAlign: 'middle' }} />
            {t('projectDetail.todayLine', { date: today })}
          </span>
        </Space>
      </figcaption>
    </figure>
  );
}

function Marker({ at, color, hollow, title }: { at: string; color: string; hollow?: boolean; title: string }) {
  return (
    <div
      title={title}
      style={{
        position: 'absolute',
        left: at,
        top: 8,
        width: 9,
        height: 9,
        marginLeft: -4.5,
        transform: 'rotate(45deg)',
        border: `2px solid ${color}`,
        background: hollow ? '#fff' : color,
      }}
    />
  );
}
