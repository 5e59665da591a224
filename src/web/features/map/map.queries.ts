import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateMapBody, MapDetail, MapList, UpdateMapBody } from '../../../shared/api/maps';
import type { StatsBreakdown } from '../../../shared/api/stats';
import { api, apiRequest, pathOf } from '../../api/client';

/** A GeoJSON FeatureCollection as ECharts' registerMap takes it. */
export interface GeoJson {
  type: 'FeatureCollection';
  features: { properties?: { name?: string } }[];
}

export function useMaps() {
  return useQuery({ queryKey: ['maps'], queryFn: ({ signal }) => api.get<MapList>('/api/maps', undefined, signal) });
}

export function useMapDetail(id: number | undefined) {
  return useQuery({
    queryKey: ['maps', id],
    queryFn: ({ signal }) => api.get<MapDetail>(pathOf('/api/maps', id!), undefined, signal),
    enabled: id !== undefined,
  });
}

/** A shipped province or country outline: it never changes, so it is fetched once per session. */
export function useBuiltinMap(name: string | undefined) {
  return useQuery({
    queryKey: ['maps', 'builtin', name],
    queryFn: ({ signal }) => api.get<GeoJson>(pathOf('/api/maps/builtin', name!), undefined, signal),
    enabled: name !== undefined,
    staleTime: Infinity,
  });
}

/** The figures per child unit of the user's scope root (GET /api/stats/breakdown?by=unit). */
export function useUnitBreakdown(unitId: number | undefined, period: { from: string; to: string }) {
  return useQuery({
    queryKey: ['stats', 'breakdown', 'unit', unitId, period],
    queryFn: ({ signal }) => api.get<StatsBreakdown>('/api/stats/breakdown', { by: 'unit', unit: unitId, ...period }, signal),
    enabled: unitId !== undefined,
    retry: false,
  });
}

function useInvalidateMaps() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['maps'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useUploadMap() {
  const invalidate = useInvalidateMaps();
  return useMutation({ mutationFn: (body: CreateMapBody) => api.post<MapDetail>('/api/maps', body), onSuccess: invalidate });
}

export function useUpdateMap() {
  const invalidate = useInvalidateMaps();
  return useMutation({ mutationFn: ({ id, body }: { id: number; body: UpdateMapBody }) => api.patch<MapDetail>(pathOf('/api/maps', id), body), onSuccess: invalidate });
}

export function useDeleteMap() {
  const invalidate = useInvalidateMaps();
  return useMutation({ mutationFn: (id: number) => apiRequest<{ ok: true }>('DELETE', pathOf('/api/maps', id)), onSuccess: invalidate });
}
