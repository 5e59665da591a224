import { useState } from 'react';
import { App, Button, DatePicker, Input, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MAX_NODES, type ProjectNode } from '../../../shared/api/nodes';
import { ApiError } from '../../api/client';
import { chinaToday, colon } from './labels';
import { useSaveNodes, type NodeInput } from './project-detail.queries';

interface Row {
  key: string;
  id?: number;
  name: string;
  plannedDate: string | null;
  actualDate: string | null;
  responsible: string;
  note: string;
}

let nextKey = 0;
const toRow = (n: ProjectNode): Row => ({
  key: `n${n.id}`,
  id: n.id,
  name: n.name,
  plannedDate: n.plannedDate,
  actualDate: n.actualDate,
  responsible: n.responsible ?? '',
  note: n.note ?? '',
});

/** Problems the server would refuse, per row key: a name is required, unique and short; nothing done in the future. */
function validate(rows: Row[], today: string, t: (k: 'projectDetail.nodeNameRequired' | 'projectDetail.nodeNameDuplicate' | 'projectDetail.nodeNameLong' | 'projectDetail.nodeActualFuture') => string) {
  const errors = new Map<string, string>();
  const seen = new Set<string>();
  for (const r of rows) {
    const name = r.name.trim();
    if (!name) errors.set(r.key, t('projectDetail.nodeNameRequired'));
    else if ([...name].length > 40) errors.set(r.key, t('projectDetail.nodeNameLong'));
    else if (seen.has(name)) errors.set(r.key, t('projectDetail.nodeNameDuplicate'));
    else if (r.actualDate && r.actualDate > today) errors.set(r.key, t('projectDetail.nodeActualFuture'));
    seen.add(name);
  }
  return errors;
}

/** 编辑节点计划: the whole ordered list is saved at once (PUT); rows removed here are deleted. */
export function NodesEditor({ projectId, nodes, revision, onDone, onReload }: { projectId: number; nodes: ProjectNode[]; revision: string; onDone: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const save = useSaveNodes(projectId);
  const [rows, setRows] = useState<Row[]>(() => nodes.map(toRow));
  const [isChecked, setChecked] = useState(false);
  const today = chinaToday();
  const errors = validate(rows, today, t);

  const change = (key: string, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (index: number, by: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });
  const add = () => setRows((rs) => [...rs, { key: `new${nextKey++}`, name: '', plannedDate: null, actualDate: null, responsible: '', note: '' }]);

  const onSave = () => {
    setChecked(true);
    if (errors.size > 0) return;
    const body: NodeInput[] = rows.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      name: r.name.trim(),
      plannedDate: r.plannedDate,
      actualDate: r.actualDate,
      responsible: r.responsible.trim() || null,
      note: r.note.trim() || null,
    }));
    save.mutate({ nodes: body, revision }, {
      onSuccess: () => {
        void message.success(t('common.saved'));
        onDone();
      },
      onError: (error) =>
        error instanceof ApiError && error.code === 'VERSION_CONFLICT'
          ? void modal.confirm({
              title: t('projectDetail.nodesConflictTitle'),
              content: t('projectDetail.nodesConflictHint'),
              okText: t('ledgerUi.reloadRecord'),
              cancelText: t('projects.form.keepEditing'),
              onOk: onReload,
            })
          : void modal.error({
          title: t('common.failed'),
          content: error instanceof ApiError && error.fieldErrors.length ? `${error.message}${colon()}${error.fieldErrors.map((f) => f.message).join('; ')}` : error.message,
        }),
    });
  };

  const date = (value: string | null, onChange: (v: string | null) => void, disabledAfterToday?: boolean, label?: string) => (
    <DatePicker
      size="small"
      aria-label={label}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
      disabledDate={disabledAfterToday ? (d) => d.format('YYYY-MM-DD') > today : undefined}
      style={{ width: 130 }}
    />
  );

  const columns: TableColumnsType<Row> = [
    {
      title: t('projectDetail.nodeName'),
      key: 'name',
      width: 200,
      render: (_, r) => {
        const error = isChecked ? errors.get(r.key) : undefined;
        return (
          <>
            <Input size="small" value={r.name} maxLength={40} status={error ? 'error' : undefined} onChange={(e) => change(r.key, { name: e.target.value })} aria-label={t('projectDetail.nodeName')} />
            {error && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {error}
              </Typography.Text>
            )}
          </>
        );
      },
    },
    { title: t('projectDetail.plannedDate'), key: 'planned', width: 140, render: (_, r) => date(r.plannedDate, (v) => change(r.key, { plannedDate: v }), false, t('projectDetail.plannedDate')) },
    { title: t('projectDetail.actualDate'), key: 'actual', width: 140, render: (_, r) => date(r.actualDate, (v) => change(r.key, { actualDate: v }), true, t('projectDetail.actualDate')) },
    {
      title: t('projectDetail.responsible'),
      key: 'responsible',
      width: 140,
      render: (_, r) => <Input size="small" value={r.responsible} maxLength={60} onChange={(e) => change(r.key, { responsible: e.target.value })} aria-label={t('projectDetail.responsible')} />,
    },
    {
      title: t('projectDetail.nodeNote'),
      key: 'note',
      render: (_, r) => <Input size="small" value={r.note} maxLength={500} onChange={(e) => change(r.key, { note: e.target.value })} aria-label={t('projectDetail.nodeNote')} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, r, index) => (
        <Space size={2}>
          <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('projectDetail.moveUp')} />
          <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === rows.length - 1} onClick={() => move(index, 1)} aria-label={t('projectDetail.moveDown')} />
          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} aria-label={t('projectDetail.delete')} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <Table<Row> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 900 }} />
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 12, flexWrap: 'wrap' }}>
        <Button icon={<PlusOutlined />} onClick={add} disabled={rows.length >= MAX_NODES}>
          {t('projectDetail.addNode')}
        </Button>
        <Space>
          {isChecked && errors.size > 0 && <Typography.Text type="danger">{t('projectDetail.fixNodes')}</Typography.Text>}
          <Button onClick={onDone}>{t('projectDetail.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={onSave}>
            {t('projectDetail.saveNodes')}
          </Button>
        </Space>
      </div>
    </>
  );
}
