// The signed-in clerk's centres (ids from the token, details from the public Network API) and the
// picker a page shows when there is more than one — shared by the intake, booth and booking pages.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { get } from './api';
import { useSession } from './auth';

/** The caller's centre ids and, once read, their details (as the page's own type of centre). */
export function useMyCentres<C extends { id: string; nameLv: string }>(onError?: (e: unknown) => void): { centreIds: string[]; centres: C[] } {
  const session = useSession();
  const centreIds = useMemo(() => session.principal?.centreIds ?? [], [session.principal]);
  const [centres, setCentres] = useState<C[]>([]);
  useEffect(() => {
    Promise.all(centreIds.map((id) => get<C>(`/api/v1/network/centres/${id}`))).then(setCentres, (e: unknown) => onError?.(e));
    // onError is the page's callback; the centres depend on the ids only.
  }, [centreIds]);
  return { centreIds, centres };
}

/** A labelled select of the caller's centres; nothing when there is only one. */
export function CentrePicker(props: {
  id: string;
  label: string;
  centreIds: readonly string[];
  centres: ReadonlyArray<{ id: string; nameLv: string }>;
  value: string;
  onChange: (centreId: string) => void;
  disabled?: boolean;
}): ReactNode {
  if (props.centreIds.length <= 1) return null;
  return (
    <p className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)} disabled={props.disabled}>
        {props.centreIds.map((id) => (
          <option key={id} value={id}>
            {props.centres.find((c) => c.id === id)?.nameLv ?? id}
          </option>
        ))}
      </select>
    </p>
  );
}
