import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, List, Row, Segmented, Space, Spin, Statistic, Typography } from 'antd';
import { EnvironmentOutlined, SettingOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FigureValue, StatsBreakdown } from '../../../shared/api/stats';
import { formatWan } from '../../../shared/money';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { labelLang } from '../../i18n';
import { hasPermission, useCurrentUser } from '../auth/session';
import { useOrgTree } from '../org/org.queries';
import { useSettings } from '../projects/projects.queries';
import { MapAdmin } from './MapAdmin';
import { useBuiltinMap, useMapDetail, useMaps, useUnitBreakdown, type GeoJson } from './map.queries';
import { chooseView, cityFeatureName, compareDecimal, defaultPeriod, MAP_FIGURES, regionFigures, type MapFigure } from './map-view';
import { RegionMap, type RegionDatum } from './RegionMap';

/** 项目地图: the deployment's regions coloured by a figure; a click shows that unit's figures. */
export function MapPage() {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const user = useCurrentUser();
  const isAdmin = hasPermission(user, 'maps.manage');
  const settings = useSettings();
  const [figure, setFigure] = useState<MapFigure>('funds_total');
  const [chosenPeriod, setPeriod] = useState<{ from: string; to: string } | undefined>();
  const [selectedUnitId, setSelectedUnitId] = useState<number | undefined>();
  const [adminOpen, setAdminOpen] = useState(false);
  const period = chosenPeriod ?? defaultPeriod(new Date(), settings.data?.fiscalYearStartMonth ?? 1);

  const maps = useMaps();
  const view = maps.data ? chooseView(maps.data) : undefined;
  const uploaded = useMapDetail(view?.kind === 'uploaded' ? view.mapId : undefined);
  const builtin = useBuiltinMap(view?.kind === 'builtin' ? view.name : undefined);
  const context = maps.data?.context;
  const breakdown = useUnitBreakdown(context?.root.id, period);
  const tree = useOrgTree();

  const show = (v: FigureValue | null | undefined) => (v ? (figure === 'funds_total' ? formatWan(v.value, lang) : t('map.count', { count: Number(v.value) })) : '—');

  // Regions and the unit each stands for.
  const outline = useMemo(() => {
    if (!context || !view) return undefined;
    if (view.kind === 'uploaded') {
      if (!uploaded.data) return undefined;
      return {
        key: `upload:${uploaded.data.id}:${uploaded.data.createdAt}`,
        geojson: uploaded.data.geojson as unknown as GeoJson,
        regions: uploaded.data.features.map((f) => ({ name: f.name, unitId: f.unitId })),
        highlight: undefined as string | undefined,
        caption: t('map.captionUploaded', { name: uploaded.data.name, reviewNumber: uploaded.data.reviewNumber ?? t('map.noReviewNumber') }),
      };
    }
    if (!builtin.data) return undefined;
    const cityName = cityFeatureName(builtin.data, context.city);
    // The city region counts the whole scope only when the scope is the city.
    const cityUnit = context.city && context.city.id === context.root.id ? context.root.id : null;
    return {
      key: `builtin:${view.name}`,
      geojson: builtin.data,
      regions: cityName ? [{ name: cityName, unitId: cityUnit }] : [],
      highlight: cityName,
      caption: t('map.captionBuiltin', { province: view.provinceName, city: cityName ?? '—' }),
    };
  }, [context, view, uploaded.data, builtin.data, t]);

  const regions = useMemo(
    () => (outline && context ? regionFigures(outline.regions, breakdown.data, context.root.id, figure) : []),
    [outline, context, breakdown.data, figure],
  );
  const data: RegionDatum[] = regions.map((r) => ({
    name: r.name,
    value: r.figure ? Number(r.figure.value) : null,
    tooltip: r.figure ? `${r.name}<br/>${t(`map.figures.${figure}`)}：${show(r.figure)}` : `${r.name}<br/>${breakdown.isSuccess ? t('map.noFigure') : t('map.figuresPending')}`,
    // On a province outline the one region of ours carries its figure as a label.
    ...(view?.kind === 'builtin' && r.figure ? { caption: show(r.figure) } : {}),
  }));

  const rows = useMemo(
    () => {
      // Regions (and the bureau's own 本级 projects) always; departments and offices only when they have figures.
      const typeOf = new Map((tree.data ?? []).map((u) => [u.id, u.type]));
      const isShown = (r: StatsBreakdown['rows'][number]) =>
        !['department', 'office'].includes(typeOf.get(r.unitId!) ?? '') || MAP_FIGURES.some((f) => compareDecimal(r.figures[f]?.value ?? '0', '0') !== 0);
      return [...(breakdown.data?.rows ?? [])]
        .filter((r) => r.unitId !== null && isShown(r))
        .sort((a, b) => compareDecimal(b.figures[figure]?.value ?? '0', a.figures[figure]?.value ?? '0'));
    },
    [breakdown.data, figure, tree.data],
  );
  const selected =
    selectedUnitId === undefined || !context
      ? undefined
      : selectedUnitId === context.root.id
        ? { id: context.root.id, name: context.root.name, figures: breakdown.data?.total }
        : (() => {
            const row = rows.find((r) => r.unitId === selectedUnitId);
            const region = regions.find((r) => r.unitId === selectedUnitId);
            return { id: selectedUnitId, name: row?.label ?? region?.name ?? '', figures: row?.figures };
          })();
  const selectedRegion = regions.find((r) => r.unitId !== null && r.unitId === selectedUnitId)?.name;

  if (maps.isError) return <QueryError error={maps.error} onRetry={() => void maps.refetch()} />;
  const outlineError = uploaded.error ?? builtin.error;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader
        title={t('map.title')}
        description={t('map.description')}
        extra={
          <Space wrap>
            <Segmented<MapFigure>
              aria-label={t('map.colourBy')}
              value={figure}
              onChange={setFigure}
              options={MAP_FIGURES.map((f) => ({ value: f, label: t(`map.figures.${f}`) }))}
            />
            <DatePicker.RangePicker
              aria-label={t('map.period')}
              allowClear={false}
              value={[dayjs(period.from), dayjs(period.to)]}
              onChange={(range) => {
                if (range?.[0] && range[1]) setPeriod({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });
              }}
            />
            {isAdmin && (
              <Button icon={<SettingOutlined />} onClick={() => setAdminOpen(true)}>
                {t('map.manage')}
              </Button>
            )}
          </Space>
        }
      />
      {breakdown.isPending && <Alert type="info" showIcon title={t('map.figuresLoading')} />}
      {breakdown.isError && <Alert type="warning" showIcon title={t('map.figuresUnavailable')} description={breakdown.error.message} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={outline?.caption ?? t('map.title')}>
            {outlineError ? (
              <QueryError error={outlineError} />
            ) : outline ? (
              <RegionMap
                mapKey={outline.key}
                geojson={outline.geojson}
                data={data}
                highlight={outline.highlight}
                scale={view?.kind === 'uploaded'}
                selected={selectedRegion ?? (selectedUnitId === context?.root.id ? outline.highlight : undefined)}
                onSelect={(name) => {
                  const region = regions.find((r) => r.name === name);
                  setSelectedUnitId(region?.unitId ?? (name === outline.highlight ? context?.root.id : undefined));
                }}
                ariaLabel={outline.caption}
              />
            ) : (
              <div style={{ height: 560, display: 'grid', placeItems: 'center' }}>
                <Spin />
              </div>
            )}
            {view?.kind === 'builtin' && (
              <Alert
                style={{ marginTop: 12 }}
                type="info"
                showIcon
                icon={<EnvironmentOutlined />}
                title={t('map.countyNote')}
                description={t('map.countyNoteDetail')}
                action={
                  isAdmin && (
                    <Button size="small" onClick={() => setAdminOpen(true)}>
                      {t('map.upload')}
                    </Button>
                  )
                }
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={selected ? selected.name : t('map.selectHint')} data-testid="map-selection">
              {selected ? (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Row gutter={12}>
                    {(['funds_total', 'new_projects', 'signed_count', 'signed_amount'] as const).map((f) => (
                      <Col span={12} key={f}>
                        <Statistic
                          title={t(`map.figures.${f}`)}
                          value={selected.figures?.[f] ? (f === 'funds_total' || f === 'signed_amount' ? formatWan(selected.figures[f].value, lang) : selected.figures[f].value) : '—'}
                          styles={{ content: { fontSize: 18 } }}
                        />
                      </Col>
                    ))}
                  </Row>
                  {!selected.figures && <Typography.Text type="secondary">{breakdown.isSuccess ? t('map.noFigure') : t('map.figuresPending')}</Typography.Text>}
                  <Link to={`/projects?unitId=${selected.id}`}>{t('map.openProjects')}</Link>
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('map.selectHelp')}</Typography.Text>
              )}
            </Card>
            <Card size="small" title={t('map.ranking', { figure: t(`map.figures.${figure}`) })}>
              {breakdown.isSuccess ? (
                rows.length ? (
                  <List
                    size="small"
                    dataSource={rows}
                    renderItem={(r, i) => (
                      <List.Item
                        style={{ cursor: 'pointer', background: r.unitId === selectedUnitId ? '#e6f4ff' : undefined, paddingInline: 8 }}
                        onClick={() => setSelectedUnitId(r.unitId ?? undefined)}
                      >
                        <span>
                          {i + 1}. {r.label}
                        </span>
                        <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                          {show(r.figures[figure])}
                        </Typography.Text>
                      </List.Item>
                    )}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('map.noRows')} />
                )
              ) : (
                <Typography.Text type="secondary">{breakdown.isPending ? t('map.figuresLoading') : t('map.figuresUnavailable')}</Typography.Text>
              )}
            </Card>
          </Space>
        </Col>
      </Row>
      {isAdmin && <MapAdmin open={adminOpen} onClose={() => setAdminOpen(false)} />}
    </Space>
  );
}
