-- Threads, quotes and authors' age (issue 16).
-- reply_to / quote_of: the id (as stored in posts.id, same source) of the post this one answers or quotes, '' when
-- none; the queue shows the conversation, and a quote of a complaint counts as its propagation.
-- author_created_at: when the author's account was created, where the network says so (X user created_at, Bluesky
-- profile createdAt, Mastodon account created_at); NULL when unknown. Read by the authenticity work (issue 20).
ALTER TABLE posts
    ADD COLUMN IF NOT EXISTS reply_to String DEFAULT '' AFTER repost_of,
    ADD COLUMN IF NOT EXISTS quote_of String DEFAULT '' AFTER reply_to,
    ADD COLUMN IF NOT EXISTS author_created_at Nullable(DateTime64(3, 'UTC')) AFTER author_verified;
