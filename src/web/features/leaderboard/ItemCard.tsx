import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemNote } from '../../../shared/assessment/items';
import type { ItemScore } from '../../../shared/assessment/score';
import { labelLang } from '../../i18n';
import { colon } from '../../i18n/punctuation';
import { useFigureText } from '../dashboard/figure-text';
import { formatCount, formatFigure, formatPercent } from '../dashboard/figures';
import { capOf, findSchemeItem, formatScore, isNegative, itemLimit, metricOf, WARNING_NOTES, type SchemeItem } from './leaderboard-format';
import type { AssessmentScheme } from '../../../shared/assessment/scheme';
import { ExcludedTable, LinesTable, RecordsTable, type Lookup } from './RecordTables';


/** How many records a list stands for: a group counts its records. */
const sizeOf = (refs: readonly { count?: number }[]) => refs.reduce((n, r) => n + (r.count ?? 1), 0);

export function ScoreText({ value, strong }: { value: string | null | undefined; strong?: boolean }) {
  return (
    <Typography.Text strong={strong} type={isNegative(value) ? 'danger' : undefined} className="zs-lb-num">
      {formatScore(value)}
    </Typography.Text>
  );
}

/** 计分方法 in one line, from the scheme's own parameters: "完成率 × 50 分，最高 50 分". */
function useRuleText() {
  const { t } = useTranslation();
  return (item: SchemeItem | undefined): string | null => {
    if (item === undefined) return null;
    const cap = capOf(item);
    const capText = (deduction: boolean) => (cap === null ? '' : t(deduction ? 'leaderboard.formula.deductionSuffix' : 'leaderboard.formula.capSuffix', { cap }));
    switch (item.type) {
      case 'ratio':
        return t('leaderboard.formula.ratio', { points: item.points }) + capText(false);
      case 'count':
        return t('leaderboard.formula.count', { points: item.pointsPerItem }) + capText(false);
      case 'tiers':
        return t('leaderboard.formula.tiers') + capText(false);
      case 'required_counts':
        return t('leaderboard.formula.required_counts', { points: item.penaltyPerMissing }) + capText(true);
      case 'penalty':
        return t('leaderboard.formula.penalty', { points: item.pointsPerOccurrence }) + capText(true);
      case 'base_plus_bonus':
        return t('leaderboard.formula.base_plus_bonus', { base: item.basePoints, step: item.stepPercent, bonus: item.bonusPerStep }) + (cap === null ? '' : t('leaderboard.formula.capSuffix', { cap: itemLimit(item) }));
      case 'manual':
        return t('leaderboard.formula.manual', { points: item.maxPoints });
      case 'composite':
        return t('leaderboard.formula.composite') + capText(false);
    }
  };
}

function ItemNotes({ notes, cap }: { notes: ItemNote[]; cap: string | null }) {
  const { t } = useTranslation();
  const text = (n: ItemNote) => (n === 'capped' && cap !== null ? t('leaderboard.notes.cappedAt', { cap }) : t(`leaderboard.notes.${n}`));
  const warnings = notes.filter((n) => WARNING_NOTES.includes(n));
  const tags = notes.filter((n) => !WARNING_NOTES.includes(n));
  if (notes.length === 0) return null;
  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
      {warnings.map((n) => (
        <Alert key={n} type={n === 'records_incomplete' ? 'error' : 'warning'} showIcon title={text(n)} />
      ))}
      {tags.length > 0 && (
        <div>
          {tags.map((n) => (
            <Tag key={n} color={n === 'capped' ? 'blue' : 'default'}>
              {text(n)}
            </Tag>
          ))}
        </div>
      )}
    </Space>
  );
}

const INPUT_KEYS = ['actual', 'target', 'completion', 'steps', 'bonus', 'projects', 'earned', 'missing', 'occurrences', 'weighted', 'maxPoints', 'by'] as const;
type InputKey = (typeof INPUT_KEYS)[number];
const isInputKey = (k: string): k is InputKey => (INPUT_KEYS as readonly string[]).includes(k);

