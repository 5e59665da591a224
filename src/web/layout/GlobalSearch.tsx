import { useEffect, useRef, useState, type ReactNode } from 'react';
import { AutoComplete, Button, Input, Modal, Space, Typography, type InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SearchHighlight, SearchResponse } from '../../shared/api/search';
import { SEARCH_MAX_CHARS } from '../../shared/search-limits';
import { api } from '../api/client';
import { DemoTag } from '../components/DemoTag';
import { colon } from '../i18n/punctuation';

// One box over projects, investors and contacts (GET /api/search): pinyin initials and two-character
// Chinese work. Results are grouped, arrow keys move, Enter opens; Ctrl+K (⌘K) focuses the box.

/** The matched text with the server's ranges marked; plain text nodes only, never HTML. */
function Marked({ highlight }: { highlight: SearchHighlight }) {
  const { text, ranges } = highlight;
  const parts: ReactNode[] = [];
  let at = 0;
  [...ranges]
    .sort((a, b) => a[0] - b[0])
    .forEach(([start, end], i) => {
      if (start < at || end <= start || end > text.length) return;
      if (start > at) parts.push(text.slice(at, start));
      parts.push(
        <mark key={i} style={{ background: '#fff1b8', padding: 0, color: 'inherit' }}>
          {text.slice(start, end)}
        </mark>,
      );
      at = end;
    });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

function Hit({ title, subtitle, highlight, isDemo }: { title: string; subtitle: string; highlight: SearchHighlight; isDemo: boolean }) {
  const { t } = useTranslation();
  const isTitleMatch = highlight.field === 'name' && highlight.text === title;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', minWidth: 0, padding: '2px 0' }}>
      <Space size={4} style={{ minWidth: 0 }}>
        <Typography.Text ellipsis style={{ maxWidth: 360 }}>
          {isTitleMatch ? <Marked highlight={highlight} /> : title}
        </Typography.Text>
        {isDemo && <DemoTag small />}
      </Space>
      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 420 }}>
        {!isTitleMatch && highlight.text ? (
          <>
            {t(`search.fields.${highlight.field}`)}{colon()}<Marked highlight={highlight} />
            {subtitle ? ` · ${subtitle}` : ''}
          </>
        ) : (
          subtitle
        )}
      </Typography.Text>
    </div>
  );
}

function useSearch(q: string) {
  const [debounced, setDebounced] = useState(q);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q.trim()), 180);
    return () => clearTimeout(timer);
  }, [q]);
  return useQuery({
    queryKey: ['search', debounced],
    queryFn: ({ signal }) => api.get<SearchResponse>('/api/search', { q: debounced, limit: 5 }, signal),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

function SearchBox({ autoFocus, onDone, width }: { autoFocus?: boolean; onDone?: () => void; width: number | string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const input = useRef<InputRef>(null);
  const search = useSearch(q);
  const data = q.trim() ? search.data : undefined;

  // Ctrl+K / ⌘K from anywhere on the page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const group = (label: string, options: { value: string; label: ReactNode }[]) => (options.length ? [{ label, options }] : []);
  const options = data
    ? [
        ...group(
          t('search.projects'),
          data.projects.map((p) => ({
            value: `/projects/${p.id}`,
            label: <Hit {...p} />,
          })),
        ),
        ...group(t('search.investors'), data.investors.map((i) => ({ value: `/investors?open=${i.id}`, label: <Hit {...i} /> }))),
        ...group(t('search.contacts'), data.contacts.map((c) => ({ value: `/investors?open=${c.investorId}#c${c.id}`, label: <Hit {...c} /> }))),
      ]
    : [];
  const isEmpty = Boolean(data) && options.length === 0;

  return (
    // The header's 56px line height would stretch the box.
    <div style={{ lineHeight: 'normal', display: 'flex', alignItems: 'center', width }}>
    <AutoComplete
      value={q}
      options={options}
      onSearch={setQ}
      onSelect={(path: string) => {
        setQ('');
        input.current?.blur();
        navigate(path.split('#')[0]!);
        onDone?.();
      }}
      defaultActiveFirstOption
      listHeight={520}
      popupMatchSelectWidth={Math.max(typeof width === 'number' ? width : 0, 420)}
      notFoundContent={isEmpty ? t('search.noResults', { q: q.trim() }) : null}
      style={{ width: '100%' }}
    >
      <Input
        ref={input}
        autoFocus={autoFocus}
        allowClear
        maxLength={SEARCH_MAX_CHARS}
        prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
        suffix={
          search.isFetching ? (
            <Typography.Text type="secondary">…</Typography.Text>
          ) : q ? undefined : (
            <Typography.Text type="secondary" keyboard style={{ fontSize: 11 }}>
              Ctrl K
            </Typography.Text>
          )
        }
        placeholder={t('search.placeholder')}
        title={t('search.hint')}
        aria-label={t('search.label')}
      />
    </AutoComplete>
    </div>
  );
}

/** The header search: a box on desktops, an icon that opens the box on phones. */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  if (!compact) return <SearchBox width={300} />;
  return (
    <>
      <Button type="text" icon={<SearchOutlined />} aria-label={t('search.label')} onClick={() => setOpen(true)} />
      <Modal open={isOpen} onCancel={() => setOpen(false)} footer={null} title={t('search.label')} destroyOnHidden style={{ top: 16 }}>
        <SearchBox autoFocus width="100%" onDone={() => setOpen(false)} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t('search.hint')}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
