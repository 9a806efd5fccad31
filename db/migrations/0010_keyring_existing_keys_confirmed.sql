-- Keys in the keyring before confirmation existed were added by a person told to confirm the
-- fingerprint by phone; they stay trusted. Keys added from now on start pending.
UPDATE keyring SET confirmed_at = created_at WHERE confirmed_at IS NULL;
