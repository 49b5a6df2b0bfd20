// Names the clerk console shows next to the queue's ids and codes: centres and services (public
// network catalogue).
import { useEffect, useState } from 'react';
import { get } from '../../lib/api';

export interface CentreInfo {
  id: string;
  nameLv: string;
  shortName: string;
}

export interface ServiceInfo {
  code: string;
  nameLv: string;
  nameEn: string;
  institutionCode: string;
}

export function useCentres(ids: string[]): CentreInfo[] | null {
  const [centres, setCentres] = useState<CentreInfo[] | null>(null);
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    Promise.all(key.split(',').filter(Boolean).map((id) => get<CentreInfo>(`/api/v1/network/centres/${encodeURIComponent(id)}`, { anonymous: true }).catch(() => ({ id, nameLv: id, shortName: id }))))
      .then((list) => live && setCentres(list))
      .catch(() => live && setCentres([]));
    return () => {
      live = false;
    };
  }, [key]);
  return centres;
}

export function useServices(centreId: string | null): Map<string, ServiceInfo> {
  const [services, setServices] = useState<Map<string, ServiceInfo>>(new Map());
  useEffect(() => {
    if (!centreId) return;
    let live = true;
    get<ServiceInfo[]>(`/api/v1/network/services?centre=${encodeURIComponent(centreId)}`, { anonymous: true })
      .then((list) => live && setServices(new Map(list.map((s) => [s.code, s]))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [centreId]);
  return services;
}
