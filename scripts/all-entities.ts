// Entity schemas of every module, for tools that run without the Nest container (migration generator).
import { NETWORK_ENTITIES } from '../modules/network/infrastructure/persistence';
import { SCHEDULING_ENTITIES } from '../modules/scheduling/infrastructure/persistence';
import { INTAKE_ENTITIES } from '../modules/intake/infrastructure/persistence';
import { REPORTING_ENTITIES } from '../modules/reporting/infrastructure/persistence';
import { REMOTE_OFFICIAL_ENTITIES } from '../modules/remote-official/infrastructure/persistence';

export const ALL_ENTITIES = [...NETWORK_ENTITIES, ...SCHEDULING_ENTITIES, ...INTAKE_ENTITIES, ...REPORTING_ENTITIES, ...REMOTE_OFFICIAL_ENTITIES];
