import { newId } from '@modules/shared-kernel';
import { queueError } from './queue-errors';

const PREFIX_RE = /^[A-Z]$/;

export function prefixMustBeOneCapitalLetter(prefix: string): void {
  if (!PREFIX_RE.test(prefix)) throw queueError('QUEUE.INVALID_PREFIX', { prefix });
}

/** `others` are the centre's queues; the queue being changed may be among them. */
export function prefixMustBeUniqueInCentre(queue: Pick<ServiceQueue, 'id' | 'centreId' | 'prefix'>, others: readonly ServiceQueue[]): void {
  const clash = others.find((other) => other.id !== queue.id && other.centreId === queue.centreId && other.prefix === queue.prefix);
  if (clash) throw queueError('QUEUE.PREFIX_TAKEN', { prefix: queue.prefix, queueId: clash.id });
}

export interface NewServiceQueue {
  id?: string;
  centreId: string;
  nameLv: string;
  nameEn: string;
  prefix: string;
  serviceCodes?: string[];
  sortOrder?: number;
}

/** A walk-in queue of a centre; its prefix letter starts every ticket number it issues. */
export class ServiceQueue {
  id: string = newId();
  centreId!: string;
  nameLv!: string;
  nameEn!: string;
  prefix!: string;
  /** The services whose tickets go to this queue. */
  serviceCodes: string[] = [];
  sortOrder = 0;
  active = true;

  /** `centreQueues` are the centre's existing queues, to keep the prefix unique. */
  static create(input: NewServiceQueue, centreQueues: readonly ServiceQueue[] = []): ServiceQueue {
    const queue = new ServiceQueue();
    if (input.id) queue.id = input.id;
    queue.centreId = input.centreId;
    queue.nameLv = input.nameLv;
    queue.nameEn = input.nameEn;
    queue.prefix = input.prefix;
    queue.serviceCodes = [...new Set(input.serviceCodes ?? [])];
    queue.sortOrder = input.sortOrder ?? 0;
    prefixMustBeOneCapitalLetter(queue.prefix);
    prefixMustBeUniqueInCentre(queue, centreQueues);
    return queue;
  }

  changePrefix(prefix: string, centreQueues: readonly ServiceQueue[]): void {
    prefixMustBeOneCapitalLetter(prefix);
    prefixMustBeUniqueInCentre({ id: this.id, centreId: this.centreId, prefix }, centreQueues);
    this.prefix = prefix;
  }

  setServiceCodes(serviceCodes: readonly string[]): void {
    this.serviceCodes = [...new Set(serviceCodes)];
  }

  offers(serviceCode: string): boolean {
    return this.serviceCodes.includes(serviceCode);
  }

  activate(): void {
    this.active = true;
  }

  /** Stops issuing tickets; tickets already waiting are still called. */
  deactivate(): void {
    this.active = false;
  }
}

/** The active queue a service's tickets go to: the first by sortOrder among those offering it. */
export function queueForService(queues: readonly ServiceQueue[], serviceCode: string): ServiceQueue | null {
  const offering = queues.filter((queue) => queue.active && queue.offers(serviceCode));
  offering.sort((a, b) => a.sortOrder - b.sortOrder || a.prefix.localeCompare(b.prefix));
  return offering[0] ?? null;
}
