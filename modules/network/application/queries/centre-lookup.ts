import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '@modules/shared-kernel';
import { Centre, VideoBooth, centreNotFound } from '../../domain/centre';
import { Municipality } from '../../domain/municipality';

/** Loads a centre with its booths, or throws NETWORK.CENTRE_NOT_FOUND. */
export async function loadCentre(em: EntityManager, id: string): Promise<{ centre: Centre; booths: VideoBooth[]; municipality: Municipality | null }> {
  const centre = isUuid(id) ? await em.findOne(Centre, { id }) : await em.findOne(Centre, { code: id });
  if (!centre) throw centreNotFound();
  const [booths, municipality] = await Promise.all([
    em.find(VideoBooth, { centreId: centre.id }, { orderBy: { name: 'asc' } }),
    em.findOne(Municipality, { atvk: centre.municipalityAtvk }),
  ]);
  return { centre, booths, municipality };
}
