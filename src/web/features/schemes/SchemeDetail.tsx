import { useMemo, useState } from 'react';
import { ArrowLeftOutlined, BranchesOutlined, InboxOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Popconfirm, Space, Spin, Tabs, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SchemeRecord } from '../../../shared/api/assessment';
import { ApiError } from '../../api/client';
import { DemoTag } from '../../components/DemoTag';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format';
import { hasPermission, useCurrentUser } from '../auth/session';
import { JsonPanel, schemeJson } from './JsonPanel';
import { RunPanel } from './RunPanel';
import { SchemeEditor } from './SchemeEditor';
import { blankScheme, exampleScheme, formToScheme, schemeIssues, schemeToForm, serverFieldPaths, type ExampleKey, type FieldPath, type FormValues } from './scheme-form';
import { useArchiveScheme, useCreateScheme, useNewSchemeVersion, useScheme, useSchemes, useUpdateScheme } from './schemes.queries';
import { IssuesContext, pathKey, SchemeStatusTag, useIssueText, usePathText, useServerIssueText } from './scheme-ui';

export type SchemeTab = 'edit' | 'json' | 'runs';

export interface DetailNav {
  tab: SchemeTab;
  runId: number | undefined;
  setTab: (tab: SchemeTab) => void;
  setRun: (id: number) => void;
  openScheme: (id: number, tab?: SchemeTab) => void;
  back: () => void;
}

/** The Shanghai calendar year: a new scheme is for this year unless the bureau says otherwise. */
export function thisYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}

interface WorkbenchProps {
  record: SchemeRecord | undefined;
  initial: FormValues;
  /** The stored scheme as JSON (null for a new one): what "unsaved changes" compares with. */
  savedJson: string | null;
  nav: DetailNav;
  onApplyJson: (values: FormValues) => void;
}

