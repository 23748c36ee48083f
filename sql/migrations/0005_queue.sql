-- The response queue's actions (assign, answered, dismiss, reopen): append-only and kept, one row per action, so the
-- room's record says who did what to which post, and when. An item's status is its newest action (argMax by at).
-- The queue itself is not stored: it is computed from posts (and their reposts) at read time, so priority follows
-- reposts as they arrive (see docs/queue.md).
-- ORDER BY (post_id, at): reads are "the newest action per post" and "this post's history".
CREATE TABLE IF NOT EXISTS queue_actions
(
    post_id  String,
    action   LowCardinality(String),
    assignee String,
    by       String,
    note     String,
    at       DateTime64(3, 'UTC')
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (post_id, at);
