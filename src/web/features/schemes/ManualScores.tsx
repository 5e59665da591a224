import { useMemo, useState } from 'react';
import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { UnitScore } from '../../../shared/assessment/score';
import type { Run } from '../leaderboard/leaderboard.queries';
import { isManualChanged, manualBody, manualDraftOf, manualProblems, type ManualDraft, type ManualItemRule } from './manual-scores';
import { useUpdateRunManual } from './schemes.queries';
import { useServerIssueText } from './scheme-ui';

/** The manual (评议) items of the scheme as run, with their bounds. */
export function manualItemsOf(run: Run): (ManualItemRule & { label: string })[] {
  return run.inputs.scheme.items.flatMap((i) => (i.type === 'manual' ? [{ id: i.id, label: i.label, minPoints: i.minPoints, maxPoints: i.maxPoints }] : []));
}

/**
 * 评议打分: one row per unit, a score and a written reason per manual item. Saving re-scores the
 * run on the inputs it collected (PATCH); a published run shows the scores read-only.
 */
export function ManualScores({ run, canEdit }: { run: Run; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const serverText = useServerIssueText();
  const items = useMemo(() => manualItemsOf(run), [run]);
  const saved = useMemo(() => manualDraftOf(run.inputs.units), [run]);
  const [draft, setDraft] = useState<ManualDraft>(saved);
  const [base, setBase] = useState(run.contentHash);
  const update = useUpdateRunManual();
  // Another run chosen, or this one re-scored: start again from what is stored.
  if (base !== run.contentHash) {
    setBase(run.contentHash);
    setDraft(saved);
  }
  const problems = manualProblems(draft, items);
  const isChanged = isManualChanged(draft, saved, items);
  const isEditable = canEdit && run.status === 'computed';
  const units = [...run.result.units].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh'));

  const cell = (itemId: string, unitId: number) => draft[itemId]?.[String(unitId)] ?? { score: '', reason: '' };
  const setCell = (itemId: string, unitId: number, patch: Partial<{ score: string; reason: string }>) =>
    setDraft((d) => ({ ...d, [itemId]: { ...d[itemId], [String(unitId)]: { ...cell(itemId, unitId), ...patch } } }));

  const onSave = async () => {
    try {
      await update.mutateAsync({ id: run.id, manual: manualBody(draft, items) });
      void message.success(t('schemes.manual.saved'));
    } catch (e) {
      void message.error(e instanceof Error ? serverText(e.message, t('common.failed')) : String(e));
    }
  };

  const problemText = (p: string | undefined, item: ManualItemRule) =>
    p === 'range' ? t('schemes.manual.range', { min: item.minPoints, max: item.maxPoints }) : p === 'reason' ? t('schemes.manual.reasonRequired') : p === 'score' ? t('schemes.manual.scoreInvalid') : null;

  const columns: ColumnsType<UnitScore> = [
    { title: t('leaderboard.colUnit'), key: 'unit', width: 160, fixed: 'left', render: (_, u) => u.name },
    ...items.map((item) => ({
      title: (
        <span>
          {item.label}
          <Typography.Text type="secondary" className="zs-sc-col-hint">
            {t('schemes.manual.bounds', { min: item.minPoints, max: item.maxPoints })}
          </Typography.Text>
        </span>
      ),
      key: item.id,
      render: (_: unknown, u: UnitScore) => {
        const c = cell(item.id, u.unitId);
        const problem = problemText(problems[`${item.id}:${u.unitId}`], item);
        if (!isEditable) {
          return c.score === '' ? (
            <Typography.Text type="secondary">{t('schemes.manual.none')}</Typography.Text>
          ) : (
            <span>
              <Typography.Text strong>{c.score}</Typography.Text> <Typography.Text type="secondary">{c.reason}</Typography.Text>
            </span>
          );
        }
        return (
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                value={c.score}
                inputMode="decimal"
                status={problem && problems[`${item.id}:${u.unitId}`] !== 'reason' ? 'error' : undefined}
                style={{ width: 90 }}
                aria-label={t('schemes.manual.scoreLabel', { unit: u.name, item: item.label })}
                placeholder={t('schemes.manual.scorePlaceholder')}
                onChange={(e) => setCell(item.id, u.unitId, { score: e.target.value })}
              />
              <Input
                value={c.reason}
                status={problems[`${item.id}:${u.unitId}`] === 'reason' ? 'error' : undefined}
                aria-label={t('schemes.manual.reasonLabel', { unit: u.name, item: item.label })}
                placeholder={t('schemes.manual.reasonPlaceholder')}
                maxLength={2000}
                onChange={(e) => setCell(item.id, u.unitId, { reason: e.target.value })}
              />
            </Space.Compact>
            {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
          </Space>
        );
      },
    })),
  ];

  return (
    <Card
      size="small"
      data-testid="schemes-manual"
      title={t('schemes.manual.title')}
      extra={
        isEditable && (
          <Space>
            <Button icon={<UndoOutlined />} disabled={!isChanged} onClick={() => setDraft(saved)}>
              {t('schemes.manual.reset')}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} disabled={!isChanged || Object.keys(problems).length > 0} loading={update.isPending} onClick={() => void onSave()}>
              {t('schemes.manual.save')}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t(isEditable ? 'schemes.manual.hint' : 'schemes.manual.frozenHint')}</Typography.Paragraph>
      <Table<UnitScore> size="small" rowKey="unitId" dataSource={units} columns={columns} pagination={false} scroll={{ x: 'max-content' }} />
    </Card>
  );
}
