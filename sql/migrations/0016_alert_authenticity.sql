-- An alert's authenticity (issue 20): how real its spike window's posts looked when it was raised, as JSON
-- {"authenticity": {...}, "gate": "...", "held": bool}; '' when the alert was not judged (gate off, read failed).
-- Kept with the alert so a restart, a replay and an incident's export still say it; shown and exported whole.
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS authenticity String DEFAULT '' AFTER posts;
