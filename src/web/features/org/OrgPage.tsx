import { useEffect, useMemo, useRef, useState } from 'react';
import { Card, Col, Empty, Grid, Row } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useOrgTree } from './org.queries';
import { OrgTreePanel } from './OrgTreePanel';
import { buildForest } from './tree';
import { UnitDetails } from './UnitDetails';

/** 组织架构: the tree on the left, the selected unit (?unit=ID) on the right. */
export function OrgPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tree = useOrgTree();
  const screens = Grid.useBreakpoint();
  const detailsRef = useRef<HTMLDivElement>(null);

  const units = useMemo(() => tree.data ?? [], [tree.data]);
  const requested = Number(params.get('unit'));
  const firstRoot = useMemo(() => buildForest(units)[0]?.unit.id ?? null, [units]);
  const selectedId = units.some((u) => u.id === requested) ? requested : firstRoot;

  // On a phone the details sit below the tree: bring them into view after a tap in the tree.
  const isStacked = screens.lg === false;
  const [scrollPending, setScrollPending] = useState(false);
  useEffect(() => {
    if (!scrollPending) return;
    detailsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    setScrollPending(false);
  }, [scrollPending, selectedId]);

  const select = (id: number) => {
    setParams((p) => {
      p.set('unit', String(id));
      return p;
    });
  };
  const selectFromTree = (id: number) => {
    select(id);
    if (isStacked) setScrollPending(true);
  };

  return (
    <>
      <PageHeader title={t('nav.org')} description={t('org.description')} />
      {tree.isError ? (
        <QueryError error={tree.error} onRetry={() => void tree.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={9} xxl={7}>
            <Card size="small" title={t('org.treeTitle')} loading={tree.isPending}>
              {!tree.isPending && <OrgTreePanel units={units} selectedId={selectedId} onSelect={selectFromTree} />}
            </Card>
          </Col>
          <Col xs={24} lg={15} xxl={17} ref={detailsRef}>
            {selectedId !== null ? (
              <UnitDetails unitId={selectedId} units={units} onSelect={select} />
            ) : (
              !tree.isPending && (
                <Card>
                  <Empty description={t('org.selectHint')} />
                </Card>
              )
            )}
          </Col>
        </Row>
      )}
    </>
  );
}