/** One scheme (or a new one): the form, the JSON view and the runs, with save, new version and archive. */
function Workbench({ record, initial, savedJson, nav, onApplyJson }: WorkbenchProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const watched = Form.useWatch((v: FormValues) => v, { form, preserve: true }) as FormValues | undefined;
  const values = watched ?? initial;
  const [showIssues, setShowIssues] = useState(false);
  const [server, setServer] = useState<{ json: string; fields: { path: FieldPath; message: string }[]; fallback: string } | null>(null);
  const issueText = useIssueText();
  const serverText = useServerIssueText();
  const pathText = usePathText();
  const create = useCreateScheme();
  const update = useUpdateScheme();
  const newVersion = useNewSchemeVersion();
  const archive = useArchiveScheme();
  const list = useSchemes();

  const canWrite = hasPermission(me, 'assessment.write');
  const canRun = hasPermission(me, 'assessment.runs.write');
  const isNew = record === undefined;
  const isDraft = isNew || record.status === 'draft';
  const readOnly = !canWrite || !isDraft;
  const json = JSON.stringify(formToScheme(values));
  const isDirty = savedJson === null || json !== savedJson;
  const successor = record && list.data?.items.find((s) => s.previousId === record.id);

  const clientIssues = useMemo(() => (showIssues ? schemeIssues(values) : []), [showIssues, values]);
  // Server field errors stay until the scheme is changed again.
  const serverFields = server && server.json === json ? server.fields : [];
  const issueMap = useMemo(() => {
    const map = new Map<string, string[]>();
    const add = (path: FieldPath, text: string) => {
      const list = map.get(pathKey(path)) ?? [];
      if (!list.includes(text)) list.push(text);
      map.set(pathKey(path), list);
    };
    for (const i of clientIssues) add(i.path, issueText(i));
    for (const f of serverFields) add(f.path, serverText(f.message, server?.fallback ?? ''));
    return map;
  }, [clientIssues, serverFields, issueText, serverText, server?.fallback]);
  const summary = [...clientIssues.map((i) => ({ path: i.path, text: issueText(i) })), ...serverFields.map((f) => ({ path: f.path, text: serverText(f.message, server?.fallback ?? '') }))];

  const scrollTo = (path: FieldPath) => {
    try {
      form.scrollToField(path, { block: 'center' });
    } catch {
      // a list-level path has no field of its own
    }
  };

  const onSave = async () => {
    setShowIssues(true);
    const all = form.getFieldsValue(true) as FormValues;
    const issues = schemeIssues(all);
    if (issues.length) {
      void message.error(t('schemes.fixErrors', { count: issues.length }));
      scrollTo(issues[0]!.path);
      return;
    }
    const scheme = formToScheme(all);
    try {
      if (isNew) {
        const created = await create.mutateAsync(scheme);
        void message.success(t('schemes.created', { version: created.version }));
        nav.openScheme(created.id);
      } else {
        await update.mutateAsync({ id: record.id, scheme });
        void message.success(t('common.saved'));
      }
      setShowIssues(false);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const fields = serverFieldPaths(e.details);
      setServer({ json: JSON.stringify(scheme), fields, fallback: e.message });
      void message.error(e.message);
      if (fields[0]) scrollTo(fields[0].path);
    }
  };

  const onNewVersion = async () => {
    if (!record) return;
    const all = form.getFieldsValue(true) as FormValues;
    const scheme = isDraft ? formToScheme(all) : record.scheme;
    try {
      const created = await newVersion.mutateAsync({ id: record.id, scheme });
      void message.success(t('schemes.versionCreated', { version: created.version }));
      nav.openScheme(created.id, 'edit');
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const onArchive = async () => {
    if (!record) return;
    try {
      await archive.mutateAsync(record.id);
      void message.success(t('schemes.archived'));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const title = isNew ? t('schemes.newTitle') : record.name;
  const headerActions = record && canWrite && (
    <Space wrap>
      {successor ? (
        <Button onClick={() => nav.openScheme(successor.id)}>{t('schemes.openSuccessor', { version: successor.version })}</Button>
      ) : (
        record.status !== 'archived' && (
          <Tooltip title={t(isDraft ? 'schemes.newVersionHintDraft' : 'schemes.newVersionHint')}>
            <Button icon={<BranchesOutlined />} loading={newVersion.isPending} onClick={() => void onNewVersion()}>
              {t('schemes.newVersion')}
            </Button>
          </Tooltip>
        )
      )}
      {record.status !== 'archived' && (
        <Popconfirm title={t('schemes.archiveConfirm')} okText={t('schemes.archive')} cancelText={t('schemes.cancel')} onConfirm={() => void onArchive()}>
          <Button icon={<InboxOutlined />} loading={archive.isPending}>
            {t('schemes.archive')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  const statusHint = () => {
    if (isNew) return <Alert type="info" showIcon title={t('schemes.newHint')} />;
    if (record.status === 'active') return <Alert type="success" showIcon title={t('schemes.activeHint')} />;
    if (record.status === 'archived') return <Alert type="info" showIcon title={t('schemes.archivedHint')} />;
    if (!canWrite) return <Alert type="info" showIcon title={t('schemes.readOnlyHint')} />;
    return null;
  };

  const editTab = (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {statusHint()}
      {summary.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="schemes-issues"
          title={t('schemes.issuesTitle', { count: summary.length })}
          description={
            <ul className="zs-sc-issues">
              {summary.map((s, k) => (
                <li key={k}>
                  <Typography.Link onClick={() => scrollTo(s.path)}>{pathText(s.path, values)}</Typography.Link>：{s.text}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <SchemeEditor form={form} initial={initial} readOnly={readOnly} values={values} onChange={() => undefined} />
      {!readOnly && (
        <div className="zs-sc-savebar">
          <Typography.Text type={isDirty ? 'warning' : 'secondary'}>{isNew ? t('schemes.notSavedYet') : isDirty ? t('schemes.unsaved') : t('schemes.allSaved')}</Typography.Text>
          <Button type="primary" icon={<SaveOutlined />} loading={create.isPending || update.isPending} disabled={!isNew && !isDirty} onClick={() => void onSave()}>
            {isNew ? t('schemes.saveNew') : t('schemes.save')}
          </Button>
        </div>
      )}
    </Space>
  );

  return (
    <IssuesContext.Provider value={issueMap}>
      <PageHeader
        title={
          <Space size={8} wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('schemes.backToList')} onClick={nav.back} />
            <span>{title}</span>
            {record && <Typography.Text type="secondary">{t('schemes.versionN', { version: record.version })}</Typography.Text>}
            {record && <SchemeStatusTag status={record.status} />}
            {record?.isDemo && <DemoTag />}
          </Space>
        }
        description={record ? t('schemes.detailLine', { unit: record.unitName, name: record.createdBy?.displayName ?? '—', at: formatDateTime(record.updatedAt) }) : t('schemes.description')}
        extra={headerActions}
      />
      <Tabs
        activeKey={nav.tab}
        onChange={(k) => nav.setTab(k as SchemeTab)}
        items={[
          { key: 'edit', label: t('schemes.tabs.edit'), children: editTab, forceRender: true },
          { key: 'json', label: t('schemes.tabs.json'), children: nav.tab === 'json' && <JsonPanel key={json} initialText={schemeJson(values)} readOnly={readOnly} onApply={onApplyJson} /> },
          {
            key: 'runs',
            label: isNew ? <Tooltip title={t('schemes.saveBeforeRun')}>{t('schemes.tabs.runs')}</Tooltip> : t('schemes.tabs.runs'),
            disabled: isNew,
            children: record && nav.tab === 'runs' && (
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                {isDirty && isDraft && canWrite && <Alert type="warning" showIcon title={t('schemes.saveBeforeRunDirty')} />}
                <RunPanel scheme={record} canWrite={canRun} runId={nav.runId} onRunChange={nav.setRun} />
              </Space>
            ),
          },
        ]}
      />
    </IssuesContext.Provider>
  );
}

/** A scheme by id, or a new one from a blank form or an example; the JSON view can replace the form's content. */
export function SchemeDetail({ schemeId, start, nav }: { schemeId: number | undefined; start: ExampleKey | 'blank'; nav: DetailNav }) {
  const scheme = useScheme(schemeId);
  const [applied, setApplied] = useState<{ values: FormValues; n: number } | null>(null);
  const base = useMemo(() => {
    if (schemeId === undefined) return start === 'blank' ? blankScheme(thisYear()) : exampleScheme(start, thisYear());
    return scheme.data ? schemeToForm(scheme.data.scheme) : null;
  }, [schemeId, start, scheme.data]);
  const savedJson = useMemo(() => (scheme.data && schemeId !== undefined ? JSON.stringify(formToScheme(schemeToForm(scheme.data.scheme))) : null), [scheme.data, schemeId]);

  if (schemeId !== undefined && scheme.isPending) return <Spin />;
  if (schemeId !== undefined && scheme.isError) return <QueryError error={scheme.error} onRetry={() => void scheme.refetch()} />;
  if (base === null) return <Spin />;
  return (
    <Workbench
      key={`${schemeId ?? `new:${start}`}:${scheme.data?.updatedAt ?? ''}:${applied?.n ?? 0}`}
      record={scheme.data}
      initial={applied?.values ?? base}
      savedJson={savedJson}
      nav={nav}
      onApplyJson={(values) => {
        setApplied((a) => ({ values, n: (a?.n ?? 0) + 1 }));
        nav.setTab('edit');
      }}
    />
  );
}
