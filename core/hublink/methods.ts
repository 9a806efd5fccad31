import fs from 'node:fs';
import { asc, count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { accounts, cases, hubLink, hubMatches, hubReceipts, subjects } from '../../db/schema/index.js';
import { mutation, preparedMutation, query } from '../contract.js';
import type { Ctx } from '../context.js';
import { conflict, invalid, ProceedsError } from '../errors.js';
import { newId } from '../ids.js';
import { getCase } from '../cases/methods.js';
import { writeCaseBundle } from '../bundle/methods.js';
import { fingerprintWords, sameFingerprint } from '../keys/fingerprint-words.js';
import { unlockSigningKey } from '../keys/store.js';
import type { HubMatch } from '../hub/matches.js';
import { HubClient } from '../hub/client.js';
import { answerOf, call, confirmedLink, hubClient, linkRow, parseHubInfo } from './connection.js';
import { HubReceiptAnswer, receiptProblem } from './receipt.js';
import { HubCaseRef, HubConfirm, HubConnect, HubShare, HubSync } from './schemas.js';

/**
 * The desktop's side of the regional hub (docs/hub.md): link to a hub whose key a person confirmed,
 * share a case with it as a signed bundle, and sync the cross-agency matches and receipts. Requests
 * are signed with this installation's signing key; the hub's answers are checked, never trusted.
 */

/** What the hub answers to a push, to a receipt request and to a matches request (docs/hub.md). */
const PushAnswer = z.object({ bundleId: z.string(), status: z.enum(['stored', 'duplicate']), records: z.number().int().nonnegative(), receipt: HubReceiptAnswer });
const ReceiptAnswer = z.object({ receipt: HubReceiptAnswer });
const MatchesAnswer = z.object({ matches: z.array(z.unknown()).default([]) });

const publicLink = (l: NonNullable<ReturnType<typeof linkRow>>) => ({ ...l, fingerprintWords: fingerprintWords(l.fingerprint) });

function keepReceipt(ctx: Ctx, link: { fingerprint: string; publicKey: string }, bundleId: string, caseId: string | null, receipt: HubReceiptAnswer) {
  const bad = receiptProblem(receipt, Buffer.from(link.publicKey, 'base64'), bundleId);
  if (bad) throw new ProceedsError('Invalid', `the hub's receipt for bundle ${bundleId} was not kept: ${bad}`, [{ path: 'receipt', message: bad }]);
  const row = {
    id: newId(), bundleId, caseId, hubFingerprint: link.fingerprint, checkpoint: receipt.checkpoint, entryBytes: receipt.entryBytes,
    leafIndex: receipt.leafIndex, treeSize: receipt.treeSize, proof: JSON.stringify(receipt.proof),
  };
  const kept = ctx.db.insert(hubReceipts).values(row).onConflictDoNothing().returning().all();
  if (kept.length) ctx.audit({ entity: 'hub_receipt', entityId: row.id, caseId, after: { bundleId, treeSize: row.treeSize, hubFingerprint: row.hubFingerprint } });
  return kept.length;
}

/** Our record a match names: the account or subject of this installation, for the label. */
function ourRecordLabel(ctx: Ctx, table: string, id: string): string | null {
  if (table === 'accounts') return ctx.db.select({ l: accounts.identifier }).from(accounts).where(eq(accounts.id, id)).get()?.l ?? null;
  if (table === 'subjects') return ctx.db.select({ l: subjects.name }).from(subjects).where(eq(subjects.id, id)).get()?.l ?? null;
  return null;
}

export const hubLinkMethods = {
  /** The hub this installation is linked to (null: none), with its fingerprint as words to read out. */
  'hub.status': query(z.object({}), (_input, ctx) => {
    const link = linkRow(ctx);
    const n = (t: typeof hubReceipts | typeof hubMatches) => ctx.db.select({ n: count() }).from(t).get()!.n;
    return { link: link ? publicLink(link) : null, receipts: n(hubReceipts), matches: n(hubMatches) };
  }),

  /**
   * Asks the hub at `url` who it is (a signed request: the hub must know this installation's key)
   * and keeps its key, pending until a person confirms its fingerprint with the hub's operator.
   */
  'hub.connect': preparedMutation(
    HubConnect,
    async (input, ctx) => {
      const client = await hubClient(ctx, input.url, input.keyId, input.passphrase);
      const r = await call(client, input.url, (c) => c.get('/v1/hub'), 'url');
      return parseHubInfo(r.body, input.url);
    },
    (input, ctx, hub) => {
      const before = linkRow(ctx);
      const row = { id: newId(), url: input.url.replace(/\/+$/, ''), name: hub.name, publicKey: hub.publicKey, fingerprint: hub.fingerprint, signingKeyId: input.keyId, confirmedAt: null };
      // The same key at the same address stays confirmed; any other key must be confirmed afresh.
      if (before && before.fingerprint === row.fingerprint) row.confirmedAt = before.confirmedAt as null;
      ctx.db.delete(hubLink).run();
      ctx.db.insert(hubLink).values(row).run();
      const after = linkRow(ctx)!;
      ctx.audit({ entity: 'hub_link', entityId: row.id, before, after });
      return { ...publicLink(after), you: hub.you };
    },
  ),

  /** Trusts the hub's key once the fingerprint read back by its operator matches (as keyring.confirm). */
  'hub.confirm': mutation(HubConfirm, (input, ctx) => {
    const before = linkRow(ctx);
    if (!before) throw invalid('fingerprint', 'no hub is set up: add its address first');
    if (before.confirmedAt) throw conflict(`the hub's key was confirmed already on ${before.confirmedAt}`, 'fingerprint');
    if (!sameFingerprint(input.fingerprint, before.fingerprint)) throw invalid('fingerprint', `does not match the hub's fingerprint ${before.fingerprint}: do not trust this hub`);
    ctx.db.update(hubLink).set({ confirmedAt: ctx.now() }).where(eq(hubLink.id, before.id)).run();
    const after = linkRow(ctx)!;
    ctx.audit({ entity: 'hub_link', entityId: before.id, before, after });
    return publicLink(after);
  }),

  /**
   * "Share with the hub": exports the case (or a selection) as a signed, unsealed bundle, pushes it
   * and keeps the hub's receipt. A refusal (a rewritten history, a bundle that fails verification)
   * keeps nothing: the bundle is not recorded as sent.
   */
  'hub.share': preparedMutation(
    HubShare,
    async (input, ctx) => {
      const link = confirmedLink(ctx);
      return { link, key: await unlockSigningKey(ctx, link.signingKeyId, input.passphrase) };
    },
    async (input, ctx, { link, key }) => {
      const c = getCase(ctx, input.caseId);
      const written = await writeCaseBundle(
        { caseId: c.id, recipients: [link.name], scope: input.scope, keyId: link.signingKeyId, unencrypted: true, fileName: undefined, out: undefined, keyFile: undefined, passphrase: undefined },
        ctx,
        key,
      );
      try {
        ctx.progress({ phase: 'pushing', done: 0, total: 1 });
        const r = answerOf(PushAnswer, (await call(new HubClient(link.url, key), link.url, (h) => h.push(written.path))).body, 'the push');
        if (r.bundleId !== written.answer.bundleId) throw new ProceedsError('Invalid', `the hub answered for bundle ${r.bundleId}, not ${written.answer.bundleId}`);
        keepReceipt(ctx, link, written.answer.bundleId, c.id, r.receipt);
        return { status: r.status, bundleId: written.answer.bundleId, records: r.records, hub: link.name, treeSize: r.receipt.treeSize };
      } catch (e) {
        // Nothing shared: the file goes with the transaction that would have recorded it.
        // An unsealed bundle's detached signature is the zip's name plus .minisig (bundles.export).
        for (const f of [written.path, `${written.path}.minisig`]) fs.rmSync(f, { force: true });
        throw e;
      }
    },
    { long: true },
  ),

  /**
   * "Sync": the hub's cross-agency matches of our bundles (replacing those kept), and a fresh receipt
   * for every bundle it took from us. The network is done before the writer is taken.
   */
  'hub.sync': preparedMutation(
    HubSync,
    async (input, ctx) => {
      const link = confirmedLink(ctx);
      const client = await hubClient(ctx, link.url, link.signingKeyId, input.passphrase);
      const m = await call(client, link.url, (h) => h.get('/v1/matches'));
      const sent = ctx.db.selectDistinct({ bundleId: hubReceipts.bundleId, caseId: hubReceipts.caseId }).from(hubReceipts).where(eq(hubReceipts.hubFingerprint, link.fingerprint)).all();
      const receipts: { bundleId: string; caseId: string | null; receipt: HubReceiptAnswer }[] = [];
      for (const s of sent) {
        const r = await call(client, link.url, (h) => h.get(`/v1/receipts/${s.bundleId}`));
        receipts.push({ ...s, receipt: answerOf(ReceiptAnswer, r.body, `the receipt of bundle ${s.bundleId}`).receipt });
      }
      return { link, matches: answerOf(MatchesAnswer, m.body, 'the matches').matches as HubMatch[], receipts };
    },
    (_input, ctx, { link, matches, receipts }) => {
      const now = ctx.now();
      const caseIds = new Map(ctx.db.select({ id: cases.id, number: cases.number }).from(cases).all().map((c) => [c.number, c.id]));
      ctx.db.delete(hubMatches).run();
      const rows = matches.map((m) => ({
        id: newId(), caseId: caseIds.get(m.ours.caseNumber) ?? null, caseNumber: String(m.ours.caseNumber), kind: String(m.kind), value: String(m.value),
        ourBundleId: String(m.ours.bundleId), ourTable: String(m.ours.record.table), ourRecordId: String(m.ours.record.id),
        theirAgency: String(m.theirs.agency), theirCaseNumber: String(m.theirs.caseNumber), theirBundleId: String(m.theirs.bundleId),
        theirTable: String(m.theirs.record.table), theirRecordId: String(m.theirs.record.id), syncedAt: now,
      }));
      for (let i = 0; i < rows.length; i += 200) ctx.db.insert(hubMatches).values(rows.slice(i, i + 200)).run();
      let kept = 0;
      for (const r of receipts) kept += keepReceipt(ctx, link, r.bundleId, r.caseId, r.receipt);
      ctx.db.update(hubLink).set({ lastSyncAt: now }).where(eq(hubLink.id, link.id)).run();
      ctx.audit({ entity: 'hub_sync', entityId: link.id, after: { hub: link.name, matches: rows.length, receipts: kept, at: now } });
      return { matches: rows.length, receipts: kept, syncedAt: now };
    },
  ),

  /** The matches the last sync brought for this case: our record, and the other agency's side by provenance only. */
  'hub.matches': query(HubCaseRef, (input, ctx) => {
    const rows = ctx.db.select().from(hubMatches).where(eq(hubMatches.caseId, input.caseId)).orderBy(asc(hubMatches.kind), asc(hubMatches.value), asc(hubMatches.theirAgency)).all();
    return rows.map((r) => ({ ...r, ourLabel: ourRecordLabel(ctx, r.ourTable, r.ourRecordId) }));
  }),

  /** Receipts kept for this case's bundles, newest first. */
  'hub.receipts': query(HubCaseRef, (input, ctx) =>
    ctx.db.select({ id: hubReceipts.id, bundleId: hubReceipts.bundleId, treeSize: hubReceipts.treeSize, leafIndex: hubReceipts.leafIndex, hubFingerprint: hubReceipts.hubFingerprint, receivedAt: hubReceipts.receivedAt })
      .from(hubReceipts).where(eq(hubReceipts.caseId, input.caseId)).orderBy(desc(hubReceipts.receivedAt), desc(hubReceipts.treeSize)).all(),
  ),
};
