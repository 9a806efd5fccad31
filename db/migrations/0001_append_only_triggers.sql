-- The audit log and the chain of custody are append-only: nothing edits or deletes their rows.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be updated'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events
BEGIN SELECT RAISE(ABORT, 'custody_events is append-only: record a correction instead'); END;
--> statement-breakpoint
CREATE TRIGGER asset_status_events_no_update BEFORE UPDATE ON asset_status_events
BEGIN SELECT RAISE(ABORT, 'asset_status_events is append-only'); END;
