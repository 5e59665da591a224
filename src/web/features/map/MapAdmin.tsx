import { useState } from 'react';
import { App, Alert, Button, Drawer, Form, Grid, Input, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CreateMapBody, MapDetail, MapSummary } from '../../../shared/api/maps';
import { MAP_LEVELS, type MapLevel } from '../../../shared/maps';
import { ApiError } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { useDeleteMap, useMapDetail, useMaps, useUpdateMap, useUploadMap } from './map.queries';

const MAX_BYTES = 20 * 1024 * 1024;

/** The first few `{ field, message }` details of a refused upload, so the admin sees where the file is wrong. */
function detailLines(error: unknown): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as { field?: string; message?: string }[]).slice(0, 5).map((d) => `${d.field ?? ''}: ${d.message ?? ''}`);
}

interface UploadForm {
  unitId: number;
  level: MapLevel;
  name: string;
  reviewNumber?: string;
}

/** 管理地图 (admins): upload a deployment's GeoJSON, see which features matched a unit, fix the rest. */
export function MapAdmin({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = !Grid.useBreakpoint().md;
  const maps = useMaps();
  const [editing, setEditing] = useState<number | undefined>();
  return (
    <Drawer open={open} onClose={onClose} size={isPhone ? '100%' : 820} title={t('map.manage')} destroyOnHidden>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('map.licenceNote')} />
        {maps.isError ? (
          <QueryError error={maps.error} onRetry={() => void maps.refetch()} />
        ) : (
          <MapTable items={maps.data?.items ?? []} loading={maps.isPending} onEdit={setEditing} />
        )}
        {editing !== undefined ? <MappingEditor id={editing} onDone={() => setEditing(undefined)} /> : <UploadMapForm onUploaded={(m) => setEditing(m.id)} />}
      </Space>
    </Drawer>
  );
}

function MapTable({ items, loading, onEdit }: { items: MapSummary[]; loading: boolean; onEdit: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeleteMap();
  return (
    <Table<MapSummary>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: t('map.noUploads') }}
      columns={[
        { title: t('map.name'), dataIndex: 'name' },
        { title: t('map.unit'), render: (_, m) => m.unit.name },
        { title: t('map.level'), render: (_, m) => t(`map.levels.${m.level}`) },
        { title: t('map.reviewNumber'), render: (_, m) => m.reviewNumber ?? '—' },
        { title: t('map.matched'), render: (_, m) => `${m.matchedCount} / ${m.featureCount}` },
        {
          title: t('common.actions'),
          render: (_, m) => (
            <Space>
              <Button size="small" onClick={() => onEdit(m.id)}>
                {t('map.editMapping')}
              </Button>
              <Popconfirm
                title={t('map.deleteConfirm', { name: m.name })}
                onConfirm={() =>
                  remove.mutate(m.id, {
                    onSuccess: () => void message.success(t('map.deleted')),
                    onError: (e) => void message.error(e.message),
                  })
                }
              >
                <Button size="small" danger>
                  {t('map.delete')}
                </Button>
              </Popconfirm>
            </Space>
          ),
        },
      ]}
    />
  );
}

