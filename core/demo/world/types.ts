import type { InferInsertModel, Table } from 'drizzle-orm';
import type {
  accounts,
  agencies,
  assetLinks,
  assetStatusEvents,
  assets,
  caseParticipants,
  cases,
  custodyEvents,
  subjects,
  transactions,
} from '../../../db/schema/index.js';

/**
 * The demo case as plain rows, exactly as the tables store them (JSON columns as text), typed from
 * the drizzle schema so a renamed column breaks the build here rather than the load at run time.
 * Every row carries its id and its created_at, both derived from the seed.
 */
type Row<T extends Table> = InferInsertModel<T> & { id: string; createdAt: string };

/**
 * The generator computes its (small, fiat) amounts as numbers; the loader stores them as the
 * exact decimal text every amount has in the database, and derives the transactions' time keys.
 */
type MoneyAsNumber<R> = { [K in keyof R]: K extends `${string}Minor` ? (null extends R[K] ? number | null : number) : R[K] };

export type AgencyRow = Row<typeof agencies>;
export type CaseRow = Row<typeof cases> & { number: string };
export type ParticipantRow = Row<typeof caseParticipants>;
export type SubjectRow = Row<typeof subjects>;
export type AccountRow = Row<typeof accounts> & { currency: string; external: boolean; institution: string; holderName: string; notes: string };
export type TransactionRow = Omit<MoneyAsNumber<Row<typeof transactions>>, 'timeKey'> & {
  seq: number; occurredAt: string; amountMinor: number; currency: string; reference: string; memo: string; counterpartyName: string;
};
export type AssetRow = Row<typeof assets>;
export type AssetStatusEventRow = Row<typeof assetStatusEvents>;
export type CustodyEventRow = Row<typeof custodyEvents>;
export type AssetLinkRow = Row<typeof assetLinks> & { note: string };

export interface DemoCase {
  seed: number;
  scale: number;
  agencies: AgencyRow[];
  case: CaseRow;
  participants: ParticipantRow[];
  subjects: SubjectRow[];
  accounts: AccountRow[];
  /** In the order they happened; `seq` numbers them from 1. */
  transactions: TransactionRow[];
  assets: AssetRow[];
  assetStatusEvents: AssetStatusEventRow[];
  custodyEvents: CustodyEventRow[];
  assetLinks: AssetLinkRow[];
}
