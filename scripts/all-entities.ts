// Entity schemas of every module, for tools that run without the Nest container (migration generator).
import { NETWORK_ENTITIES } from '../modules/network/infrastructure/persistence';
import { SCHEDULING_ENTITIES } from '../modules/scheduling/infrastructure/persistence';
import { INTAKE_ENTITIES } from '../modules/intake/infrastructure/persistence';

export const ALL_ENTITIES = [...NETWORK_ENTITIES, ...SCHEDULING_ENTITIES, ...INTAKE_ENTITIES];