function UploadMapForm({ onUploaded }: { onUploaded: (m: MapDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UploadForm>();
  const [file, setFile] = useState<File | undefined>();
  const [fileError, setFileError] = useState<string | undefined>();
  const upload = useUploadMap();

  const submit = async (values: UploadForm) => {
    if (!file) return setFileError(t('map.fileRequired'));
    if (file.size > MAX_BYTES) return setFileError(t('map.fileTooLarge'));
    let geojson: unknown;
    try {
      geojson = JSON.parse(await file.text());
    } catch {
      return setFileError(t('map.fileNotJson'));
    }
    const body: CreateMapBody = { ...values, reviewNumber: values.reviewNumber?.trim() || null, geojson };
    upload.mutate(body, {
      onSuccess: (m) => {
        void message.success(t('map.uploaded', { matched: m.matchedCount, total: m.featureCount }));
        form.resetFields();
        setFile(undefined);
        onUploaded(m);
      },
    });
  };

  return (
    <div>
      <Typography.Title level={5}>{t('map.uploadTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('map.uploadHelp')}</Typography.Paragraph>
      <Form<UploadForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ level: 'county' }}>
        <Form.Item name="unitId" label={t('map.unit')} rules={[{ required: true, message: t('common.selectUnit') }]} extra={t('map.unitHelp')}>
          <UnitTreeSelect isUnselectable={(u) => !['city', 'county', 'zone'].includes(u.type)} />
        </Form.Item>
        <Form.Item name="level" label={t('map.level')} rules={[{ required: true }]}>
          <Select options={MAP_LEVELS.map((l) => ({ value: l, label: t(`map.levels.${l}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('map.name')} rules={[{ required: true, whitespace: true, max: 60, message: t('map.nameRequired') }]}>
          <Input placeholder={t('map.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="reviewNumber" label={t('map.reviewNumber')} rules={[{ max: 60 }]} extra={t('map.reviewNumberHelp')}>
          <Input placeholder={t('map.reviewNumberPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('map.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError}>
          <Upload
            accept=".json,.geojson,application/json,application/geo+json"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setFileError(undefined);
              return false;
            }}
            onRemove={() => setFile(undefined)}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{t('map.chooseFile')}</Button>
          </Upload>
        </Form.Item>
        {upload.isError && (
          <Alert
            style={{ marginBottom: 16 }}
            type="error"
            showIcon
            title={upload.error.message}
            description={detailLines(upload.error).map((line) => (
              <div key={line}>{line}</div>
            ))}
          />
        )}
        <Button type="primary" htmlType="submit" loading={upload.isPending}>
          {t('map.upload')}
        </Button>
      </Form>
    </div>
  );
}

function MappingEditor({ id, onDone }: { id: number; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const detail = useMapDetail(id);
  const update = useUpdateMap();
  const [changes, setChanges] = useState<Record<string, number | null>>({});
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  const map = detail.data;
  const current = (name: string) => (name in changes ? changes[name]! : (map?.featureUnits[name] ?? null));
  const options = (map?.candidates ?? []).map((c) => ({ value: c.id, label: c.name }));
  const unmatched = map ? map.features.filter((f) => current(f.name) === null).length : 0;

  return (
    <div>
      <Typography.Title level={5}>{t('map.mappingTitle', { name: map?.name ?? '' })}</Typography.Title>
      {map && (
        <Alert
          style={{ marginBottom: 12 }}
          type={unmatched ? 'warning' : 'success'}
          showIcon
          title={unmatched ? t('map.unmatchedCount', { count: unmatched }) : t('map.allMatched')}
        />
      )}
      <Table
        size="small"
        rowKey="name"
        loading={detail.isPending}
        dataSource={map?.features ?? []}
        pagination={false}
        scroll={{ y: 360 }}
        columns={[
          { title: t('map.feature'), dataIndex: 'name' },
          { title: t('map.adcode'), render: (_, f) => f.adcode ?? '—', width: 100 },
          {
            title: t('map.unit'),
            width: 260,
            render: (_, f) => (
              <Select
                aria-label={t('map.unitFor', { name: f.name })}
                style={{ width: '100%' }}
                allowClear
                placeholder={t('map.unmatched')}
                value={current(f.name) ?? undefined}
                options={options.some((o) => o.value === current(f.name)) || current(f.name) === null ? options : [...options, { value: current(f.name)!, label: f.unitName ?? `#${current(f.name)}` }]}
                onChange={(v: number | undefined) => setChanges((c) => ({ ...c, [f.name]: v ?? null }))}
              />
            ),
          },
          { title: t('common.status'), width: 90, render: (_, f) => (current(f.name) === null ? <Tag color="orange">{t('map.unmatched')}</Tag> : <Tag color="green">{t('map.matchedTag')}</Tag>) },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          disabled={Object.keys(changes).length === 0}
          loading={update.isPending}
          onClick={() =>
            update.mutate(
              { id, body: { featureUnits: changes } },
              {
                onSuccess: () => {
                  setChanges({});
                  void message.success(t('common.saved'));
                },
                onError: (e) => void message.error(e.message),
              },
            )
          }
        >
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('map.backToUpload')}</Button>
      </Space>
    </div>
  );
}
