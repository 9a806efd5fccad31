-- Evidence tables refuse UPDATE and DELETE except inside the app's own audited transactions:
-- proceeds_audited_write() is registered by the app on its connections (db/connection.ts) and says 1
-- only inside a contract mutation or a migration. Any other program gets "no such function".
-- custody_events and asset_status_events already refuse every UPDATE (0001); they gain the DELETE guard.
CREATE TRIGGER transactions_guard_update BEFORE UPDATE ON transactions WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'transactions holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER transactions_guard_delete BEFORE DELETE ON transactions WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'transactions holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER imports_guard_update BEFORE UPDATE ON imports WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'imports holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER imports_guard_delete BEFORE DELETE ON imports WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'imports holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER import_rejects_guard_update BEFORE UPDATE ON import_rejects WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'import_rejects holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER import_rejects_guard_delete BEFORE DELETE ON import_rejects WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'import_rejects holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER exhibits_guard_update BEFORE UPDATE ON exhibits WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'exhibits holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER exhibits_guard_delete BEFORE DELETE ON exhibits WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'exhibits holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER traces_guard_update BEFORE UPDATE ON traces WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'traces holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER traces_guard_delete BEFORE DELETE ON traces WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'traces holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER bundles_guard_update BEFORE UPDATE ON bundles WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'bundles holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER bundles_guard_delete BEFORE DELETE ON bundles WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'bundles holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER custody_events_guard_delete BEFORE DELETE ON custody_events WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'custody_events holds evidence: it changes only through Proceeds, which audits every change'); END;
--> statement-breakpoint
CREATE TRIGGER asset_status_events_guard_delete BEFORE DELETE ON asset_status_events WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, 'asset_status_events holds evidence: it changes only through Proceeds, which audits every change'); END;