/** 计算依据: actual, target, 完成率 … in the metric's own unit; required-count bands as sentences. */
function ItemInputs({ score, item }: { score: ItemScore; item: SchemeItem | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const metric = metricOf(item);
  const valueOf = (key: InputKey, v: string | null): string => {
    if (v === null) return key === 'target' ? t('leaderboard.targetMissing') : '—';
    switch (key) {
      case 'actual':
      case 'target':
        return metric === undefined ? formatCount(v) : formatFigure(metric, v, lang);
      case 'completion':
        return formatPercent(v);
      case 'bonus':
      case 'earned':
      case 'weighted':
      case 'maxPoints':
        return t('leaderboard.points', { points: formatScore(v) });
      case 'by':
        return v;
      default:
        return formatCount(v);
    }
  };
  const entries = Object.entries(score.inputs).filter((e): e is [InputKey, string | null] => isInputKey(e[0]));
  const bands = item?.type === 'required_counts' ? item.bands : [];
  if (entries.length === 0 && bands.length === 0) return null;
  return (
    <>
      {entries.length > 0 && (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={entries.map(([key, v]) => ({ key, label: t(`leaderboard.inputLabels.${key}`), children: <span className="zs-lb-num">{valueOf(key, v)}</span> }))}
        />
      )}
      {bands.map((band, k) => (
        <div key={band.label}>
          {t('leaderboard.band', {
            label: band.label,
            counted: score.inputs[`bands.${k}.counted`] ?? '—',
            required: score.inputs[`bands.${k}.required`] ?? String(band.required),
            missing: score.inputs[`bands.${k}.missing`] ?? '—',
          })}
        </div>
      ))}
    </>
  );
}

/** The body of an item: rule, notes, inputs, reason, parts, and the records behind the score. */
function ItemBody({ score, scheme, parentId, lookupFor }: { score: ItemScore; scheme: AssessmentScheme | undefined; parentId?: string; lookupFor: (metric: string | undefined) => Lookup }) {
  const { t } = useTranslation();
  const { label: figureLabel } = useFigureText();
  const ruleText = useRuleText();
  const item = findSchemeItem(scheme, score.itemId, parentId);
  const metric = metricOf(item);
  const lookup = lookupFor(metric);
  const rule = ruleText(item);
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {(metric !== undefined || rule !== null) && (
        <Typography.Text type="secondary">
          {metric !== undefined && `${t('leaderboard.metric')}${colon()}${figureLabel(metric)}`}
          {metric !== undefined && rule !== null && '　'}
          {rule !== null && `${t('leaderboard.rule')}${colon()}${rule}`}
        </Typography.Text>
      )}
      <ItemNotes notes={score.notes} cap={capOf(item)} />
      <ItemInputs score={score} item={item} />
      {score.reason !== null && (
        <div>
          <Typography.Text strong>{t('leaderboard.reason')}{colon()}</Typography.Text>
          <Typography.Text>{score.reason}</Typography.Text>
        </div>
      )}
      {score.parts?.map((part) => (
        <Card
          key={part.itemId}
          size="small"
          type="inner"
          title={
            <Space size={6} wrap>
              <span>{part.label}</span>
              <Tag>{t(`leaderboard.itemTypes.${part.type}`)}</Tag>
              <Typography.Text type="secondary">{t('leaderboard.weight', { weight: formatPercent(part.weight, 0) })}</Typography.Text>
            </Space>
          }
          extra={<ScoreText value={part.score} strong />}
        >
          <ItemBody score={part} scheme={scheme} parentId={score.itemId} lookupFor={lookupFor} />
        </Card>
      ))}
      {score.parts === null && score.type !== 'manual' && (
        <>
          {score.lines.length > 0 ? (
            <>
              <Typography.Text strong>{t('leaderboard.lines', { count: score.lines.length })}</Typography.Text>
              <LinesTable lines={score.lines} lookup={lookup} />
            </>
          ) : (
            <>
              <Typography.Text strong>{t('leaderboard.records', { count: sizeOf(score.records) })}</Typography.Text>
              <RecordsTable records={score.records} lookup={lookup} metric={metric} />
            </>
          )}
          {score.excluded.length > 0 && (
            <>
              <Typography.Text strong>{t('leaderboard.excluded', { count: sizeOf(score.excluded) })}</Typography.Text>
              <ExcludedTable excluded={score.excluded} lookup={lookup} metric={metric} />
            </>
          )}
        </>
      )}
    </Space>
  );
}

/** One scheme item of one unit: its score against the maximum, and everything that explains it. */
export function ItemCard({ score, scheme, lookupFor }: { score: ItemScore; scheme: AssessmentScheme | undefined; lookupFor: (metric: string | undefined) => Lookup }) {
  const { t } = useTranslation();
  const limit = itemLimit(findSchemeItem(scheme, score.itemId));
  return (
    <Card
      size="small"
      className="zs-lb-item"
      title={
        <Space size={6} wrap>
          <span>{score.label}</span>
          <Tag>{t(`leaderboard.itemTypes.${score.type}`)}</Tag>
        </Space>
      }
      extra={
        <Space size={4} align="baseline">
          <span className="zs-lb-item-score">
            <ScoreText value={score.score} strong />
          </span>
          {limit !== null && (
            <Typography.Text type="secondary">
              / {isNegative(limit) ? t('leaderboard.maxDeduction', { points: limit.replace('-', '') }) : t('leaderboard.full', { points: limit })}
            </Typography.Text>
          )}
        </Space>
      }
    >
      <ItemBody score={score} scheme={scheme} lookupFor={lookupFor} />
    </Card>
  );
}
