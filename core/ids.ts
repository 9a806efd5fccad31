import { v7 } from 'uuid';

/** Time-ordered, globally unique ids: records from several agencies merge without collisions. */
export const newId = (): string => v7();
