-- Incidents (issue 18): alerts on one entity and metric family grouped into one thing the room works on. Append-only
-- and kept, one row per event (opened, alert, severity, acknowledged, snoozed, resolved, reopened, assigned, note,
-- escalated, routed), like queue_actions: an incident's state is the fold of its events in order, and its timeline
-- is those rows, which a post-mortem exports as they are.
-- ORDER BY (incident_id, at): reads are "this incident's timeline" and "the incidents of the last days".
CREATE TABLE IF NOT EXISTS incident_events
(
    incident_id String,
    fingerprint String,
    entity      LowCardinality(String),
    family      LowCardinality(String),
    kind        LowCardinality(String),
    severity    UInt8,
    alert_id    String,
    owner       String,
    note        String,
    route       String,
    onset       DateTime64(3, 'UTC'),
    until       DateTime64(3, 'UTC'),
    by          String,
    at          DateTime64(3, 'UTC')
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (incident_id, at);
